/** The parts a discussion runs through: a phase or round beginning and ending, peer reviews. */

import type { TopicRef } from './floor.js';

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

/**
 * A phase (or one round of a `rounds` phase) begins. In a parallel phase the turns of `seats`
 * start together and their replies stream at once.
 */
export type PhaseStartedEvent = {
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
  /**
   * The questions an opening or closing of positions asks about, in order: a block of positions
   * shows each once at its head, and a seat's answer by the question's number (`index` + 1).
   */
  readonly questions?: readonly TopicRef[] | undefined;
};

/** A phase (or round) is over; its replies are now heard by everyone, in seat order. */
export type PhaseEndedEvent = {
  readonly type: 'phase-ended';
  readonly phase: number;
  readonly kind: PhaseKind;
  readonly round?: number | undefined;
  readonly reason: PhaseEndReason;
};

/**
 * One seat's anonymized peer review (a `review` phase): which answer it saw under which label,
 * and its ranking, best first, when one could be read from the reply.
 */
export type ReviewEvent = {
  readonly type: 'review';
  readonly turn: number;
  readonly seat: number;
  readonly speaker: string;
  readonly labels: readonly { readonly label: string; readonly seat: number }[];
  readonly ranking?: readonly number[] | undefined;
  /**
   * The seats it was shown and left out of a ranking it did give: the tally counts them tied for
   * the places after the ranked ones (a review that ranks one of three says the other two come
   * after it, not nothing about them).
   */
  readonly unranked?: readonly number[] | undefined;
};

/** The reviews tallied: every reviewed seat by its average rank, best first. */
export type ReviewTallyEvent = {
  readonly type: 'review-tally';
  readonly phase: number;
  readonly ranking: readonly {
    readonly seat: number;
    readonly speaker: string;
    /**
     * Mean rank over the reviews that placed it (1 = best), a review's unranked seats sharing its
     * last places; absent when none did.
     */
    readonly averageRank?: number | undefined;
    readonly reviews: number;
  }[];
};

export type PhaseEvent = PhaseStartedEvent | PhaseEndedEvent | ReviewEvent | ReviewTallyEvent;
