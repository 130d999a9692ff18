import type { DiscussionEvent } from '../engine/events.js';
import { reduce } from './reduce.js';
import { initialTuiState, type TuiState } from './state.js';

/** Runs `flush` later; returns a cancel function. Injected by tests to flush by hand. */
export type FlushScheduler = (flush: () => void, delayMs: number) => () => void;

export interface TuiStoreOptions {
  readonly initial?: TuiState;
  /** Longest an event waits before the screen hears of it; also the shortest gap between two
   * notifications. 50 ms (at most 20 updates a second) still reads as smooth streaming and
   * keeps the view to ~6% of a core at 5,000 tokens/s (docs/benchmarks.md); 33 ms cost ~8%.
   * After a notification that printed history the next one waits three times as long. */
  readonly intervalMs?: number;
  readonly schedule?: FlushScheduler;
}

export interface TuiStore {
  /** Queue an event; it reaches the state (and subscribers) at the next flush. */
  push(event: DiscussionEvent): void;
  /** Apply everything queued now and notify once. */
  flush(): void;
  getState(): TuiState;
  subscribe(listener: () => void): () => void;
  /** How many times subscribers have been notified (for tests and the render benchmark). */
  notifications(): number;
}

const defaultSchedule: FlushScheduler = (flush, delayMs) => {
  const timer = setTimeout(flush, delayMs);
  return () => clearTimeout(timer);
};

/**
 * Holds the TUI state and decouples the event rate from the render rate: a model streaming
 * thousands of tokens a second becomes at most one state change per interval, and consecutive
 * text deltas of a turn are joined into one before the reducer sees them.
 */
export function createTuiStore(options: TuiStoreOptions = {}): TuiStore {
  const intervalMs = options.intervalMs ?? 50;
  const schedule = options.schedule ?? defaultSchedule;
  let state = options.initial ?? initialTuiState();
  let queue: DiscussionEvent[] = [];
  /** The text delta at the end of the queue, which later deltas of its turn are added to. */
  let joined: { type: 'text-delta'; turn: number; text: string } | undefined;
  let cancel: (() => void) | undefined;
  let notified = 0;
  let delayMs = intervalMs;
  const listeners = new Set<() => void>();

  const flush = (): void => {
    cancel?.();
    cancel = undefined;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    joined = undefined;
    const before = state;
    for (const event of events) state = reduce(state, event);
    if (state === before) return;
    notified += 1;
    // New history costs Ink two frames at once (<Static> prints the items, then lets them go),
    // and the next turn's spinner may draw one more: waiting three intervals before the next
    // update keeps even a run of very short turns at ~30 frames a second, as a streaming turn is.
    delayMs = state.history === before.history ? intervalMs : 3 * intervalMs;
    for (const listener of listeners) listener();
  };

  return {
    push(event) {
      if (event.type !== 'text-delta') {
        queue.push(event);
      } else if (joined !== undefined && joined.turn === event.turn && queue.at(-1) === joined) {
        // Thousands of deltas a second: joined into one delta of the store's own, not a new
        // object each.
        joined.text += event.text;
      } else {
        joined = { type: 'text-delta', turn: event.turn, text: event.text };
        queue.push(joined);
      }
      cancel ??= schedule(flush, delayMs);
    },
    flush,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notifications: () => notified,
  };
}
