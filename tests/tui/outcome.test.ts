// The decision record and the cost as a person sees them in the live view: the status line while
// a turn streams (no cost for a free model), and the Outcome box after the summary, at 80×24 and
// at 60×20.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { describeInTmux } from './fixture.js';
import { statusOf } from './screen-text.js';
import { TerminalRun } from './terminal.js';

// The example table at the repository's root: its first question lists options.
const RUN = ['--closing', '--turns', '2', '--seed', '1'];

describeInTmux('the decision record in the live view', () => {
  const runs: TerminalRun[] = [];
  const start = async (args: readonly string[], columns: number, rows: number) => {
    const run = await TerminalRun.start({ args, columns, rows });
    runs.push(run);
    return run;
  };

  it('shows no $0 cost for the free offline model as a turn streams, then the Outcome box at 80×24', async () => {
    try {
      const run = await start(RUN, 80, 24);
      // The offline model costs nothing: the status line shows no "$0 (Discussion $0, Ann $0)"
      // while a turn streams, only the turn, the time and the tokens.
      const streaming = await run.waitForScreen(
        (screen) =>
          /^Turn \d\/2 · \d+:\d\d · ~?[\d.,k]+ in \/ ~[\d.,k]+ out$/m.test(statusOf(screen)),
        'the status line mid-turn',
        30_000,
      );
      expect(statusOf(streaming)).not.toContain('$');
      expect(await run.exitCode(90_000)).toBe(0);
      const all = await run.scrollback();
      // The end says what was spoken: 2 discussion turns and the 4 seats' closing answers.
      expect(all.replace(/\n +/g, ' ')).toContain('completed after 2 turns + 4 closing answers');
      const box = all.slice(all.lastIndexOf('╭'));
      expect(box).toMatch(/^│ Outcome +│$/m);
      expect(box).toMatch(/│ Should the Larkhaven Branch carry trains again/);
      expect(box).toMatch(/→ (trains|trail|housing|tie between)/);
      // Free: no "Cost: $0" line in the box.
      expect(box).not.toContain('Cost:');
      for (const line of box.split('\n').filter((l) => l.startsWith('│'))) {
        expect(line.length, line).toBe(80);
        expect(line.endsWith('│'), line).toBe(true);
      }
    } finally {
      await Promise.all(runs.splice(0).map((run) => run.close()));
    }
  }, 120_000);

  it('shows the cost as it streams, under budgetUsd, when the offline model has a price', async () => {
    // The example table with a price for the offline model (a config `prices` entry applies to
    // that model on every endpoint, a local one too): the run is priced, and budgetUsd applies.
    const table = mkdtempSync(join(tmpdir(), 'roundtable-priced-'));
    try {
      for (const part of ['participants', 'task']) {
        cpSync(join(ROOT, part), join(table, part), { recursive: true });
      }
      writeFileSync(
        join(table, 'roundtable.config.json'),
        JSON.stringify({ prices: { markov: { input: 2.5, output: 10 } } }),
      );
      const run = await start([table, ...RUN, '--budget-usd', '1'], 80, 24);
      const streaming = await run.waitForScreen(
        (screen) => /· \$\d+\.\d+/.test(statusOf(screen)),
        'a dollar figure in the status line mid-run',
        30_000,
      );
      // The total so far, then where it went (the phase, the seat speaking), cut to the width.
      expect(statusOf(streaming)).toMatch(/ · \$\d+\.\d+ \(/);
      expect(await run.exitCode(90_000)).toBe(0);
      const all = await run.scrollback();
      const box = all.slice(all.lastIndexOf('╭'));
      expect(box).toMatch(/│ +(Cost|Total cost)?.*\$\d+\.\d+/);
      expect(box).not.toContain('unknown');
    } finally {
      await Promise.all(runs.splice(0).map((run) => run.close()));
      rmSync(table, { recursive: true, force: true });
    }
  }, 120_000);

  it('fits the Outcome box to a 60×20 terminal', async () => {
    try {
      const run = await start([...RUN, '--pace', '0'], 60, 20);
      expect(await run.exitCode(90_000)).toBe(0);
      const all = await run.scrollback();
      const box = all.slice(all.lastIndexOf('╭'));
      const rows = box.split('\n').filter((l) => l.startsWith('│'));
      expect(rows.length).toBeGreaterThan(4);
      for (const line of rows) {
        expect(line.length, line).toBe(60);
        expect(line.endsWith('│'), line).toBe(true);
      }
      expect(box).not.toContain('$0');
    } finally {
      await Promise.all(runs.splice(0).map((run) => run.close()));
    }
  }, 120_000);
});
