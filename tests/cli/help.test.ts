import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/package-info.js';
import { runCli } from '../helpers/cli.js';

const COMMANDS = ['run', 'validate', 'init', 'resume', 'dummy-server'] as const;

describe('roundtable --help and --version', () => {
  it('lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command);
  });

  it.each(COMMANDS)('%s answers --help and --version', async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: roundtable ${command}`);
    const version = await runCli([command, '--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
  });

  it('run --help reads on an 80-column terminal: wrapped descriptions, --no-X saying it turns X off', async () => {
    const help = await runCli(['run', '--help']);
    expect(help.code).toBe(0);
    const lines = help.stdout.trimEnd().split('\n');
    // One flag with its choices written out (--format <roundtable|debate|…>) once widened the
    // flags' column so far that no description wrapped: lines of 200 columns and more.
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('--speaker-policy <policy> Who speaks next');
    expect(text).toContain('one of: original, fair, random, round-robin, moderator, bid;');
    // A switch's description says what the setting does, then that the switch turns it off.
    expect(text).toContain(
      '--no-summary After the last turn, the participant with the most turns summarizes the discussion. On by default: this flag turns it off. [env:',
    );
    expect(text).toContain(
      '--no-introductions The table is introduced (who is seated, the first topic) before the first turn. On by default: this flag turns it off.',
    );
    expect(text).not.toContain('Turns off');
  });

  it('rejects an unknown option with exit code 2, a suggestion and no stack trace', async () => {
    const result = await runCli(['run', '--turn', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--turn'");
    expect(result.stderr).toContain('--turns');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad setting value naming the flag', async () => {
    const result = await runCli(['run', '--turns', 'many', '--no-transcript']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--turns');
    expect(result.stderr).toContain('"many"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
