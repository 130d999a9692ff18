import type { ModelErrorKind, Usage } from '../model.js';
import type { Cost } from '../outcome-events.js';

/** What happened to a request on its way to the model: its context trimmed, retried, failed. */

/** What happens to the turns that no longer fit in a seat's context window. */
export type ContextStrategy = 'drop-oldest' | 'summarize';

/**
 * Turns left one seat's context window before its request (the record of what was dropped for
 * whom). It goes to events.jsonl and the transcript, never to the other participants.
 */
export type ContextTrimmedEvent = {
  readonly type: 'context-trimmed';
  readonly turn: number;
  readonly seat: number;
  readonly speaker: string;
  /** History entries (turns and moderator lines) this trim removed from the seat's view. */
  readonly droppedEntries: number;
  /** Their tokens, as the seat's counter counts them. */
  readonly droppedTokens: number;
  /** Index of the first history entry the seat still hears (0 is the moderator's opening). */
  readonly keptFrom: number;
  readonly keptEntries: number;
  /** The request as sent, by the seat's counter. */
  readonly promptTokens: number;
  readonly contextTokens: number;
  /** The reply reserve. */
  readonly maxTokens: number;
  /** How tokens were counted: a BPE encoding (`o200k_base`…) or `estimate`. */
  readonly counter: string;
  readonly strategy: ContextStrategy;
  /** The dropped entries were folded into the seat's running summary. */
  readonly summarized: boolean;
  /** The running summary the seat's request now carries (summarize strategy). */
  readonly summary?: string | undefined;
  /** Why the summary could not be updated (the entries were dropped all the same). */
  readonly summaryError?: string | undefined;
  /** What the summary request cost; it is part of the discussion's usage totals. */
  readonly summaryUsage?: Usage | undefined;
  readonly summaryCost?: Cost | undefined;
  /**
   * Even the system message, the latest entry and the guidance, with the reply reserve, exceed
   * the window: they were sent anyway and the request may fail.
   */
  readonly overflow: boolean;
};

export type RetryEvent = {
  readonly type: 'retry';
  readonly turn: number;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
};

export type ErrorEvent = {
  readonly type: 'error';
  readonly turn?: number | undefined;
  readonly speaker?: string | undefined;
  readonly kind: ModelErrorKind;
  readonly message: string;
  /** A fatal error ends the discussion. */
  readonly fatal: boolean;
};

export type RequestEvent = ContextTrimmedEvent | RetryEvent | ErrorEvent;
