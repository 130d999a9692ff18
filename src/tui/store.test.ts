import { describe, expect, it } from 'vitest';
import { createTuiStore, type FlushScheduler } from './store.js';
import { delta, started, turnEnded, turnStarted } from './test-utils/events.js';

/** A scheduler the test runs by hand, so batching is checked without clocks. */
function manualScheduler() {
  const pending: (() => void)[] = [];
  const schedule: FlushScheduler = (flush) => {
    pending.push(flush);
    return () => {
      const index = pending.indexOf(flush);
      if (index >= 0) pending.splice(index, 1);
    };
  };
  const runAll = (): void => {
    for (const flush of pending.splice(0)) flush();
  };
  return { schedule, pending, runAll };
}

describe('createTuiStore', () => {
  it('coalesces a burst of deltas into one notification with all the text', () => {
    const clock = manualScheduler();
    const store = createTuiStore({ schedule: clock.schedule });
    let heard = 0;
    store.subscribe(() => {
      heard += 1;
    });
    store.push(started());
    store.push(turnStarted(1, 1));
    for (let i = 0; i < 5000; i++) store.push(delta(1, 'w '));
    expect(clock.pending).toHaveLength(1);
    expect(store.getState().live).toBeUndefined();

    clock.runAll();
    expect(heard).toBe(1);
    expect(store.notifications()).toBe(1);
    expect(store.getState().live?.text).toBe('w '.repeat(5000));
  });

  it('notifies at most once per scheduled flush, however many events arrive', () => {
    const clock = manualScheduler();
    const store = createTuiStore({ schedule: clock.schedule });
    store.push(started());
    store.push(turnStarted(1, 1));
    clock.runAll();
    for (let batch = 0; batch < 10; batch++) {
      for (let i = 0; i < 100; i++) store.push(delta(1, 'x'));
      clock.runAll();
    }
    expect(store.notifications()).toBe(11);
    expect(store.getState().live?.text).toHaveLength(1000);
  });

  it('keeps event order across turns when deltas are joined', () => {
    const clock = manualScheduler();
    const store = createTuiStore({ schedule: clock.schedule });
    store.push(started());
    store.push(turnStarted(1, 1));
    store.push(delta(1, 'a'));
    store.push(delta(1, 'b'));
    store.push(turnEnded(1, 1, 'ab'));
    store.push(turnStarted(2, 2));
    store.push(delta(2, 'c'));
    clock.runAll();
    const state = store.getState();
    expect(state.history.at(-1)).toMatchObject({ kind: 'turn', text: 'ab' });
    expect(state.live).toMatchObject({ turn: 2, text: 'c' });
  });

  it('flush() applies queued events at once and cancels the scheduled flush', () => {
    const clock = manualScheduler();
    const store = createTuiStore({ schedule: clock.schedule });
    store.push(started());
    store.flush();
    expect(store.getState().totalTurns).toBe(10);
    expect(clock.pending).toHaveLength(0);
    store.flush();
    expect(store.notifications()).toBe(1);
  });

  it('waits three intervals after printing history, which costs Ink two frames or more', () => {
    const delays: number[] = [];
    const pending: (() => void)[] = [];
    const store = createTuiStore({
      intervalMs: 30,
      schedule: (flush, delayMs) => {
        delays.push(delayMs);
        pending.push(flush);
        return () => {};
      },
    });
    const runAll = (): void => {
      for (const flush of pending.splice(0)) flush();
    };
    store.push(started());
    runAll();
    // The start printed a topic marker: the next update waits three intervals.
    store.push(turnStarted(1, 1));
    store.push(delta(1, 'a'));
    runAll();
    // Only the live turn changed: back to one interval.
    store.push(delta(1, 'b'));
    runAll();
    store.push(turnEnded(1, 1, 'ab'));
    runAll();
    store.push(turnStarted(2, 2));
    runAll();
    expect(delays).toEqual([30, 90, 30, 30, 90]);
    expect(store.getState().history.at(-1)).toMatchObject({ kind: 'turn', text: 'ab' });
  });

  it('stops notifying a listener that unsubscribed', () => {
    const store = createTuiStore({ schedule: manualScheduler().schedule });
    let heard = 0;
    const unsubscribe = store.subscribe(() => {
      heard += 1;
    });
    store.push(started());
    store.flush();
    unsubscribe();
    store.push(turnStarted(1, 1));
    store.flush();
    expect(heard).toBe(1);
  });
});
