// The discussion as a transcript's records leave it (see fold.ts): its turns in their final
// versions, who paid for what, when it ran and how it ended.
import type {
  Directive,
  DiscussionEvent,
  EndReason,
  FloorReason,
  TopicRef,
  TurnStatus,
  UsageTotals,
} from '../engine/events.js';
import type { ModelErrorKind, Usage } from '../engine/model.js';
import type { Cost } from '../engine/outcome-events.js';
import type { EngineSettings, Participant, Task } from '../engine/table.js';
import type { OutcomeRecord } from '../outcome/record-schema.js';
import type { RunRecord, TranscriptRecord } from './events-file.js';

/** Transcript records, or bare engine events (which carry no times). */
export type FoldInput = TranscriptRecord | DiscussionEvent;

export interface FoldedRetry {
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface FoldedError {
  readonly kind: ModelErrorKind;
  readonly message: string;
  readonly fatal: boolean;
}

/** A turn (or the summary) as it finally stands. */
export interface FoldedTurn {
  readonly turn: number;
  readonly kind: 'turn' | 'summary';
  readonly seat: number;
  readonly speaker: string;
  readonly model: string | undefined;
  readonly topic: TopicRef;
  /** Why this seat had the floor. */
  readonly reason: FloorReason | undefined;
  readonly directives: readonly Directive[];
  readonly turnsLeft: number | undefined;
  readonly text: string;
  readonly status: TurnStatus;
  readonly usage: Usage;
  readonly cut: { readonly as: string; readonly removed: string } | undefined;
  readonly retries: readonly FoldedRetry[];
  readonly errors: readonly FoldedError[];
  /** ISO times from the records; absent for events that carry none. */
  readonly startedAt: string | undefined;
  readonly endedAt: string | undefined;
  /** Times it was spoken: more than 1 when a resume spoke it again. */
  readonly attempts: number;
  /**
   * The parallel batch it was spoken in (a phase or round whose seats answer at once, numbered
   * from 1): replies of one batch did not hear each other. Undefined for a turn taken in order.
   */
  readonly batch: number | undefined;
}

/** A request paid for: its usage, and its cost as the run stamped it (priced runs only). */
export interface BilledRequest {
  readonly usage: Usage;
  /** US dollars; null: the model's price was unknown; undefined: the run was not priced. */
  readonly cost: Cost | undefined;
}

export interface FoldedInterjection {
  readonly beforeTurn: number;
  readonly text: string;
  readonly mention: string | undefined;
  readonly at: string | undefined;
}

export interface FoldedTranscript {
  readonly title: string;
  readonly version: string | undefined;
  readonly tableDir: string | undefined;
  readonly startedAt: string | undefined;
  /** The last record's time. */
  readonly lastAt: string | undefined;
  /** Wall-clock time of the run segments together (the gaps before resumes left out). */
  readonly activeMs: number | undefined;
  /** One per run segment: the first run and each resume. */
  readonly runs: readonly RunRecord[];
  readonly seed: number | undefined;
  readonly settings: EngineSettings | undefined;
  readonly participants: readonly Participant[];
  readonly task: Task | undefined;
  /** The discussion's turns in order, each in its final version; the summary is apart. */
  readonly turns: readonly FoldedTurn[];
  readonly summary: FoldedTurn | undefined;
  readonly interjections: readonly FoldedInterjection[];
  /** Every request paid for, including turns spoken again and context summaries. */
  readonly usage: UsageTotals;
  readonly seatUsage: ReadonlyMap<number, UsageTotals>;
  /** Each request billed to a seat, one by one (seat 0: the moderator's and the bids'). */
  readonly seatRequests: ReadonlyMap<number, readonly BilledRequest[]>;
  /** The decision record (the last `outcome` event), when the run made one. */
  readonly outcome: OutcomeRecord | undefined;
  /** How the discussion ended; undefined while it runs or after a crash. */
  readonly end: { readonly reason: EndReason; readonly at: string | undefined } | undefined;
}
