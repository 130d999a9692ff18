// What `roundtable report` tells of a discussion, as data: per seat, per topic, the text's
// repetitions and echoes, and the whole. analyze.ts computes them from a transcript.
import type { EndReason, TopicRef } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import type { MentionEdge } from './mentions.js';
import type { QuestionPositions } from './positions.js';

/** What one request of this seat cost in US dollars; undefined when its price is not known. */
export type CostOf = (usage: Usage, participant: Participant) => number | undefined;

export interface AnalyzeOptions {
  readonly costOf?: CostOf | undefined;
  /** Jaccard similarity of word trigrams at which two turns count as near-duplicates. */
  readonly duplicateThreshold?: number | undefined;
  /** Share of a turn's word pairs found in the turn before it at which the turn is an echo. */
  readonly echoThreshold?: number | undefined;
}

export const DEFAULT_DUPLICATE_THRESHOLD = 0.5;
export const DEFAULT_ECHO_THRESHOLD = 0.5;

export interface SeatFigures {
  readonly seat: number;
  readonly name: string;
  readonly fullName: string;
  readonly color: string;
  readonly model: string | undefined;
  readonly human: boolean;
  /** Discussion turns spoken (the summary is not one), failed ones included. */
  readonly turns: number;
  readonly failedTurns: number;
  /** Words in its discussion turns. */
  readonly words: number;
  /** Tokens of every request made for the seat: its turns, the summary, its context summaries. */
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly tokens: number;
  readonly tokensEstimated: boolean;
  /** US dollars; undefined when the model's price is not known. */
  readonly cost: number | undefined;
  readonly shareOfTurns: number;
  readonly shareOfWords: number;
}

export interface TopicFigures {
  /** 0-based question index; -1 for a topic the moderator typed. */
  readonly index: number;
  readonly text: string;
  readonly turns: number;
  readonly words: number;
  /** Time spent speaking on it (turn start to turn end), when the records carry times. */
  readonly durationMs: number | undefined;
  readonly firstTurn: number;
  readonly lastTurn: number;
}

/** A turn that repeats an earlier one (by anyone) almost word for word. */
export interface Repetition {
  readonly turn: number;
  readonly speaker: string;
  readonly of: number;
  readonly ofSpeaker: string;
  /** Jaccard similarity of the two turns' word trigrams, 0–1. */
  readonly similarity: number;
}

/** A turn that mostly restates the turn just before it (for a parallel reply: the last it heard). */
export interface Echo {
  readonly turn: number;
  readonly speaker: string;
  readonly of: number;
  readonly ofSpeaker: string;
  /** Share of this turn's word pairs that the previous turn holds, 0–1. */
  readonly overlap: number;
}

export interface DiscussionFigures {
  readonly title: string;
  readonly startedAt: string | undefined;
  readonly seed: number | undefined;
  /** Wall-clock time the run (and any resumes) took. */
  readonly durationMs: number | undefined;
  readonly endReason: EndReason | undefined;
  /**
   * The discussion turns the settings asked for; undefined when unknown or when the run spoke more
   * (a parallel phase's replies are turns too, beyond the discussion's own).
   */
  readonly plannedTurns: number | undefined;
  readonly seats: readonly SeatFigures[];
  readonly totals: {
    readonly turns: number;
    readonly words: number;
    readonly promptTokens: number;
    readonly completionTokens: number;
    readonly tokens: number;
    readonly tokensEstimated: boolean;
    /** Undefined when any seat's price is unknown. */
    readonly cost: number | undefined;
  };
  /** Gini coefficients of the seats' turns and words: 0 is perfectly even. */
  readonly balance: { readonly turns: number; readonly words: number };
  readonly mentions: readonly MentionEdge[];
  readonly topics: readonly TopicFigures[];
  /** Questions no turn was spoken on. */
  readonly unreached: readonly TopicRef[];
  /** Words of each discussion turn, in order, with its speaker's seat (for sparklines). */
  readonly timeline: readonly {
    readonly turn: number;
    readonly seat: number;
    readonly words: number;
  }[];
  readonly repetitions: readonly Repetition[];
  readonly echoes: readonly Echo[];
  readonly summary: { readonly speaker: string; readonly words: number } | undefined;
  /** Positions and changes of mind per question, when the run made a decision record. */
  readonly positions: readonly QuestionPositions[] | undefined;
}
