// What the README says of the live view, checked at 80×24, 60×20 and 40×15 on one offline run a
// size (the built-in model in the process, at its own pace): keys typed while the view starts,
// the header's "offline: Markov", tokens counted as a turn streams and marked `~`, the input box's
// editing keys with the terminal's own cursor, the paused hint, pause markers where the transcript
// puts them, Ctrl-W twice and the summary, the readable pace, colours; and `--pace 0`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { describeInTmux, SIZES, useFixture } from './fixture.js';
import { COLOUR, statusOf, unwrapped } from './screen-text.js';
import type { TerminalRun } from './terminal.js';
import {
  paces,
  type Timed,
  UNPACED_TOKENS_PER_SECOND,
  waitFor,
  waitForTextMidTurn,
} from './waits.js';

const WATCH = pathToFileURL(join(ROOT, 'tests', 'helpers', 'watch-builtins.mjs')).href;

/** The row of the input box holding the draft's last line. */
const draftRow = (screen: string): number =>
  screen.split('\n').findLastIndex((row) => /^│ {3}|^│ › /.test(row));

/**
 * The terminal's cursor and the draft's row in one frame: the cursor is where it was before the
 * screen was read, and the screen is whole. Read once each, a redraw between them (a streaming
 * turn pushes the box down a row until the screen is full; tmux can be read halfway through
 * Ink's erase-and-redraw) would set one frame's cursor against another frame's row.
 */
const cursorAndDraftRow = (run: TerminalRun): Promise<{ x: number; y: number; row: number }> =>
  waitFor(async () => {
    const before = await run.cursor();
    const screen = await run.screen();
    const after = await run.cursor();
    return before.x === after.x && before.y === after.y && statusOf(screen) !== ''
      ? { ...after, row: draftRow(screen) }
      : undefined;
  }, 'the cursor and the screen read in one frame');

/** Everything printed so far, once it holds `text`. */
const printedWith = (run: TerminalRun, text: string): Promise<string> =>
  waitFor(async () => {
    const all = await run.scrollback();
    return all.includes(text) ? all : undefined;
  }, `"${text}" printed`);

// Every key the status line may name while paused, in its order (as many as fit are shown).
const PAUSED_HINTS = [
  'type to talk',
  'space resume',
  '^S skip',
  '^N topic',
  '^W wrap',
  '^C quit',
  '? help',
];

async function typedWhileStarting(run: TerminalRun): Promise<void> {
  await run.type('early words');
  await run.waitForScreen((s) => s.includes('› early words'), 'the typed keys in the box');
  const printed = await printedWith(run, '── Topic');
  const header = printed.slice(0, printed.indexOf('── Topic'));
  expect(header).toContain('roundtable · Park, housing or tram?');
  expect(header).not.toContain('early');
  expect(unwrapped(header)).toContain('● Ann Ann Tester · creativity 0.25 · offline: Markov');
}

/** The box (open with the early words) edits like a line editor, with the terminal's cursor. */
async function editsLikeALineEditor(run: TerminalRun): Promise<void> {
  await run.press('C-u');
  await run.waitForScreen((s) => !s.includes('early words'), 'the line erased to its start');
  await run.type('first thing');
  await run.press('Enter');
  await run.waitForEvents((events) => events.find((e) => e.type === 'interjection'), 'a line sent');
  await run.type('hello brave world');
  await run.waitForScreen((s) => s.includes('› hello brave world'), 'the line');
  // "│ › " is four columns.
  let at = await cursorAndDraftRow(run);
  expect(at).toEqual({ x: 4 + 'hello brave world'.length, y: at.row, row: at.row });
  await run.press('Left', 'Left', 'Left', 'Left', 'Left', 'C-w');
  await run.waitForScreen((s) => s.includes('› hello world'), 'a word deleted');
  at = await cursorAndDraftRow(run);
  expect(at).toEqual({ x: 4 + 'hello '.length, y: at.row, row: at.row });
  await run.press('Home');
  await run.type('so ');
  await run.press('End');
  await run.type(' 🇵🇹');
  await run.waitForScreen((s) => s.includes('› so hello world 🇵🇹'), 'a flag typed');
  await run.press('BSpace');
  await run.waitForScreen(
    (s) => s.includes('› so hello world ') && !s.includes('🇵'),
    'the flag erased by one backspace',
  );
  await run.press('C-u', 'Up');
  await run.waitForScreen((s) => s.includes('› first thing'), 'the line sent before');
  await run.press('Down');
  await run.waitForScreen((s) => !s.includes('› first thing'), 'back to the unsent line');
  await run.press('Escape');
  await run.waitForScreen((s) => !s.includes('Moderator: Enter sends'), 'the box closed');
  const commands = (await run.events()).filter((e) => e.type === 'command');
  expect(commands.map((e) => e.command?.type)).toEqual(['interject']);
}

/** Paused and resumed mid-turn: the hint, and the markers after that turn, as in transcript.md. */
async function pausesAndResumes(run: TerminalRun, columns: number): Promise<void> {
  await waitForTextMidTurn(run);
  await run.press('Space');
  const paused = await run.waitForScreen(
    (s) => statusOf(s).includes('⏸ paused'),
    'the status line to say paused',
  );
  const hint = statusOf(paused)
    .split('\n')
    .find((line) => line.startsWith('⏸ paused')) as string;
  expect([...hint].length).toBeLessThanOrEqual(columns);
  const shown = hint.split(' · ').slice(1);
  expect(shown.at(-1), hint).toBe('? help');
  expect(shown, hint).toEqual(PAUSED_HINTS.filter((key) => shown.includes(key)));
  await run.press('Space');
  await run.waitForScreen((s) => !statusOf(s).includes('paused'), 'the run resumed');
  // The turn the pause fell in, from the events: a short turn can end before the key is read,
  // and then the pause (and its marker) belongs to the next one.
  const events = await run.events();
  const pausedAt = events.findIndex((e) => e.type === 'command' && e.command?.type === 'pause');
  const turn = events.slice(0, pausedAt).findLast((e) => e.type === 'turn-started')?.turn ?? 0;
  await run.waitForEvents(
    (all) => all.find((e) => e.type === 'turn-started' && e.turn === turn + 1),
    'the next turn',
  );
  const printed = await printedWith(run, `· turn ${turn + 1}/20`);
  const at = (text: string) => printed.indexOf(text);
  expect(at(`· turn ${turn}/20`)).toBeLessThan(at('· paused by the moderator'));
  expect(at('· paused by the moderator')).toBeLessThan(at('· resumed'));
  expect(at('· resumed')).toBeLessThan(at(`· turn ${turn + 1}/20`));
  const markdown = await run.transcript();
  const spoken =
    (await run.events()).find((e) => e.type === 'turn-ended' && e.turn === turn)?.text ?? '';
  const mdAt = (text: string) => markdown.indexOf(text);
  expect(mdAt(spoken.slice(0, 30))).toBeLessThan(mdAt('moderator: paused'));
  expect(mdAt('moderator: paused')).toBeLessThan(mdAt('moderator: resumed'));
}

async function wrapsUp(run: TerminalRun): Promise<void> {
  await waitForTextMidTurn(run);
  await run.press('C-w');
  await run.waitForScreen((s) => statusOf(s).includes('Wrap up'), 'the question');
  await run.press('C-w');
  const summarizing = await run.waitForScreen(
    (s) => /Summary by (Ann|Bob|Cy)/.test(statusOf(s)),
    'the summary on the status line',
  );
  // The notice answered the key; the summary's own line replaces it.
  expect(summarizing).not.toContain('→ wrapping up');
  expect(await run.exitCode()).toBe(0);
  const events = await run.events();
  expect(events.find((e) => e.type === 'summary')?.status).toBe('complete');
  expect(events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
  expect(events.some((e) => e.type === 'command' && e.command?.type === 'wrap-up')).toBe(true);
  expect(await run.transcript()).toContain('## Summary');
  expect(statusOf(await run.screen())).toContain('done: completed');
}

describeInTmux('the live view as the README tells it, at three sizes', () => {
  const fixture = useFixture('offline');

  for (const [columns, rows] of SIZES) {
    it(`keeps early keys, edits, pauses, marks estimates and wraps up at ${columns}×${rows}`, async () => {
      // Short replies keep the run (and the summary) short.
      const run = await fixture.start(['--turns', '20', '--max-tokens', '40'], { columns, rows });
      await typedWhileStarting(run);
      await editsLikeALineEditor(run);
      // Tokens count up as a turn streams, marked as estimates until its usage comes.
      await run.waitForScreen(
        (s) => /[\d.]+k? in \/ ~[\d.]+k? out/.test(statusOf(s)),
        'estimated tokens mid-turn',
      );
      await pausesAndResumes(run, columns);
      await wrapsUp(run);
      // 30 tokens a second by default offline (a little slower in practice).
      const rates = paces((await run.events()) as Timed[]);
      expect(rates.length).toBeGreaterThan(0);
      for (const rate of rates) expect(rate).toBeLessThan(40);
      expect(await run.scrollbackWithAttributes()).toMatch(COLOUR);
    }, 90_000);

    it(`streams as fast as it can with --pace 0 at ${columns}×${rows}`, async () => {
      const report = join(await mkdtemp(join(tmpdir(), 'roundtable-watch-')), 'report.json');
      const run = await fixture.start(['--turns', '3', '--no-summary', '--pace', '0'], {
        columns,
        rows,
        env: { NODE_OPTIONS: `--import=${WATCH}`, WATCH_REPORT: report },
      });
      expect(await run.exitCode(30_000)).toBe(0);
      const rates = paces((await run.events()) as Timed[]);
      expect(rates.length).toBeGreaterThan(0);
      expect(Math.max(...rates)).toBeGreaterThan(UNPACED_TOKENS_PER_SECOND);
      // Ink's layout engine decodes its WebAssembly itself (scripts/build.ts): fetching it loaded
      // Node's HTTP client before the first frame.
      const { loaded } = JSON.parse(await readFile(report, 'utf8')) as { loaded: string[] };
      expect(loaded).toContain('assert');
      expect(loaded.filter((name) => /undici|^http2?$|^tls$/.test(name))).toEqual([]);
      await rm(dirname(report), { recursive: true, force: true });
    });
  }
});
