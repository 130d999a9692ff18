import type { CostTotal, RunPrice } from '../outcome-events.js';
import type { EngineSettings, Participant, Task } from '../table.js';
import type { TopicRef } from './floor.js';
import type { PhaseTurns } from './phases.js';

/** A run's frame: how it started (and what the seats remember), where it resumed, how it ended. */

export interface UsageTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when any turn's usage was estimated. */
  readonly estimated: boolean;
}

export type EndReason = 'completed' | 'stopped' | 'interrupted' | 'failed';

/** An earlier run a seat's memory note draws on. */
export interface MemorySource {
  /** The run's id in the run library (`roundtable show <id>`). */
  readonly runId: string;
  /** Its first question. */
  readonly title: string;
  readonly startedAt: string;
  /** What the note takes from it: the seat's own position or last turn, the table's outcome or summary. */
  readonly kinds: readonly ('position' | 'turn' | 'outcome' | 'summary')[];
}

/** What a seat with `memory: true` is given before a discussion (found by the session). */
export interface SeatMemory {
  readonly seat: number;
  /** The note, in the seat's system message under "Your memory of earlier discussions". */
  readonly note: string;
  readonly sources: readonly MemorySource[];
}

export type DiscussionStartedEvent = {
  readonly type: 'discussion-started';
  readonly seed: number;
  readonly settings: EngineSettings;
  readonly participants: readonly Participant[];
  readonly task: Task;
  /** The first topic; the introductions announce this same one. */
  readonly topic: TopicRef;
  /** What each model costs (when the run was priced): the costs below come from these. */
  readonly prices?: readonly RunPrice[] | undefined;
};

/**
 * Right after `discussion-started`: the note a seat was given of its own positions and the
 * table's outcomes in earlier runs, and where each came from. A resumed run keeps it.
 */
export type SeatMemoryEvent = {
  readonly type: 'seat-memory';
  readonly speaker: string;
} & SeatMemory;

/**
 * A resumed run goes on from here (after `discussion-started` and the recorded events, which it
 * does not repeat). A turn that was cut off is spoken again in full.
 */
export type DiscussionResumedEvent = {
  readonly type: 'discussion-resumed';
  /** The next turn; above `settings.turns` the summary comes next. */
  readonly fromTurn: number;
};

export type DiscussionEndedEvent = {
  readonly type: 'discussion-ended';
  readonly reason: EndReason;
  /** Turns actually spoken (not counting the summary). */
  readonly turns: number;
  /** `turns` by the phase that spoke them, in order; absent when one phase spoke them all. */
  readonly turnsByPhase?: readonly PhaseTurns[] | undefined;
  readonly usage: UsageTotals;
  /** What the run cost, unknown prices kept apart; absent when the run is not priced. */
  readonly cost?: CostTotal | undefined;
};

export type RunEvent =
  | DiscussionStartedEvent
  | SeatMemoryEvent
  | DiscussionResumedEvent
  | DiscussionEndedEvent;
