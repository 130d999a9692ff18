// Typing in a real terminal: ordinary typing, keys that arrive together and pastes never act on
// the discussion (the input box's editing keys and keys typed while the view starts:
// readme-view.test.ts).
import { expect, it } from 'vitest';
import { describeInTmux, SIZES, useFixture } from './fixture.js';
import { statusOf } from './screen-text.js';
import { waitForTextMidTurn } from './waits.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      // A screen read mid-redraw has no status block: wait for a whole one.
      await run.waitForScreen((screen) => statusOf(screen).includes('Enter send'), 'the keys line');
    });
  }
});
