// A reply as the engine streams it: the job (request, turn, seat, how it is heard) and what it
// came to (status, cleaned text, usage, failure), decided by how its stream ended.
import type { CleanedReply } from './clean-reply.js';
import type { TurnStatus } from './events.js';
import { ModelError, type ModelErrorKind, type ModelRequest, type Usage } from './model.js';
import type { Seat } from './seats.js';
import { estimatePromptTokens, estimateTokens, noUsage } from './usage.js';

export interface Reply {
  readonly status: TurnStatus;
  readonly cleaned: CleanedReply;
  readonly usage: Usage;
  readonly failure?: Failure | undefined;
  /** Why the reply broke off, when its status is `cut-off`. */
  readonly cutOff?: string | undefined;
}

export interface Failure {
  readonly kind: ModelErrorKind;
  readonly message: string;
  readonly fatal: boolean;
}

export interface ReplyJob {
  readonly request: ModelRequest;
  readonly turn: number;
  readonly seat: Seat;
  /** A reply nobody hears as speech (a bid, the moderator's JSON): no deltas, no cleaning. */
  readonly quiet?: boolean | undefined;
  /** Hold back what may become a control word at the end ([pass], [leave], [end]). */
  readonly controlWords?: boolean | undefined;
}

/** How a reply's stream ended. */
export type StreamEnd = 'done' | 'cut' | 'skipped' | 'interrupted' | { readonly error: unknown };

export function describeFailure(error: unknown): Failure {
  if (error instanceof ModelError) {
    return { kind: error.kind, message: error.message, fatal: error.fatal };
  }
  return {
    kind: 'unknown',
    message: error instanceof Error ? error.message : String(error),
    fatal: true,
  };
}

export function statusOf(end: StreamEnd, text: string, cutOff: string | undefined): TurnStatus {
  if (typeof end === 'object') return 'failed';
  switch (end) {
    case 'interrupted':
      return 'interrupted';
    case 'skipped':
      return 'skipped';
    case 'done':
    case 'cut':
      if (text.length === 0) return 'passed';
      return cutOff === undefined ? 'complete' : 'cut-off';
  }
}

export function estimate(request: ModelRequest, raw: string, end: StreamEnd): Usage {
  // A request cut short (failed, skipped, interrupted) before any text most likely cost
  // nothing; one that finished empty was still read by the model.
  if (raw.length === 0 && end !== 'done') return noUsage;
  return {
    promptTokens: estimatePromptTokens(request.messages),
    completionTokens: estimateTokens(raw),
    estimated: true,
  };
}
