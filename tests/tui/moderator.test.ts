// Speaking to the table in a real terminal: an interjection that gives someone the floor, and a
// human seat that answers one turn and passes another.
import { expect, it } from 'vitest';
import { describeInTmux, useFixture } from './fixture.js';
import { statusOf } from './screen-text.js';
import { turnInProgress, waitFor, waitForTextMidTurn } from './waits.js';

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

describeInTmux('a human seat in tmux', () => {
  // Two seats: nobody speaks twice in a row, so the person's turns come every other turn.
  const fixture = useFixture({ tokensPerSecond: 60 }, 2);

  it("opens the input box on the person's turn; Enter sends, an empty line passes", async () => {
    const run = await fixture.start(['--turns', '4', '--no-summary', '--human', 'Ann']);
    const answer = 'Build the tram first, then we can talk about the park.';

    const first = await run.waitForEvents((events) => {
      const current = turnInProgress(events);
      return current?.speaker === 'Ann' ? current : undefined;
    }, "Ann's first turn");
    // The box opens in the same frame as the turn's heading (never under the last speaker's turn).
    const yours = await run.waitForScreen(
      (screen) => screen.includes('Your turn, Ann · Enter sends'),
      'the input box for Ann, under her turn',
    );
    expect(yours).toContain('your turn: type your reply below');
    // It is the person at the keyboard who is asked, not someone else being waited for.
    expect(yours).toMatch(/✎ Ann · turn \d\/4/);
    expect(yours).not.toContain('waiting for their reply');
    await run.type(answer);
    await run.waitForScreen((screen) => screen.includes(`› ${answer}`), 'the typed answer');
    await run.press('Enter');
    const answered = await run.waitForEvents(
      (events) => events.find((e) => e.type === 'turn-ended' && e.turn === first.turn),
      "the end of Ann's first turn",
    );
    expect(answered).toMatchObject({ speaker: 'Ann', status: 'complete', text: answer });

    const second = await run.waitForEvents((events) => {
      const current = turnInProgress(events);
      return current?.speaker === 'Ann' && current.turn !== first.turn ? current : undefined;
    }, "Ann's second turn");
    const prompt = await run.waitForScreen(
      (screen) => screen.includes('Your turn, Ann'),
      'the input box again',
    );
    // The box opens empty for the new turn.
    expect(prompt).toMatch(/› +│/);
    expect(statusOf(prompt)).toContain('empty line passes');
    await run.press('Enter');
    const passed = await run.waitForEvents(
      (events) => events.find((e) => e.type === 'turn-ended' && e.turn === second.turn),
      "the end of Ann's second turn",
    );
    expect(passed).toMatchObject({ speaker: 'Ann', status: 'passed', text: '' });

    expect(await run.exitCode()).toBe(0);
    const events = await run.events();
    expect(events.at(-1)).toMatchObject({
      type: 'discussion-ended',
      reason: 'completed',
      turns: 4,
    });
    const transcript = await run.transcript();
    expect(transcript).toContain(answer);
    const screen = await run.scrollback();
    expect(screen).toContain(answer);
    expect(screen).toMatch(new RegExp(`Ann · turn ${second.turn}/4.*\\(passed\\)`));
  });
});
