import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../scripts/readme-settings.js';
import { addSettingFlags, buildProgram } from '../src/cli/program.js';
import { SETTINGS } from '../src/config/setting-descriptors.js';
import { KNOB_NAMES } from '../test-server/model/knobs.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const squeeze = (text: string): string => text.replace(/[ \t]+/g, ' ').replace(/-{3,}/g, '---');

describe('README', () => {
  it('carries the settings table generated from the setting descriptors', () => {
    // Biome pads the table's columns, so compare with runs of spaces squeezed.
    expect(squeeze(readme)).toContain(squeeze(settingsTable()));
    for (const d of SETTINGS) expect(readme).toContain(`\`${d.key}\``);
  });

  it('documents every command and every flag of every command', async () => {
    const program = buildProgram();
    await addSettingFlags(program);
    const commands = program.commands as Command[];
    expect(commands.length).toBeGreaterThanOrEqual(4);
    // The Commands section's table lists every command (it once missed five).
    const commandTable = readme.slice(
      readme.indexOf('\n## Commands\n'),
      readme.indexOf('\n## Development\n'),
    );
    for (const command of commands) {
      expect(commandTable, `command ${command.name()}`).toContain(
        `| \`roundtable ${command.name()}`,
      );
      for (const option of command.options) {
        if (option.long === '--help' || option.long === '--version') continue;
        expect(readme, `${command.name()} ${option.long}`).toContain(String(option.long));
      }
    }
  });

  it('documents every knob of the offline model', () => {
    for (const knob of KNOB_NAMES) expect(readme, `knob ${knob}`).toContain(`| \`${knob}\``);
  });
});
