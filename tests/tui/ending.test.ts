// Ending a run from the keyboard in a real terminal with /end: checked in the exit code, the last
// frame and the transcript (Ctrl-W twice and one Ctrl-C, at three sizes: readme-view.test.ts and
// human-seat.test.ts).
import { expect, it } from 'vitest';
import { describeInTmux, useFixture } from './fixture.js';
import { statusOf } from './screen-text.js';
import { type EventRecord, waitForTextMidTurn } from './waits.js';

const turnEnds = (events: readonly EventRecord[]) => events.filter((e) => e.type === 'turn-ended');

describeInTmux('ending a run from the keyboard', () => {
  const fixture = useFixture({ tokensPerSecond: 30 });
  it('finishes cleanly on /end: the turn being spoken finishes, exit 0, transcript complete', async () => {
    const run = await fixture.start(['--turns', '20']);
    const current = await waitForTextMidTurn(run);
    await run.type('/end');
    await run.press('Enter');
    expect(await run.exitCode()).toBe(0);

    const events = await run.events();
    const ended = events.at(-1);
    expect(ended).toMatchObject({ type: 'discussion-ended', reason: 'stopped' });
    const turns = turnEnds(events);
    expect(ended?.turns).toBe(turns.length);
    // Stopped after the turn in progress (or, had it just ended, the one after it), all whole.
    expect(turns.length).toBeGreaterThanOrEqual(current.turn ?? 0);
    expect(turns.length).toBeLessThanOrEqual((current.turn ?? 0) + 1);
    expect(turns.every((e) => e.status === 'complete')).toBe(true);
    expect(events.some((e) => e.type === 'summary')).toBe(false);

    const transcript = await run.transcript();
    const last = turns.at(-1)?.text ?? '';
    expect(transcript).toContain(last.split(/\s+/).slice(0, 4).join(' '));
    expect(transcript).toContain(
      `The moderator stopped the discussion after ${turns.length} turn${turns.length === 1 ? '' : 's'}`,
    );
    expect(statusOf(await run.screen())).toContain('done: stopped');
  });
});
