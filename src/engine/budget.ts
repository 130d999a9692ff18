// A seat's context budget: which part of the history still fits in its model's window. Pure:
// the same history, window and counter always give the same plan.
//
// Trimming keeps a hysteresis. A window that is merely full is not trimmed one turn at a time
// (that would shift the start of every request and defeat provider prompt caches and vLLM
// prefix caching); once a request would overflow, the oldest entries go until the request is
// down to a low-water mark (70% of the room by default), and the following requests grow from
// that same, stable start until the window fills again.
import type { TokenCounter } from '../tokens/counter.js';
import { MODERATOR } from './clean-reply.js';
import { appendMerged, entryMessage, type HistoryEntry, seatConversation } from './history.js';
import type { ChatMessage } from './model.js';
import { assemble } from './request.js';

export const DEFAULT_LOW_WATER = 0.7;

/**
 * An estimate may be off by a few percent, and an overflowing request is refused outright: with
 * an estimating counter this share of the window is kept free.
 */
export const ESTIMATE_SAFETY = 0.05;

/** Room for the prompt: the window less the reply reserve (and the estimate's safety share). */
export function promptLimit(contextTokens: number, maxTokens: number, exact: boolean): number {
  const safety = exact ? 0 : Math.ceil(contextTokens * ESTIMATE_SAFETY);
  return contextTokens - maxTokens - safety;
}

/** The moderator's line that stands in for the turns a seat no longer hears. */
export function summaryMessage(summary: string): ChatMessage {
  return { role: 'user', content: `${MODERATOR}: Summary of the earlier discussion: ${summary}` };
}

/** The seat's view of `entries[from…]`, after the running summary if there is one. */
export function windowConversation(
  entries: readonly HistoryEntry[],
  seat: number,
  from: number,
  summary: string | undefined,
): ChatMessage[] {
  const window = seatConversation(entries.slice(from), seat);
  if (summary === undefined) return window;
  const messages = [summaryMessage(summary)];
  for (const message of window) appendMerged(messages, message);
  return messages;
}

export interface WindowInput {
  /** The seat's system message; never dropped. */
  readonly system: string;
  /** Everything the table has heard. The last entry (the one being answered) is never dropped. */
  readonly entries: readonly HistoryEntry[];
  readonly seat: number;
  /** The first entry the seat still hears before this turn: its window so far. */
  readonly from: number;
  /** The running summary of the entries before `from`. */
  readonly summary?: string | undefined;
  /**
   * Room to keep for a summary still to be written (summarize strategy), in tokens. When a trim
   * is needed, the plan leaves the current summary out and reserves this much instead.
   */
  readonly summaryReserve?: number | undefined;
  /** Sent last: the moderator's guidance (or the summarize instruction); never dropped. */
  readonly last: string;
  readonly contextTokens: number;
  /** The reply reserve. */
  readonly maxTokens: number;
  /** Share of the room a trim goes down to; 1 trims only what must go. */
  readonly lowWater?: number | undefined;
  readonly counter: TokenCounter;
}

export interface WindowPlan {
  /** The first entry kept. */
  readonly from: number;
  /** Entries dropped by this plan (`from` less the input's). */
  readonly dropped: number;
  /** The prompt tokens of the planned request (without any summary still to be written). */
  readonly promptTokens: number;
  /** Room for the prompt (see `promptLimit`). */
  readonly limit: number;
  /** Even system, latest entry and guidance do not fit: they are sent anyway. */
  readonly overflow: boolean;
}

/** Counts requests for one seat and one turn. */
class Measure {
  readonly #input: WindowInput;
  readonly #costs = new Map<number, number>();

  constructor(input: WindowInput) {
    this.#input = input;
  }

  /** The whole request, exactly as the counter counts it. */
  request(from: number, summary: string | undefined): number {
    const { system, entries, seat, last, counter } = this.#input;
    return counter.count(assemble(system, windowConversation(entries, seat, from, summary), last));
  }

  /**
   * About what dropping entry `index` saves: its text and a message's overhead (merged
   * neighbours share one; the caller checks the exact count afterwards).
   */
  entry(index: number): number {
    const known = this.#costs.get(index);
    if (known !== undefined) return known;
    const { entries, seat, counter } = this.#input;
    const entry = entries[index];
    const cost = entry === undefined ? 0 : counter.countText(entryMessage(entry, seat).content) + 2;
    this.#costs.set(index, cost);
    return cost;
  }
}

/**
 * The smallest `from'` ≥ `from` whose request, plus `reserve`, is within `target`; the latest
 * entry when none is. Walks by estimated savings, then confirms with exact counts.
 */
function trimTo(
  measure: Measure,
  input: WindowInput,
  from: number,
  summary: string | undefined,
  reserve: number,
  target: number,
): { from: number; tokens: number } {
  const latest = Math.max(0, input.entries.length - 1);
  let start = Math.min(from, latest);
  let tokens = measure.request(start, summary);
  if (tokens + reserve <= target) return { from: start, tokens };
  let estimate = tokens;
  let next = start;
  while (next < latest && estimate + reserve > target) {
    estimate -= measure.entry(next);
    next += 1;
  }
  if (next !== start) {
    start = next;
    tokens = measure.request(start, summary);
  }
  while (start < latest && tokens + reserve > target) {
    start += 1;
    tokens = measure.request(start, summary);
  }
  // The estimate may have walked past the mark: keep every entry that still fits.
  while (start > from) {
    const more = measure.request(start - 1, summary);
    if (more + reserve > target) break;
    start -= 1;
    tokens = more;
  }
  return { from: start, tokens };
}

/**
 * Where the seat's window starts this turn. Within the room, nothing changes; over it, the
 * oldest entries are dropped down to the low-water mark. The system message, the latest entry
 * and the guidance always stay, even when they alone overflow (`overflow` then says so).
 */
export function planWindow(input: WindowInput): WindowPlan {
  const measure = new Measure(input);
  const limit = promptLimit(input.contextTokens, input.maxTokens, input.counter.exact);
  const latest = Math.max(0, input.entries.length - 1);
  const from = Math.min(Math.max(0, input.from), latest);
  const current = measure.request(from, input.summary);
  if (current <= limit) {
    return { from, dropped: from - input.from, promptTokens: current, limit, overflow: false };
  }
  const reserve = input.summaryReserve ?? 0;
  // The new summary replaces the old one, so only the reserve is counted for it.
  const summary = reserve > 0 ? undefined : input.summary;
  const lowWater = input.lowWater ?? DEFAULT_LOW_WATER;
  const target = Math.floor(Math.min(1, Math.max(0, lowWater)) * limit);
  const trimmed = trimTo(measure, input, from, summary, reserve, target);
  return {
    from: trimmed.from,
    dropped: trimmed.from - input.from,
    promptTokens: trimmed.tokens,
    limit,
    overflow: trimmed.tokens + reserve > limit,
  };
}

export interface FittedWindow {
  readonly from: number;
  readonly summary: string | undefined;
  readonly conversation: ChatMessage[];
  readonly promptTokens: number;
  readonly overflow: boolean;
}

/**
 * The final request from a plan and the summary actually written: drops more entries if the
 * summary came out longer than reserved, and the summary itself as a last resort.
 */
export function fitWindow(
  input: WindowInput,
  from: number,
  summary: string | undefined,
): FittedWindow {
  const measure = new Measure(input);
  const limit = promptLimit(input.contextTokens, input.maxTokens, input.counter.exact);
  let kept = summary;
  let fitted = trimTo(measure, input, from, kept, 0, limit);
  if (fitted.tokens > limit && kept !== undefined) {
    kept = undefined;
    fitted = trimTo(measure, input, from, kept, 0, limit);
  }
  return {
    from: fitted.from,
    summary: kept,
    conversation: windowConversation(input.entries, input.seat, fitted.from, kept),
    promptTokens: fitted.tokens,
    overflow: fitted.tokens > limit,
  };
}

/** The tokens of `entries[from…to)` as `seat` hears them. */
export function entriesTokens(
  entries: readonly HistoryEntry[],
  seat: number,
  from: number,
  to: number,
  counter: TokenCounter,
): number {
  let total = 0;
  for (let i = from; i < to; i++) {
    const entry = entries[i];
    if (entry !== undefined) total += counter.countText(entryMessage(entry, seat).content);
  }
  return total;
}
