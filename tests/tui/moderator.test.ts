// Speaking to the table in a real terminal: an interjection that gives someone the floor (a
// human seat: human-seat.test.ts).
import { expect, it } from 'vitest';
import { describeInTmux, useFixture } from './fixture.js';
import { waitFor, waitForTextMidTurn } from './waits.js';

const NAMES = ['Ann', 'Bob', 'Cy'];

describeInTmux('the moderator in tmux', () => {
  const fixture = useFixture();

  it('types an interjection with @Name: everyone hears it and Name speaks next', async () => {
    const run = await fixture.start(['--turns', '20'], { env: { CI: 'true' } });
    const current = await waitForTextMidTurn(run);
    const named = NAMES.find((name) => name !== current.speaker) ?? 'Ann';
    await run.press('Enter');
    await run.waitForScreen(
      (screen) => screen.includes('Moderator: Enter sends'),
      'the moderator input box',
    );
    await run.type(`@${named} what do you think?`);
    await run.waitForScreen(
      (screen) => screen.includes(`› @${named} what do you think?`),
      'the typed line in the box',
    );
    await run.press('Enter');

    const interjection = await run.waitForEvents(
      (events) => events.find((e) => e.type === 'interjection'),
      'the interjection in events.jsonl',
    );
    expect(interjection).toMatchObject({
      text: `@${named} what do you think?`,
      mention: named,
    });
    // Heard after the turn being spoken (or, had it ended while typing, the one after).
    expect(interjection.beforeTurn).toBeGreaterThan(current.turn ?? 0);
    const next = await run.waitForEvents(
      (events) =>
        events.find((e) => e.type === 'turn-started' && e.turn === interjection.beforeTurn),
      'the turn after the interjection',
    );
    expect(next).toMatchObject({ speaker: named, reason: 'moderator' });
    // The screen catches up with the engine within a frame or two.
    const screen = await waitFor(async () => {
      const printed = await run.scrollback();
      return printed.includes(`Moderator → ${named}`) ? printed : undefined;
    }, 'the interjection on screen');
    expect(screen).toContain(`  @${named} what do you think?`);
    expect(await run.screen()).not.toContain('Moderator: Enter sends');
  });
});
