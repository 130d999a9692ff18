// Where a recorded discussion stands: what `resume.ts` rebuilds from the events and the engine
// (state.ts) starts from.
import type { EndReason, EventOf, TopicRef, TurnStatus, UsageTotals } from './events.js';
import type { FloorEntry } from './floor-record.js';
import type { HistoryEntry } from './history.js';
import type { BatchReply, Floor, RecordedDecision, WrapUpReason } from './state.js';

export interface SeatProgress {
  /** Turns in which it was heard. */
  readonly heard: number;
  readonly firstHeard: number | undefined;
  readonly words: number;
  readonly lastHeard: number | undefined;
  /** It has been given a turn (so it has introduced itself). */
  readonly hadFloor: boolean;
  /** Its last kept context trim: where its window starts, and its running summary. */
  readonly lastTrim: EventOf<'context-trimmed'> | undefined;
}

/** Where a recorded discussion stands: everything the engine needs to go on with it. */
export interface ResumePoint {
  /** The events hold `discussion-started` (a resumed run then does not announce itself again). */
  readonly started: boolean;
  /** How the last recorded run ended; undefined when it stopped without saying (a crash). */
  readonly lastEnd: EndReason | undefined;
  /** The discussion is over: nothing is left to resume. */
  readonly completed: boolean;
  /** Turns spoken and kept (a turn to be redone is not counted). */
  readonly turnsTaken: number;
  /** The next turn to speak; above `settings.turns` the summary comes next. */
  readonly nextTurn: number;
  /** The summary was written; only the end is left. */
  readonly summaryDone: boolean;
  /**
   * Every phase was spoken (the summary too, when there is one): the run stopped between its
   * last words and its end, and a resumed run only writes the end.
   */
  readonly endOnly: boolean;
  /** The decision record was written: a resumed run does not write it again. */
  readonly outcomeRecorded: boolean;
  /** What everyone has heard after the moderator's opening, in order. */
  readonly history: readonly HistoryEntry[];
  readonly topic: TopicRef;
  /** The topic changed since the last kept turn. */
  readonly topicFresh: boolean;
  readonly moderatorChangedTopic: boolean;
  /** Kept discussion turns on the topic since it was set. */
  readonly turnsOnTopic: number;
  /** Scheduled topic changes that wait (held on the last kept turn that was due one). */
  readonly topicsDue: number;
  /** Kept turns per question. */
  readonly topicTurns: readonly number[];
  /** Index into the participants of the last kept turn's speaker. */
  readonly previous: number | undefined;
  /** Who has the floor next (the last reply's mention, or the moderator's choice). */
  readonly floor: Floor | undefined;
  readonly wrapUp: boolean;
  readonly wrapUpReason: WrapUpReason;
  /** The phase to go on with (index into the run's phases). */
  readonly phase: number;
  /** Its `phase-started` (of the current round) was recorded. */
  readonly phaseStarted: boolean;
  /** Kept turns of the current discussion phase. */
  readonly phaseTurns: number;
  /** The round to go on with, in a rounds phase. */
  readonly round: number;
  readonly roundTurns: { readonly first: number; readonly previous: number } | undefined;
  /** The replies of an unfinished parallel phase that are kept, by turn. */
  readonly batch: Map<number, BatchReply> | undefined;
  /** The latest parallel answers, by participant index. */
  readonly answers: ReadonlyMap<number, { readonly turn: number; readonly text: string }>;
  readonly tally: EventOf<'review-tally'> | undefined;
  /** Who had the floor in the discussion phase under way, and why. */
  readonly record: readonly FloorEntry[];
  /** The moderator's decisions and the bids recorded for turns not yet spoken, by turn. */
  readonly decisions: ReadonlyMap<number, RecordedDecision>;
  readonly left: ReadonlySet<number>;
  readonly endVotes: ReadonlySet<number>;
  readonly newPoint: ReadonlySet<number>;
  /** The tally of the unfinished review phase, when it was recorded. */
  readonly batchTally: EventOf<'review-tally'> | undefined;
  /** Every recorded reply's usage, including turns that will be redone: they were paid for. */
  readonly usage: UsageTotals;
  /** The seats' structured positions recorded so far, in order. */
  readonly positions: readonly EventOf<'positions'>[];
  readonly summaryRecord: EventOf<'summary-record'> | undefined;
  /** The summary as spoken, once it was: the decision record quotes it. */
  readonly summaryText: { readonly speaker: string; readonly text: string } | undefined;
  /** How the recorded summary ended: only a complete one is asked for its structured record. */
  readonly summaryStatus: TurnStatus | undefined;
  /**
   * The summary is on record but its structured record, which the run asks for right after it
   * when positions were taken, is not: a resume asks for it (one request, and a repair).
   */
  readonly summaryRecordMissing: boolean;
  /** Failed turns in a row at the end of the kept turns. */
  readonly failures: number;
  /** Per participant, in table order. */
  readonly seats: readonly SeatProgress[];
}
