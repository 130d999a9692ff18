import type { Address } from '../address.js';
import type { Usage } from '../model.js';
import type { Cost } from '../outcome-events.js';
import type { Directive, FloorReason, GuardName, HeldBack, TopicRef } from './floor.js';

/** One seat's turn: its start, its streamed text, its end; a withdrawn reply; the summary. */

/** What a participant may end a reply with; removed from the text and recorded. */
export type ControlWord = 'pass' | 'leave' | 'end';

/** A reply that is a near-duplicate of an earlier turn (word-shingle similarity). */
export interface RepeatMark {
  /** The earlier turn it repeats. */
  readonly of: number;
  /** 0–1: the share of word shingles the two replies have in common. */
  readonly similarity: number;
}

export type TurnStatus =
  /** The reply finished. */
  | 'complete'
  /** Cut short by a skip command; the partial text is kept. */
  | 'skipped'
  /** The reply was empty (a human pressed Enter on an empty line, or a model said nothing). */
  | 'passed'
  /** The model failed after retries; see the preceding `error` event. */
  | 'failed'
  /** The run was interrupted mid-turn; partial text is kept. */
  | 'interrupted'
  /**
   * The reply broke off after some text (a dropped connection, a stall, a malformed event, no
   * finish_reason, its token budget or the timeout ran out); what arrived is kept, and `cutOff`
   * says why.
   */
  | 'cut-off';

export type TurnStartedEvent = {
  readonly type: 'turn-started';
  /** 1-based turn number; the summary has turn = turns + 1. */
  readonly turn: number;
  readonly kind: 'turn' | 'summary';
  readonly seat: number;
  readonly speaker: string;
  readonly model?: string | undefined;
  readonly topic: TopicRef;
  readonly directives: readonly Directive[];
  /** What the schedule drew for this turn but held back, and why (absent when nothing was). */
  readonly withheld?: readonly HeldBack[] | undefined;
  /** Turns left after this one. */
  readonly turnsLeft: number;
  readonly reason: FloorReason;
  /** Why, in a few words, for the transcript and the live view ("named by Ann", "bid 8 of 9"). */
  readonly why?: string | undefined;
  /**
   * How the last reply addressed this seat, when that gave it the floor (reason `mention`, or a
   * guard that gave the floor to the seat named): an `@mention`, a `vocative` ("Ann, …", "…,
   * Ann?"), a `question` about it put to the table ("Does Ann agree?"), a `request` to hear from
   * it ("I'd like to hear Ann's view").
   */
  readonly addressed?: Address | undefined;
  /**
   * The seat the last reply named only in passing ("Ann knows what I mean.", "I agree with Ann"):
   * it was not addressed, so it did not take the floor for it.
   */
  readonly passedOver?: { readonly seat: number; readonly speaker: string } | undefined;
  /** The guard that gave this seat the floor (reason `guard`). */
  readonly guard?: GuardName | undefined;
  /** The LLM moderator's steer, added to this speaker's guidance. */
  readonly steer?: string | undefined;
  /** Index into the run's phases (absent in transcripts from before phases). */
  readonly phase?: number | undefined;
};

/**
 * Text as it streams. `turn` identifies the reply: in a parallel phase several replies stream at
 * once and their deltas interleave.
 */
export type TextDeltaEvent = {
  readonly type: 'text-delta';
  readonly turn: number;
  readonly text: string;
};

export type TurnEndedEvent = {
  readonly type: 'turn-ended';
  readonly turn: number;
  readonly seat: number;
  readonly speaker: string;
  /** The cleaned reply, as every other participant will hear it. */
  readonly text: string;
  readonly status: TurnStatus;
  readonly usage: Usage;
  /** Set when the model began speaking as someone else and the reply was cut there. */
  readonly cut?: { readonly as: string; readonly removed: string } | undefined;
  /** Why the reply broke off (status `cut-off`). */
  readonly cutOff?: string | undefined;
  /** The control word the reply ended with (removed from `text`). */
  readonly control?: ControlWord | undefined;
  /** The reply nearly repeats an earlier turn; the seat's next guidance asks for a new point. */
  readonly repeat?: RepeatMark | undefined;
  /** What the request cost (null: unknown price); absent when the run is not priced. */
  readonly cost?: Cost | undefined;
};

/**
 * A reply was spoken, then withdrawn and asked again (`onRepeat: regenerate`): the live view
 * drops its text. Its usage was spent and counts.
 */
export type ReplyDiscardedEvent = {
  readonly type: 'reply-discarded';
  readonly turn: number;
  readonly seat: number;
  readonly speaker: string;
  readonly text: string;
  readonly usage: Usage;
  readonly cost?: Cost | undefined;
  readonly reason: 'repeat';
  readonly repeat: RepeatMark;
};

export type SummaryEvent = {
  readonly type: 'summary';
  readonly seat: number;
  readonly speaker: string;
  readonly text: string;
  readonly usage: Usage;
  readonly status: TurnStatus;
  readonly cost?: Cost | undefined;
  /** Why the summary broke off (status `cut-off`). */
  readonly cutOff?: string | undefined;
};

export type TurnEvent =
  | TurnStartedEvent
  | TextDeltaEvent
  | TurnEndedEvent
  | ReplyDiscardedEvent
  | SummaryEvent;
