import type { Command } from 'commander';
import { type LoadedTable, loadTable } from '../config/load-table.js';
import { SETTINGS } from '../config/setting-descriptors.js';
import { type FlagValues, type RunSettings, resolveSettings } from '../config/settings.js';
import { seatSides } from '../config/sides.js';

/** Only the settings the user typed: defaults are the resolver's business, not commander's. */
export function settingFlags(command: Command): FlagValues {
  const flags: FlagValues = {};
  const values = command.opts() as Record<string, string | boolean | undefined>;
  for (const d of SETTINGS) {
    if (command.getOptionValueSource(d.key) === 'cli') flags[d.key] = values[d.key];
  }
  return flags;
}

/** The environment variable that, like --follow-outside-symlinks, lets table files link out. */
export const FOLLOW_OUTSIDE_ENV = 'ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS';

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

/** A table folder and its settings, as `run` and `validate` both read them. */
export async function loadTableAndSettings(
  dir: string,
  command: Command,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ loaded: LoadedTable; settings: RunSettings }> {
  const flags = settingFlags(command);
  // The file size limit must be known before the files are read: from a flag or the environment
  // here (their faults are reported now, as they would be below), else from the config file.
  const early = resolveSettings({ flags, env, randomSeed: () => 0 });
  const read = await loadTable(dir, {
    maxFileBytes: early.sources.maxFileBytes === 'default' ? undefined : early.maxFileBytes,
    followOutsideSymlinks: followsOutsideSymlinks(command, env),
  });
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
