// A person in a seat and one Ctrl-C, at 80×24, 60×20 and 40×15 with NO_COLOR: the input box
// opens on the person's turn (which says it is theirs, not someone else's being waited for),
// Enter sends, an empty line passes; then one Ctrl-C while a model speaks cuts that turn off and
// ends the run with exit code 130, as the README says; nothing on screen is coloured.
import { expect, it } from 'vitest';
import { describeInTmux, SIZES, useFixture } from './fixture.js';
import { COLOUR, statusOf, unwrapped } from './screen-text.js';
import { turnInProgress, waitForTextMidTurn } from './waits.js';

describeInTmux('a human seat and one Ctrl-C, at three sizes', () => {
  // Two seats: nobody speaks twice in a row, so the person's turns come every other turn.
  const fixture = useFixture('offline', 2);

  for (const [columns, rows] of SIZES) {
    it(`answers, passes, and stops on one Ctrl-C with no colour at ${columns}×${rows}`, async () => {
      const run = await fixture.start(
        ['--turns', '20', '--no-summary', '--max-tokens', '40', '--human', 'Ann'],
        { columns, rows, env: { NO_COLOR: '1' } },
      );
      const answer = 'Build the tram first.';
      const first = await run.waitForEvents((events) => {
        const current = turnInProgress(events);
        return current?.speaker === 'Ann' ? current : undefined;
      }, "Ann's first turn");
      // The box opens in the same frame as the turn's heading (never under the last speaker's).
      const yours = await run.waitForScreen(
        (screen) => screen.includes('Your turn, Ann'),
        'the input box for Ann, under her turn',
      );
      // Its heading marks the person's seat (and says "your turn" where the width allows).
      expect(yours).toMatch(new RegExp(`^✎ Ann · turn ${first.turn}/20 · `, 'm'));
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
      await run.press('Enter');
      const passed = await run.waitForEvents(
        (events) => events.find((e) => e.type === 'turn-ended' && e.turn === second.turn),
        "the end of Ann's second turn",
      );
      expect(passed).toMatchObject({ speaker: 'Ann', status: 'passed', text: '' });

      // Bob speaks next: one Ctrl-C cuts his turn off and ends the run.
      const cut = await waitForTextMidTurn(run);
      await run.press('C-c');
      expect(await run.exitCode()).toBe(130);
      const events = await run.events();
      expect(events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
      // The turn being spoken (or, had it just ended as the key came, the next one) was cut off.
      const last = events.findLast((e) => e.type === 'turn-started');
      expect(last?.turn).toBeGreaterThanOrEqual(cut.turn ?? 0);
      expect(last?.turn).toBeLessThanOrEqual((cut.turn ?? 0) + 1);
      expect(events.find((e) => e.type === 'turn-ended' && e.turn === last?.turn)?.status).toBe(
        'interrupted',
      );
      const transcript = await run.transcript();
      expect(transcript).toContain(answer);
      expect(transcript).toContain('The run was interrupted after');
      expect(statusOf(await run.screen())).toContain('done: interrupted');

      const printed = await run.scrollback();
      expect(unwrapped(printed)).toContain(answer);
      expect(printed).toMatch(new RegExp(`Ann · turn ${second.turn}/20.*\\(passed\\)`));
      // Bold and dim stay (the README says so); no colour.
      expect(await run.scrollbackWithAttributes()).not.toMatch(COLOUR);
    }, 90_000);
  }
});
