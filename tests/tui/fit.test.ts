// Whatever the live view draws fits the terminal: Ink redraws the whole live area at every update,
// and when it is taller than the terminal the copies pile up in the scrollback. Checked at 80×24,
// 60×20 and 40×15 with long turns streaming, the help open and a 120-word moderator message,
// through tmux's whole history (capture-pane -S -).
import { expect, it } from 'vitest';
import { describeInTmux, SIZES, useFixture } from './fixture.js';
import { statusOf } from './screen-text.js';
import type { TerminalRun } from './terminal.js';
import { waitForTextMidTurn } from './waits.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const count = (lines: readonly string[], test: (line: string) => boolean): number =>
  lines.filter(test).length;

/**
 * Everything printed, read once the live area is whole on screen. tmux can be read halfway
 * through a redraw (Ink erases the live area, then writes it again; on a loaded machine tmux
 * takes the write in pieces), which shows no status block at all for a moment. Reading again
 * cannot hide a copy: what has scrolled into the history stays there.
 */
async function settledScrollback(run: TerminalRun, rule: string): Promise<string[]> {
  let lines: string[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    lines = (await run.scrollback()).split('\n');
    if (lines.includes(rule) && lines.some((line) => /^Topic \d\/3: /.test(line))) break;
    await sleep(100);
  }
  return lines;
}

/** What must appear at most once in all that was printed, whatever happened on screen. */
async function assertNoCopies(run: TerminalRun, columns: number, what: string): Promise<void> {
  const rule = '─'.repeat(columns);
  const lines = await settledScrollback(run, rule);
  expect(
    count(lines, (line) => line === rule),
    `status rules after ${what}`,
  ).toBe(1);
  expect(
    count(lines, (line) => line.startsWith('│ Keys')),
    `help boxes after ${what}`,
  ).toBeLessThanOrEqual(1);
  expect(
    count(lines, (line) => line.includes('Moderator: Enter sends')),
    `input boxes after ${what}`,
  ).toBeLessThanOrEqual(1);
  expect(
    count(lines, (line) => /^Topic \d\/3: /.test(line)),
    `status blocks after ${what}`,
  ).toBe(1);
  const headings = lines.filter((line) => /^(Ann|Bob|Cy) · turn \d+\/20/.test(line));
  expect(new Set(headings).size, `turn headings after ${what}`).toBe(headings.length);
}

describeInTmux('the live view fits the terminal', () => {
  // Every reply runs to its budget (300 tokens): turns far longer than the screen.
  const fixture = useFixture({ tokensPerSecond: 200, ignoreEos: true });

  for (const [columns, rows] of SIZES) {
    it(`leaves no copies in the scrollback at ${columns}×${rows}: help, a long message, long turns`, async () => {
      const run = await fixture.start(['--turns', '20', '--max-tokens', '300'], { columns, rows });
      await waitForTextMidTurn(run);
      await run.press('?');
      await run.waitForScreen((screen) => screen.includes('│ Keys'), 'the help');
      // Turns stream and end under the open help for a while.
      await sleep(2500);
      await assertNoCopies(run, columns, 'the help');
      for (const line of (await run.screen()).split('\n'))
        expect([...line].length).toBeLessThanOrEqual(columns);

      await run.press('Escape');
      const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
      await run.type(words);
      const typing = await run.waitForScreen(
        (screen) => screen.includes('Moderator: Enter sends') && screen.includes('word119'),
        'the long message in the box',
      );
      expect(statusOf(typing)).toContain('Enter send');
      await sleep(2500);
      await assertNoCopies(run, columns, 'the moderator message');
      expect((await run.screen()).split('\n').length).toBeLessThanOrEqual(rows);
    });
  }

  it('says so when the terminal is too small, and draws the view once it is large enough', async () => {
    const run = await fixture.start(['--turns', '20', '--max-tokens', '300'], {
      columns: 30,
      rows: 10,
    });
    const small = await run.waitForScreen(
      (screen) => screen.includes('Terminal too small'),
      'the too-small message',
    );
    expect(small.replace(/\n/g, ' ')).toContain('needs at least 40×12');
    await run.resize(60, 20);
    await run.waitForScreen((screen) => statusOf(screen).includes('? help'), 'the status block');
    await sleep(1000);
    await assertNoCopies(run, 60, 'the resize');
  });
});
