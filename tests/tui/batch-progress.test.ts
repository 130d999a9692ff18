// `roundtable batch` on a terminal, read as a person sees it: one bar for the batch (runs done,
// ETA, tokens, cost) and a line per running discussion, redrawn in place; a line that stays for
// each run that ends; the summary at the end. At 80×24 and 60×20, and with more discussions at
// once than the terminal has rows: the block is redrawn in place, so none of it may be left
// behind in the scrollback, and no line may be wider than the terminal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { writeTable } from '../helpers/cli.js';
import { describeInTmux } from './fixture.js';
import { TerminalRun } from './terminal.js';

let dummy: DummyServer | undefined;
let dir: string | undefined;
const runs: TerminalRun[] = [];

beforeAll(async () => {
  dummy = await startDummyServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    tokensPerSecond: 150,
  });
  dir = await mkdtemp(join(tmpdir(), 'roundtable-tui-batch-'));
});
afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.close()));
});
afterAll(async () => {
  await dummy?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const BAR = /^[█░]{10,} {2}\d+\/\d+ runs/;

async function batchOnTerminal(
  name: string,
  seeds: number,
  concurrency: number,
  size: { columns: number; rows: number },
): Promise<TerminalRun> {
  if (dummy === undefined || dir === undefined) throw new Error('setup');
  const table = writeTable(join(dir, `${name}-table`), 3);
  const grid = join(dir, `${name}.json`);
  await writeFile(
    grid,
    JSON.stringify({
      tables: [table],
      seeds: Array.from({ length: seeds }, (_, i) => i + 1),
      settings: [{ endpoint: 'paced', turns: 4, maxTokens: 40, summary: false }],
      endpoints: { paced: { baseUrl: dummy.url, model: 'markov' } },
    }),
  );
  const run = await TerminalRun.start({
    command: 'batch',
    args: [grid, '--out', join(dir, `${name}-out`), '--concurrency', String(concurrency)],
    env: { ROUNDTABLE_HOME: join(dir, `${name}-home`) },
    ...size,
  });
  runs.push(run);
  return run;
}

/** Every frame seen while the batch runs, and the scrollback at the end, hold to what a person expects. */
async function watch(run: TerminalRun, columns: number, rows: number): Promise<string[]> {
  const frames: string[] = [];
  for (;;) {
    const screen = await run.screen();
    frames.push(screen);
    const lines = screen.split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
    expect(lines.length).toBeLessThanOrEqual(rows);
    expect(lines.filter((line) => BAR.test(line)).length, screen).toBeLessThanOrEqual(1);
    if (/Results: /.test(screen)) return frames;
    if (frames.length > 2_000) throw new Error(`no end after ${frames.length} frames:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeInTmux('a batch on a terminal', () => {
  for (const [columns, rows] of [
    [80, 24],
    [60, 20],
  ] as const) {
    it(`shows one bar and a line per running discussion at ${columns}×${rows}`, async () => {
      const run = await batchOnTerminal(`b${columns}`, 6, 3, { columns, rows });
      const frames = await watch(run, columns, rows);
      expect(await run.exitCode()).toBe(0);
      // While it ran: the bar with an ETA once a run had ended, and running discussions by turn.
      const live = frames.find((f) => /ETA \d/.test(f) && /turn \d\/4/.test(f));
      expect(live, frames.at(-1)).toBeDefined();
      expect(frames.some((f) => / {2}run \d+ \(.*\) {2}(turn \d\/4|starting)/.test(f))).toBe(true);
      // Each run's end stays on a line of its own; the bar is printed once, full, at the end.
      const all = (await run.scrollback()).split('\n');
      expect(all.filter((line) => /^done run \d+ /.test(line))).toHaveLength(6);
      expect(
        all.filter((line) => BAR.test(line)),
        all.join('\n'),
      ).toHaveLength(1);
      expect(all.find((line) => BAR.test(line))).toMatch(/^█+ {2}6\/6 runs {2}[\d,]+ tokens/);
    });
  }

  it('keeps the block within the screen when more discussions run than it has rows', async () => {
    const run = await batchOnTerminal('tall', 24, 24, { columns: 80, rows: 12 });
    const frames = await watch(run, 80, 12);
    expect(frames.some((f) => /^ {2}… and \d+ more running$/m.test(f))).toBe(true);
    expect(await run.exitCode()).toBe(0);
    const all = (await run.scrollback()).split('\n');
    expect(
      all.filter((line) => BAR.test(line)),
      all.join('\n'),
    ).toHaveLength(1);
    expect(all.filter((line) => /^done run \d+ /.test(line))).toHaveLength(24);
  });
});
