import type { Command } from 'commander';
import { type LoadedTable, loadTable } from '../config/load-table.js';
import { type FlagValues, resolveSettings } from '../config/resolve-settings.js';
import { SETTINGS } from '../config/setting-descriptors.js';
import type { RunSettings } from '../config/settings.js';
import { seatSides } from '../config/sides.js';
import { FOLLOW_OUTSIDE_ENV, type TableFolderOptions } from '../config/table-folder.js';

/** Only the settings the user typed: defaults are the resolver's business, not commander's. */
export function settingFlags(command: Command): FlagValues {
  const flags: FlagValues = {};
  const values = command.opts() as Record<string, string | boolean | undefined>;
  for (const d of SETTINGS) {
    if (command.getOptionValueSource(d.key) === 'cli') flags[d.key] = values[d.key];
  }
  return flags;
}

/**
 * Whether the table's files may link outside its folder: only the person running roundtable says
 * so (the flag, or the environment), never the table itself, whose config file may not be theirs.
 */
export function followsOutsideSymlinks(
  command: Command | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (
    (command?.opts() as { followOutsideSymlinks?: unknown } | undefined)?.followOutsideSymlinks ===
    true
  ) {
    return true;
  }
  const value = env[FOLLOW_OUTSIDE_ENV]?.trim().toLowerCase();
  return value === '1' || value === 'true' || value === 'yes' || value === 'on';
}

/**
 * How the person running roundtable lets table files be read: the file size limit from a flag or
 * the environment (it must be known before the files are read; their faults are reported now, as
 * they would be later; without one, the table's config file sets it) and whether files may link
 * outside the table. `run`, `validate` and `batch` read tables with these.
 */
export function tableReadOptions(
  flags: FlagValues,
  command: Command | undefined,
  env: Readonly<Record<string, string | undefined>>,
): TableFolderOptions {
  const early = resolveSettings({ flags, env, randomSeed: () => 0 });
  return {
    maxFileBytes: early.sources.maxFileBytes === 'default' ? undefined : early.maxFileBytes,
    followOutsideSymlinks: followsOutsideSymlinks(command, env),
  };
}

/** A table folder and its settings, as `run` and `validate` both read them. */
export async function loadTableAndSettings(
  dir: string,
  command: Command,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ loaded: LoadedTable; settings: RunSettings }> {
  const flags = settingFlags(command);
  const read = await loadTable(dir, tableReadOptions(flags, command, env));
  const settings = resolveSettings({
    flags,
    env,
    config: read.config,
    configPath: read.configPath,
  });
  const sided = seatSides(read.table, settings, read.roleFiles);
  const loaded = { ...read, table: sided.table, warnings: [...read.warnings, ...sided.warnings] };
  return { loaded, settings };
}
