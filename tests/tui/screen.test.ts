// What the live view shows, checked against what the README says it shows: the offline label,
// estimated tokens marked ~ while a turn streams, the offline model's readable pace, NO_COLOR,
// and wrapped lines (no stray space at their start, header lines with a hanging indent).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { writeTable } from '../helpers/cli.js';
import { describeInTmux, useFixture } from './fixture.js';
import { statusOf } from './screen-text.js';
import { TerminalRun } from './terminal.js';
import { type EventRecord, waitForTextMidTurn } from './waits.js';

interface Timed extends EventRecord {
  readonly ts?: string;
  readonly usage?: { readonly completionTokens: number };
}

/** Completion tokens a second of each finished turn, from events.jsonl's timestamps. */
function paces(events: readonly Timed[]): number[] {
  const rates: number[] = [];
  for (const end of events) {
    if (end.type !== 'turn-ended' || end.usage === undefined) continue;
    const start = events.find((e) => e.type === 'turn-started' && e.turn === end.turn);
    const seconds = (Date.parse(end.ts ?? '') - Date.parse(start?.ts ?? '')) / 1000;
    if (end.usage.completionTokens >= 20 && seconds > 0)
      rates.push(end.usage.completionTokens / seconds);
  }
  return rates;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching colour escapes is the point
const COLOUR = /\u001b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25];[0-9;]+)m/;

describeInTmux('the live view shows what the README says', () => {
  let table: string | undefined;
  const runs: TerminalRun[] = [];
  beforeAll(async () => {
    table = writeTable(await mkdtemp(join(tmpdir(), 'roundtable-screen-')), 3);
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((run) => run.close()));
  });
  afterAll(async () => {
    if (table !== undefined) await rm(table, { recursive: true, force: true });
  });
  const offline = async (args: readonly string[], env: Record<string, string> = {}) => {
    if (table === undefined) throw new Error('no table');
    const run = await TerminalRun.start({ args: [table, ...args], columns: 80, rows: 24, env });
    runs.push(run);
    return run;
  };

  it('runs the offline model at a readable pace, says "offline: Markov", marks estimates ~', async () => {
    const run = await offline(['--turns', '3', '--no-summary']);
    const streaming = await waitForTextMidTurn(run);
    const screen = await run.screen();
    expect(screen).toContain('● Ann Ann Tester · creativity 0.25 · offline: Markov');
    // Tokens count up as the turn streams, marked as estimates until the turn's usage comes.
    expect(statusOf(screen)).toMatch(/· \d+ in \/ ~\d+ out/);
    expect(streaming.turn).toBe(1);
    expect(await run.exitCode(60_000)).toBe(0);
    const rates = paces((await run.events()) as Timed[]);
    expect(rates.length).toBeGreaterThan(0);
    // 30 tokens a second by default (a little slower in practice: each chunk waits its turn).
    for (const rate of rates) expect(rate).toBeLessThan(40);
  });

  it('streams as fast as it can with --pace 0, and in plain output', async () => {
    for (const args of [['--pace', '0'], ['--plain']]) {
      const run = await offline(['--turns', '3', '--no-summary', ...args]);
      expect(await run.exitCode(30_000)).toBe(0);
      const rates = paces((await run.events()) as Timed[]);
      expect(rates.length).toBeGreaterThan(0);
      expect(Math.max(...rates), args.join(' ')).toBeGreaterThan(150);
    }
  });

  it('has no colours with NO_COLOR, and has them without it', async () => {
    const plainRun = await offline(['--turns', '2', '--no-summary', '--pace', '0'], {
      NO_COLOR: '1',
    });
    expect(await plainRun.exitCode(30_000)).toBe(0);
    const bare = await plainRun.scrollbackWithAttributes();
    expect(bare).toContain('Ann Tester');
    expect(bare).not.toMatch(COLOUR);
    const colourRun = await offline(['--turns', '2', '--no-summary', '--pace', '0']);
    expect(await colourRun.exitCode(30_000)).toBe(0);
    expect(await colourRun.scrollbackWithAttributes()).toMatch(COLOUR);
  });
});

describeInTmux('wrapped lines in the live view', () => {
  const fixture = useFixture({ tokensPerSecond: 400 });

  for (const [columns, rows] of [
    [80, 24],
    [60, 20],
    [40, 15],
  ] as const) {
    it(`start without a stray space and hang under their heading at ${columns}×${rows}`, async () => {
      const run = await fixture.start(['--turns', '4', '--no-summary'], { columns, rows });
      expect(await run.exitCode(30_000)).toBe(0);
      const lines = (await run.scrollback()).split('\n');
      const turns = (await run.events()).filter((e) => e.type === 'turn-ended');
      expect(turns).toHaveLength(4);
      for (const turn of turns) {
        const heading = lines.findIndex((l) => new RegExp(`^\\w+ · turn ${turn.turn}/4`).test(l));
        expect(heading).toBeGreaterThan(0);
        const body: string[] = [];
        for (const line of lines.slice(heading + 1)) {
          if (line === '' || !line.startsWith('  ')) break;
          body.push(line);
        }
        // Every row of a turn is indented by exactly two: never a third, stray, space.
        for (const line of body) expect(line).toMatch(/^ {2}\S/);
        expect(body.map((l) => l.trim()).join(' ')).toBe(
          (turn.text ?? '').replace(/\s+/g, ' ').trim(),
        );
      }
      // Header lines that wrap continue under their text; the topic marker under its own.
      const seat = lines.findIndex((l) => l.startsWith('● Cy Cy Tester'));
      if (columns < 60) expect(lines[seat + 1]).toMatch(/^ {2}\S/);
      const topic = lines.findIndex((l) => l.startsWith('── Topic 1/3'));
      if (lines[topic + 1] !== '') expect(lines[topic + 1]).toMatch(/^ {3}\S/);
    });
  }
});
