import type { Command } from 'commander';
import { SETTINGS } from '../config/setting-descriptors.js';
import type { FlagValues } from '../config/settings.js';

/** Only the settings the user typed: defaults are the resolver's business, not commander's. */
export function settingFlags(command: Command): FlagValues {
  const flags: FlagValues = {};
  const values = command.opts() as Record<string, string | boolean | undefined>;
  for (const d of SETTINGS) {
    if (command.getOptionValueSource(d.key) === 'cli') flags[d.key] = values[d.key];
  }
  return flags;
}
