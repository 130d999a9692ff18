import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fixtureRecords } from '../../src/report/test-utils/fixture.js';
import { describeInTmux } from '../tui/fixture.js';
import { bodyOf } from '../tui/screen-text.js';
import { TerminalRun } from '../tui/terminal.js';

let root = '';
const runs: TerminalRun[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-replay-'));
});
afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.close()));
  await rm(root, { recursive: true, force: true });
});

/** The fixture discussion (34 s as recorded) in a transcript folder. */
function recorded(): string {
  const dir = join(root, 'run');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'events.jsonl'),
    fixtureRecords()
      .map((r) => `${JSON.stringify(r)}\n`)
      .join(''),
  );
  return dir;
}

async function replay(args: readonly string[], size: { columns: number; rows: number }) {
  const run = await TerminalRun.start({ command: 'replay', args, ...size });
  runs.push(run);
  return run;
}

/** The body of a screen without the spinner, which turns while a turn waits for its first word. */
const still = (screen: string) => bodyOf(screen).replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '');

const TURN_1 = 'Bob, the park is the best use of the land.';
const TURN_2_END = 'but housing matters.';

describeInTmux('roundtable replay in a terminal', () => {
  it('plays at the recorded pace, pauses on space, steps with the arrow keys, and leaves on q', async () => {
    const dir = recorded();
    const before = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    const run = await replay([dir, '--speed', '2'], { columns: 80, rows: 24 });
    // Turn 1 took 5 s: at 2× it is spoken by 2.5 s, turn 2 begun and not yet ended (the status
    // names the turn in view, the one being played, out of the 5 the live view counts: the
    // summary is no turn).
    await run.waitForScreen(
      (s) => s.includes(TURN_1) && s.includes('▶ replay · turn 2/5'),
      'turn 1, played',
    );
    await run.press('Space');
    await run.waitForScreen((s) => s.includes('⏸ paused'), 'the pause');
    // The live view draws queued events up to 150 ms after the status line says paused.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const paused = await run.screen();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(still(await run.screen())).toBe(still(paused));

    await run.press('Right');
    await run.waitForScreen(
      (s) => s.includes(TURN_2_END) && s.includes('⏸ paused · turn 2/5'),
      'turn 2, stepped to',
    );
    await run.press('Right', 'Right');
    await run.waitForScreen(
      (s) => s.includes('Taxes should pay for it') && s.includes('turn 4/5'),
      'turn 4',
    );
    await run.press('Left');
    const back = await run.waitForScreen((s) => s.includes('⏸ paused · turn 3/5'), 'one turn back');
    expect(back).not.toContain('Taxes should pay for it');

    await run.press('Up');
    await run.waitForScreen((s) => s.includes('4×'), 'twice the speed');
    await run.press('Space');
    await run.waitForScreen((s) => s.includes('■ replay finished · summary'), 'the end', 20_000);
    await run.press('q');
    expect(await run.exitCode()).toBe(0);
    // A replay only reads.
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toBe(before);
  });

  it('fits a small terminal and plays a whole discussion fast', async () => {
    const run = await replay([recorded(), '--speed', '32'], { columns: 60, rows: 20 });
    const screen = await run.waitForScreen((s) => s.includes('replay finished'), 'the end', 20_000);
    expect(screen.split('\n').every((line) => line.length <= 60)).toBe(true);
    await run.press('C-c');
    expect(await run.exitCode()).toBe(0);
  });
});
