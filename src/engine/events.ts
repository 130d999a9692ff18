import type { Command } from './commands.js';
import type { ModelErrorKind, Usage } from './model.js';
import type { Cost, CostTotal, OutcomeEvent, RunPrice } from './outcome-events.js';
import type { EngineSettings, Participant, Task } from './table.js';

export type Directive = 'invite-opinions' | 'wrap-up';

export interface TopicRef {
  /** 0-based index into the questions; -1 for a topic the moderator typed in. */
  readonly index: number;
  readonly text: string;
}

/** Why the scheduler gave this speaker the floor. */
export type FloorReason =
  /** The original rule's first speaker, drawn at random. */
  | 'first'
  /** Named or @mentioned in the last reply. */
  | 'mention'
  /** The speaker policy chose (see `SpeakerPolicy`). */
  | 'random'
  | 'fair'
  | 'round-robin'
  | 'bid'
  /** A person gave the floor (`/ask`, `@Name` in an interjection); also the summary's seat. */
  | 'moderator'
  /** The LLM moderator chose; `why` holds its one-line reason. */
  | 'llm-moderator'
  /** A guard overrode the mention or the policy; `guard` says which, `why` how. */
  | 'guard'
  /** A phase in which every seat speaks (opening, rounds, review, closing). */
  | 'phase';

/**
 * The parts a discussion runs through, in the order its format lists them (see `formats.ts`).
 * Opening, rounds, review and closing are parallel: every seat answers at once.
 */
export type PhaseKind = 'opening' | 'discussion' | 'rounds' | 'review' | 'closing' | 'summary';

/** The turns one phase spoke (the rounds of a `rounds` phase together), for the end of a run. */
export interface PhaseTurns {
  readonly kind: PhaseKind;
  readonly title: string;
  readonly turns: number;
}

/** Why a phase ended early or on time. */
export type PhaseEndReason =
  /** It ran its course (its turns, every seat's answer). */
  | 'done'
  /** A person asked to wrap up: the closing phases come next. */
  | 'wrap-up'
  /** The wall-clock limit (`timeLimit`) was reached: the closing phases come next. */
  | 'time-up'
  /** Most seats still at the table ended their last reply with `[end]`. */
  | 'majority'
  /** The LLM moderator decided to end the discussion. */
  | 'moderator'
  /** Every seat left (`[leave]`), or too few are left to go on. */
  | 'all-left'
  /** `budgetTokens` / `budgetUsd`: the closing phases start now so that they still fit. */
  | 'budget'
  /** `stopWhen: consensus`: a consensus check found it. */
  | 'consensus';

/** The guards that may override who speaks next. */
export type GuardName = 'ping-pong' | 'domination' | 'silence';

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

export interface UsageTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when any turn's usage was estimated. */
  readonly estimated: boolean;
}

export type EndReason = 'completed' | 'stopped' | 'interrupted' | 'failed';

/** What happens to the turns that no longer fit in a seat's context window. */
export type ContextStrategy = 'drop-oldest' | 'summarize';

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

/**
 * Everything a discussion does, in order. Every consumer (TUI, plain text, JSON lines,
 * transcripts) reads this one stream; events are plain JSON-serialisable data.
 */
export type DiscussionEvent =
  | {
      readonly type: 'discussion-started';
      readonly seed: number;
      readonly settings: EngineSettings;
      readonly participants: readonly Participant[];
      readonly task: Task;
      /** The first topic; the introductions announce this same one. */
      readonly topic: TopicRef;
      /** What each model costs (when the run was priced): the costs below come from these. */
      readonly prices?: readonly RunPrice[] | undefined;
    }
  | ({
      /**
       * Right after `discussion-started`: the note a seat was given of its own positions and the
       * table's outcomes in earlier runs, and where each came from. A resumed run keeps it.
       */
      readonly type: 'seat-memory';
      readonly speaker: string;
    } & SeatMemory)
  | {
      /**
       * A resumed run goes on from here (after `discussion-started` and the recorded events,
       * which it does not repeat). A turn that was cut off is spoken again in full.
       */
      readonly type: 'discussion-resumed';
      /** The next turn; above `settings.turns` the summary comes next. */
      readonly fromTurn: number;
    }
  | {
      readonly type: 'turn-started';
      /** 1-based turn number; the summary has turn = turns + 1. */
      readonly turn: number;
      readonly kind: 'turn' | 'summary';
      readonly seat: number;
      readonly speaker: string;
      readonly model?: string | undefined;
      readonly topic: TopicRef;
      readonly directives: readonly Directive[];
      /** Turns left after this one. */
      readonly turnsLeft: number;
      readonly reason: FloorReason;
      /** Why, in a few words, for the transcript and the live view ("named by Ann", "bid 8 of 9"). */
      readonly why?: string | undefined;
      /** The guard that gave this seat the floor (reason `guard`). */
      readonly guard?: GuardName | undefined;
      /** The LLM moderator's steer, added to this speaker's guidance. */
      readonly steer?: string | undefined;
      /** Index into the run's phases (absent in transcripts from before phases). */
      readonly phase?: number | undefined;
    }
  /**
   * Text as it streams. `turn` identifies the reply: in a parallel phase several replies stream
   * at once and their deltas interleave.
   */
  | { readonly type: 'text-delta'; readonly turn: number; readonly text: string }
  | {
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
    }
  | {
      /**
       * A phase (or one round of a `rounds` phase) begins. In a parallel phase the turns of
       * `seats` start together and their replies stream at once.
       */
      readonly type: 'phase-started';
      /** Index into the run's phases. */
      readonly phase: number;
      readonly kind: PhaseKind;
      /** How the phase is shown: "Opening statements", "Round 2 of 3", "Peer review"… */
      readonly title: string;
      readonly parallel: boolean;
      /** The round, in a `rounds` phase (1-based), and how many there are. */
      readonly round?: number | undefined;
      readonly rounds?: number | undefined;
      /** The seats taking part, in order. */
      readonly seats: readonly number[];
    }
  | {
      /** A phase (or round) is over; its replies are now heard by everyone, in seat order. */
      readonly type: 'phase-ended';
      readonly phase: number;
      readonly kind: PhaseKind;
      readonly round?: number | undefined;
      readonly reason: PhaseEndReason;
    }
  | {
      /**
       * A reply was spoken, then withdrawn and asked again (`onRepeat: regenerate`): the live
       * view drops its text. Its usage was spent and counts.
       */
      readonly type: 'reply-discarded';
      readonly turn: number;
      readonly seat: number;
      readonly speaker: string;
      readonly text: string;
      readonly usage: Usage;
      readonly cost?: Cost | undefined;
      readonly reason: 'repeat';
      readonly repeat: RepeatMark;
    }
  | {
      /** What the LLM moderator (speaker policy `moderator`) decided before a turn. */
      readonly type: 'moderator-decision';
      readonly turn: number;
      /** The seat it gave the floor to; absent when its answer could not be used. */
      readonly next?: string | undefined;
      readonly reason?: string | undefined;
      readonly steer?: string | undefined;
      readonly action: 'continue' | 'next-topic' | 'end';
      /** Why its answer was not used (the `fair` policy chose instead). */
      readonly fallback?: string | undefined;
      readonly usage: Usage;
      readonly cost?: Cost | undefined;
    }
  | {
      /** The seats' bids (speaker policy `bid`): how urgently each wants to speak, 0–9. */
      readonly type: 'bids';
      readonly turn: number;
      /** `bid` absent: the seat's answer held no bid (it counts as 0). */
      readonly bids: readonly {
        readonly seat: number;
        readonly speaker: string;
        readonly bid?: number | undefined;
      }[];
      readonly usage: Usage;
      readonly cost?: Cost | undefined;
    }
  | {
      /**
       * One seat's anonymized peer review (a `review` phase): which answer it saw under which
       * label, and its ranking, best first, when one could be read from the reply.
       */
      readonly type: 'review';
      readonly turn: number;
      readonly seat: number;
      readonly speaker: string;
      readonly labels: readonly { readonly label: string; readonly seat: number }[];
      readonly ranking?: readonly number[] | undefined;
    }
  | {
      /** The reviews tallied: every reviewed seat by its average rank, best first. */
      readonly type: 'review-tally';
      readonly phase: number;
      readonly ranking: readonly {
        readonly seat: number;
        readonly speaker: string;
        /** Mean rank over the reviews that ranked it (1 = best); absent when none did. */
        readonly averageRank?: number | undefined;
        readonly reviews: number;
      }[];
    }
  | {
      readonly type: 'topic-changed';
      /** The turn that will discuss the new topic. */
      readonly turn: number;
      readonly topic: TopicRef;
      /** The schedule's draw, a person's command, or the LLM moderator's decision. */
      readonly reason: 'schedule' | 'moderator' | 'llm-moderator';
    }
  | {
      readonly type: 'summary';
      readonly seat: number;
      readonly speaker: string;
      readonly text: string;
      readonly usage: Usage;
      readonly status: TurnStatus;
      readonly cost?: Cost | undefined;
      /** Why the summary broke off (status `cut-off`). */
      readonly cutOff?: string | undefined;
    }
  | {
      /**
       * Turns left one seat's context window before its request (the record of what was dropped
       * for whom). It goes to events.jsonl and the transcript, never to the other participants.
       */
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
       * Even the system message, the latest entry and the guidance, with the reply reserve,
       * exceed the window: they were sent anyway and the request may fail.
       */
      readonly overflow: boolean;
    }
  | {
      readonly type: 'retry';
      readonly turn: number;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | {
      readonly type: 'error';
      readonly turn?: number | undefined;
      readonly speaker?: string | undefined;
      readonly kind: ModelErrorKind;
      readonly message: string;
      /** A fatal error ends the discussion. */
      readonly fatal: boolean;
    }
  | {
      readonly type: 'interjection';
      /** Heard before this turn. */
      readonly beforeTurn: number;
      readonly text: string;
      /** The participant the moderator gave the floor to, if any. */
      readonly mention?: string | undefined;
    }
  | { readonly type: 'command'; readonly command: Command }
  | {
      readonly type: 'discussion-ended';
      readonly reason: EndReason;
      /** Turns actually spoken (not counting the summary). */
      readonly turns: number;
      /** `turns` by the phase that spoke them, in order; absent when one phase spoke them all. */
      readonly turnsByPhase?: readonly PhaseTurns[] | undefined;
      readonly usage: UsageTotals;
      /** What the run cost, unknown prices kept apart; absent when the run is not priced. */
      readonly cost?: CostTotal | undefined;
    }
  | OutcomeEvent;

export type DiscussionEventType = DiscussionEvent['type'];
export type EventOf<T extends DiscussionEventType> = Extract<DiscussionEvent, { type: T }>;
