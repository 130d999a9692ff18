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

/** A table folder and its settings, as `run` and `validate` both read them. */
export async function loadTableAndSettings(
  dir: string,
  command: Command,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ loaded: LoadedTable; settings: RunSettings }> {
  const read = await loadTable(dir);
  const settings = resolveSettings({
    flags: settingFlags(command),
    env,
    config: read.config,
    configPath: read.configPath,
  });
  const sided = seatSides(read.table, settings, read.roleFiles);
  const loaded = { ...read, table: sided.table, warnings: [...read.warnings, ...sided.warnings] };
  return { loaded, settings };
}
