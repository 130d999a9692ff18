// Ending a run from the keyboard in a real terminal: wrap up, quit once, quit twice. Each is
// checked in the exit code, the last frame and both transcript files.
import { expect, it } from 'vitest';
import { describeInTmux, useFixture } from './fixture.js';
import { statusOf } from './screen-text.js';
import { type EventRecord, waitForTextMidTurn } from './waits.js';

const turnEnds = (events: readonly EventRecord[]) => events.filter((e) => e.type === 'turn-ended');

describeInTmux('ending a run from the keyboard', () => {
  const fixture = useFixture({ tokensPerSecond: 30 });
  it('wraps up on Ctrl-W pressed twice: the summary comes next, the run ends, the transcript has it', async () => {
    // A short reply budget keeps the summary (and so the test) short.
    const run = await fixture.start(['--turns', '20', '--max-tokens', '50']);
    await waitForTextMidTurn(run);
    await run.press('C-w');
    await run.waitForScreen(
      (screen) => statusOf(screen).includes('Wrap up now'),
      'the question on the status line',
    );
    await run.press('C-w');
    const summarizing = await run.waitForScreen(
      (screen) => /Summary by (Ann|Bob|Cy)/.test(statusOf(screen)),
      'the summary on the status line',
    );
    // The notice answered the key; the summary is the next turn and makes it stale in the frame
    // that shows it (the notice is judged against the stream when drawn, not cleared after).
    expect(summarizing).not.toContain('→ wrapping up');
    expect(await run.exitCode()).toBe(0);

    const events = await run.events();
    const summary = events.find((e) => e.type === 'summary');
    expect(summary?.status).toBe('complete');
    const summaryText = summary?.text ?? '';
    expect(summaryText.length).toBeGreaterThan(0);
    const ended = events.at(-1);
    expect(ended).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
    // Wrapped up early: far fewer than the 20 turns asked for.
    expect(ended?.turns).toBeLessThan(20);
    expect(events.some((e) => e.type === 'command' && e.command?.type === 'wrap-up')).toBe(true);

    const opening = summaryText.split(/\s+/).slice(0, 4).join(' ');
    const transcript = await run.transcript();
    expect(transcript).toContain('## Summary');
    expect(transcript.slice(transcript.indexOf('## Summary'))).toContain(opening);
    const screen = await run.scrollback();
    expect(screen).toMatch(/Summary by (Ann|Bob|Cy)/);
    expect(screen).toContain(opening);
    expect(statusOf(await run.screen())).toContain('done: completed');
  });

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

  it('stops on one Ctrl-C as the README says: the turn is cut off, exit 130, the interruption recorded', async () => {
    const run = await fixture.start(['--turns', '20']);
    const current = await waitForTextMidTurn(run);
    await run.press('C-c');
    expect(await run.exitCode()).toBe(130);

    const events = await run.events();
    expect(events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
    // The turn being spoken (or, had it just ended as the key came, the next one) was cut off,
    // and nothing started after it.
    const last = events.findLast((e) => e.type === 'turn-started');
    expect(last?.turn).toBeGreaterThanOrEqual(current.turn ?? 0);
    expect(last?.turn).toBeLessThanOrEqual((current.turn ?? 0) + 1);
    expect(events.find((e) => e.type === 'turn-ended' && e.turn === last?.turn)?.status).toBe(
      'interrupted',
    );
    expect(await run.transcript()).toContain('The run was interrupted after');
    expect(statusOf(await run.screen())).toContain('done: interrupted');
  });
});
