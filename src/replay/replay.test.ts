import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { fixtureRecords } from '../report/test-utils/fixture.js';
import { ReplayPlayer, stepLabel } from './player.js';
import { MAX_GAP_MS, pieces, replaySteps, replayTimeline, type TimedEvent } from './timeline.js';

describe('replayTimeline', () => {
  const timeline = replayTimeline(fixtureRecords());

  it('streams each turn’s words over the time the turn took, and ends it when it ended', () => {
    // Turn 2 was spoken from 10:00:05 to 10:00:12 (5 s to 12 s after the start).
    const started = timeline.find((t) => t.event.type === 'turn-started' && t.event.turn === 2);
    const deltas = timeline.filter((t) => t.event.type === 'text-delta' && t.event.turn === 2);
    const ended = timeline.find((t) => t.event.type === 'turn-ended' && t.event.turn === 2);
    expect(started?.at).toBe(5000);
    expect(ended?.at).toBe(12_000);
    expect(deltas.map((d) => (d.event.type === 'text-delta' ? d.event.text : '')).join('')).toBe(
      'The park is the best use of the land, Ann says, but housing matters.',
    );
    expect(deltas.every((d) => d.at > 5000 && d.at < 12_000)).toBe(true);
    expect(timeline.map((t) => t.at)).toEqual([...timeline.map((t) => t.at)].sort((a, b) => a - b));
  });

  it('streams the summary, and shows one start and one end for a resumed run', () => {
    const summary = timeline.filter((t) => t.event.type === 'text-delta' && t.event.turn === 6);
    expect(summary.length).toBeGreaterThan(0);
    const records = fixtureRecords();
    const twice = [...records, ...records.slice(1)];
    const resumed = replayTimeline(twice);
    expect(resumed.filter((t) => t.event.type === 'discussion-started')).toHaveLength(1);
    expect(resumed.filter((t) => t.event.type === 'discussion-ended')).toHaveLength(1);
    // Between the two the clock stood still (it went back): the replay waits no more than
    // MAX_GAP_MS there, and the two halves take as long as they did.
    const single = timeline.at(-1)?.at ?? 0;
    expect(resumed.at(-1)?.at).toBeLessThanOrEqual(2 * single + MAX_GAP_MS);
    expect(resumed.at(-1)?.at).toBeGreaterThanOrEqual(2 * single - MAX_GAP_MS);
  });

  it('splits long text into a bounded number of pieces, losing nothing', () => {
    const text = 'word '.repeat(10_000);
    const parts = pieces(text);
    expect(parts.length).toBeLessThanOrEqual(120);
    expect(parts.join('')).toBe(text);
  });
});

class FakeClock {
  now = 0;
  timers: { at: number; fn: () => void }[] = [];
  setTimer = (fn: () => void, ms: number) => {
    const timer = { at: this.now + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };
  advance(ms: number) {
    const until = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (next === undefined || next.at > until) break;
      this.timers.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = until;
  }
}

function player(speed = 1) {
  const clock = new FakeClock();
  const shown: DiscussionEvent[] = [];
  let resets = 0;
  let ended = false;
  const p = new ReplayPlayer({
    timeline: replayTimeline(fixtureRecords()),
    view: {
      show: (e) => shown.push(e),
      reset: () => {
        resets += 1;
        shown.length = 0;
      },
    },
    clock,
    speed,
    onEnd: () => {
      ended = true;
    },
  });
  return { p, clock, shown, resets: () => resets, ended: () => ended };
}

const endedTurns = (events: readonly DiscussionEvent[]) =>
  events.flatMap((e) => (e.type === 'turn-ended' ? [e.turn] : []));

describe('ReplayPlayer', () => {
  it('plays at the recorded pace, or N times faster', () => {
    const normal = player(1);
    normal.p.play();
    normal.clock.advance(11_900);
    expect(endedTurns(normal.shown)).toEqual([1]);
    normal.clock.advance(200);
    expect(endedTurns(normal.shown)).toEqual([1, 2]);

    const fast = player(4);
    fast.p.play();
    fast.clock.advance(3100);
    expect(endedTurns(fast.shown)).toEqual([1, 2]);
    fast.clock.advance(10_000);
    expect(fast.ended()).toBe(true);
    expect(fast.shown.at(-1)?.type).toBe('discussion-ended');
  });

  it('pauses and goes on where it stopped', () => {
    const { p, clock, shown } = player();
    p.play();
    clock.advance(6000);
    p.pause();
    const count = shown.length;
    clock.advance(60_000);
    expect(shown.length).toBe(count);
    p.play();
    clock.advance(6200);
    expect(endedTurns(shown)).toEqual([1, 2]);
  });

  it('steps turn by turn, forward and back, and stays paused', () => {
    const { p, clock, shown, resets } = player();
    p.next();
    expect(endedTurns(shown)).toEqual([1]);
    p.next();
    p.next();
    expect(endedTurns(shown)).toEqual([1, 2, 3]);
    // Stepped to the end of turn 3: turn 3 is the one in view.
    expect(p.turns).toEqual({ shown: 3, total: 6, current: 3 });
    // As the live view counts: five turns, then the summary (not "turn 6/6").
    expect(stepLabel(p.inView)).toEqual(['turn 3/5']);
    p.previous();
    expect(resets()).toBe(1);
    expect(endedTurns(shown)).toEqual([1, 2]);
    expect(shown[0]?.type).toBe('discussion-started');
    clock.advance(60_000);
    expect(endedTurns(shown)).toEqual([1, 2]);
    // In the middle of a turn, a step forward finishes it.
    p.play();
    clock.advance(1000);
    p.next();
    expect(endedTurns(shown)).toEqual([1, 2, 3]);
    expect(p.playing).toBe(false);
  });
});

describe('the step in view, as the live view counts it', () => {
  it("counts the discussion's turns, calls the summary so, and counts a parallel phase's answers apart", () => {
    const { p } = player();
    expect(stepLabel(p.inView)).toEqual(['turn 1/5']);
    for (let i = 0; i < 5; i++) p.next();
    expect(stepLabel(p.inView)).toEqual(['turn 5/5']);
    p.next();
    expect(p.inView?.kind).toBe('summary');
    expect(stepLabel(p.inView)).toEqual(['summary']);

    // A closing phase's answers, spoken at once, are no turns of the discussion.
    const at = (event: object): TimedEvent => ({ at: 0, event: event as DiscussionEvent });
    const ended = (turn: number) => at({ type: 'turn-ended', turn, text: '' });
    const steps = replaySteps([
      ended(1),
      ended(2),
      at({ type: 'phase-started', parallel: true }),
      ended(3),
      ended(4),
      at({ type: 'phase-ended' }),
      at({ type: 'summary', text: '' }),
    ]);
    expect(steps.map((s) => s.kind)).toEqual(['turn', 'turn', 'answer', 'answer', 'summary']);
    expect(stepLabel(undefined)).toEqual([]);
  });
});
