// Typing in a real terminal: ordinary typing, keys that arrive together and pastes never act on
// the discussion; the input box edits like a line editor with the terminal's own cursor; keys
// typed while the view starts are kept for it, not echoed over its first lines.
import { expect, it } from 'vitest';
import { describeInTmux, useFixture } from './fixture.js';
import { bodyOf, statusOf } from './screen-text.js';
import type { TerminalRun } from './terminal.js';
import { waitForTextMidTurn } from './waits.js';

const SIZES = [
  [80, 24],
  [60, 20],
  [40, 15],
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The row of the input box holding the draft's last line, and its text after the prompt. */
async function draftRow(run: TerminalRun): Promise<{ y: number; text: string }> {
  const rows = (await run.screen()).split('\n');
  const y = rows.findLastIndex((row) => /^│ {3}|^│ › /.test(row));
  return { y, text: (rows[y] ?? '').slice(4).replace(/\s*│$/, '') };
}

describeInTmux('typing in the live view', () => {
  const fixture = useFixture({ tokensPerSecond: 30 });

  for (const [columns, rows] of SIZES) {
    it(`never acts on typing, keys sent together or a paste at ${columns}×${rows}`, async () => {
      const run = await fixture.start(['--turns', '20'], { columns, rows });
      await waitForTextMidTurn(run);
      // What paused, resumed and wrapped up a run before: ordinary words typed outside the box.
      await run.type('hello what');
      await run.waitForScreen((screen) => screen.includes('› hello what'), 'the words in the box');
      // Esc closes the box (given a moment: Esc and a key at once are Alt and that key).
      await run.press('Escape');
      await run.waitForScreen((screen) => !screen.includes('› hello what'), 'the box to close');
      await run.type('qq');
      await run.waitForScreen((screen) => screen.includes('› qq'), 'qq in the box');
      await run.press('Escape');
      await run.waitForScreen((screen) => !screen.includes('› qq'), 'the box to close');
      await run.paste('wrap up\nq\n/end');
      await run.waitForScreen(
        (screen) => screen.includes('› wrap up q /end'),
        'the paste in the box',
      );
      await sleep(1500);
      const events = await run.events();
      expect(events.filter((e) => e.type === 'command')).toEqual([]);
      expect(events.some((e) => e.type === 'discussion-ended')).toBe(false);
      expect(statusOf(await run.screen())).toContain('Enter send');
    });
  }

  it('edits like a line editor: cursor keys, word delete, a flag erased whole, history', async () => {
    const run = await fixture.start(['--turns', '20'], { columns: 60, rows: 20 });
    await waitForTextMidTurn(run);
    await run.type('first thing');
    await run.press('Enter');
    await run.waitForEvents(
      (events) => events.find((e) => e.type === 'interjection'),
      'the first line sent',
    );
    await run.type('hello brave world');
    await run.waitForScreen((screen) => screen.includes('› hello brave world'), 'the line');
    // The terminal's own cursor stands after the text: "│ › " is four columns.
    let row = await draftRow(run);
    expect(await run.cursor()).toEqual({ x: 4 + 'hello brave world'.length, y: row.y });

    await run.press('Left', 'Left', 'Left', 'Left', 'Left', 'C-w');
    await run.waitForScreen((screen) => screen.includes('› hello world'), 'a word deleted');
    row = await draftRow(run);
    expect(await run.cursor()).toEqual({ x: 4 + 'hello '.length, y: row.y });
    await run.press('Home');
    await run.type('so ');
    await run.press('End');
    await run.type(' 🇵🇹');
    await run.waitForScreen((screen) => screen.includes('› so hello world 🇵🇹'), 'a flag typed');
    await run.press('BSpace');
    await run.waitForScreen(
      (screen) => screen.includes('› so hello world ') && !screen.includes('🇵'),
      'the flag erased by one backspace',
    );
    await run.press('C-u', 'Up');
    await run.waitForScreen((screen) => screen.includes('› first thing'), 'the line sent before');
    await run.press('Down');
    await run.waitForScreen(
      (screen) => !screen.includes('› first thing') && screen.includes('› '),
      'back to the unsent line',
    );
    const commands = (await run.events()).filter((e) => e.type === 'command');
    expect(commands.map((e) => e.command?.type)).toEqual(['interject']);
  });

  it('keeps keys typed while the view starts out of the header, and gives them to the box', async () => {
    const run = await fixture.start(['--turns', '20'], { columns: 80, rows: 24 });
    // Typed at once, while Node is still starting.
    await run.type('early words');
    // The box may open with the keys before the table has started (on a loaded machine it
    // does, under "Waiting for the table…"): the header is judged once the topic is printed
    // below it, whichever came first.
    const screen = await run.waitForScreen(
      (s) => s.includes('Moderator: Enter sends') && s.includes('› early words'),
      'the typed keys in the box',
    );
    await run.waitForScreen((s) => s.includes('── Topic'), 'the first topic under the header');
    const printed = await run.scrollback();
    const topic = printed.indexOf('── Topic');
    expect(topic).toBeGreaterThan(0);
    const header = printed.slice(0, topic);
    expect(header).toContain('roundtable · Park, housing or tram?');
    expect(header).not.toContain('early');
    expect(bodyOf(screen)).toContain('› early words');
  });
});
