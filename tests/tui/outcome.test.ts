// The decision record and the cost as a person sees them in the live view: the cost on the status
// line while a turn streams, and the Outcome box after the summary, at 80×24 and at 60×20.
import { expect, it } from 'vitest';
import { describeInTmux } from './fixture.js';
import { statusOf, TerminalRun } from './terminal.js';

// The example table at the repository's root: its first question lists options.
const RUN = ['--closing', '--turns', '2', '--seed', '1'];

describeInTmux('the decision record in the live view', () => {
  const runs: TerminalRun[] = [];
  const start = async (args: readonly string[], columns: number, rows: number) => {
    const run = await TerminalRun.start({ args, columns, rows });
    runs.push(run);
    return run;
  };

  it('shows the cost as it streams, then the Outcome box at 80×24', async () => {
    try {
      const run = await start(RUN, 80, 24);
      // The offline model costs nothing, and the status line says so while a turn streams.
      const streaming = await run.waitForScreen(
        (screen) => /^Turn \d\/2 · .* · \$0 \(Discussion \$0, \w+ \$0\)$/m.test(statusOf(screen)),
        'the cost on the status line mid-turn',
        30_000,
      );
      expect(statusOf(streaming)).toMatch(/\$0/);
      expect(await run.exitCode(90_000)).toBe(0);
      const all = await run.scrollback();
      const box = all.slice(all.lastIndexOf('╭'));
      expect(box).toMatch(/^│ Outcome +│$/m);
      expect(box).toMatch(/│ Should the Larkhaven Branch carry trains again/);
      expect(box).toMatch(/→ (trains|trail|housing|tie between)/);
      expect(box).toMatch(/│ Cost: \$0 for [\d,]+ tokens +│$/m);
      for (const line of box.split('\n').filter((l) => l.startsWith('│'))) {
        expect(line.length, line).toBe(80);
        expect(line.endsWith('│'), line).toBe(true);
      }
    } finally {
      await Promise.all(runs.splice(0).map((run) => run.close()));
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
      expect(box).toContain('Cost: $0');
    } finally {
      await Promise.all(runs.splice(0).map((run) => run.close()));
    }
  }, 120_000);
});
