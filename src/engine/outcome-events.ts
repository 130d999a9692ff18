// The events of outcomes and cost: the seats' positions, the consensus checks, budget decisions,
// the summarizer's structured record and the decision record. Part of `DiscussionEvent`.
import type { CostTotal } from '../cost/totals.js';
import type { Position } from '../outcome/positions.js';
import type { OutcomeRecord } from '../outcome/record-schema.js';
import type { StructuredSummary } from '../outcome/summary-record.js';
import type { Usage } from './model.js';

/** What a request cost in US dollars; null when its model's price is unknown (never 0). */
export type Cost = number | null;

/** When positions are asked: before the discussion, at a consensus check, or at the closing. */
export type PositionsMoment = 'opening' | 'check' | 'closing';

/** How a seat's structured answer was read. */
export type AnswerStatus =
  /** Valid as given. */
  | 'parsed'
  /** Valid after one repair request. */
  | 'repaired'
  /** Still invalid after the repair: `raw` keeps what was said. */
  | 'unparsed'
  /** The request failed (see the `error` event before it). */
  | 'failed';

/** A budget decision: why the moderator ended early or left something out. */
export type BudgetAction =
  /** The closing phases start now, so that they still fit. */
  | 'wrap-up'
  /** A repair request would not fit: the answer stays unparsed. */
  | 'skip-repair'
  /** A request would not fit at all: it is not sent. */
  | 'skip';

export type OutcomeEvent =
  | {
      /** One seat's positions, read from its answer (after the repair, if one was asked). */
      readonly type: 'positions';
      readonly moment: PositionsMoment;
      /** The turn whose reply held the answer. */
      readonly turn: number;
      readonly seat: number;
      readonly speaker: string;
      readonly status: AnswerStatus;
      readonly positions: readonly Position[];
      /** Questions (0-based) the answer left out: the seat abstains on them. */
      readonly missing: readonly number[];
      /** What was wrong with the first answer (the repair request quoted it). */
      readonly problems?: readonly string[] | undefined;
      /** The reply as given when it could not be read. */
      readonly raw?: string | undefined;
      /** The repair request's usage, counted in the totals, and its cost. */
      readonly repairUsage?: Usage | undefined;
      readonly repairCost?: Cost | undefined;
    }
  | {
      /** The positions asked during the discussion (`stopWhen: consensus`), tallied. */
      readonly type: 'consensus-check';
      /** The last turn before the check. */
      readonly turn: number;
      /** Every question with options reached consensus: the discussion ends. */
      readonly reached: boolean;
      readonly threshold: number;
      readonly questions: readonly {
        readonly index: number;
        readonly outcome?: string | undefined;
        readonly support: number;
        readonly reached: boolean;
      }[];
    }
  | {
      /** The moderator acted on `budgetTokens` / `budgetUsd`. */
      readonly type: 'budget';
      readonly action: BudgetAction;
      /** The turn it acted before. */
      readonly turn: number;
      /** What was spent so far, and the limits. */
      readonly spentTokens: number;
      readonly spentUsd?: number | undefined;
      readonly budgetTokens?: number | undefined;
      readonly budgetUsd?: number | undefined;
      /** What is still to come, estimated at every reply's maxTokens. */
      readonly reserveTokens: number;
      readonly reserveUsd?: number | undefined;
      /**
       * A wrap-up's estimate of the turn it did not take: the reply and whatever comes with it
       * (the LLM moderator's request, every seat's bid, a consensus check).
       */
      readonly nextTokens?: number | undefined;
      /** In a few words, for the transcript and the live view. */
      readonly why: string;
    }
  | {
      /** The summarizer's structured record: action items, open questions, groups of positions. */
      readonly type: 'summary-record';
      readonly turn: number;
      readonly seat: number;
      readonly speaker: string;
      readonly status: AnswerStatus;
      readonly record: StructuredSummary;
      readonly raw?: string | undefined;
      readonly usage: Usage;
      readonly cost?: Cost | undefined;
    }
  | {
      /** The decision record (outcome.json), after the last phase. */
      readonly type: 'outcome';
      readonly record: OutcomeRecord;
    };

/** The price each endpoint and model of the run pays (null: unknown), as recorded at its start. */
export interface RunPrice {
  readonly endpoint: string;
  readonly model: string;
  readonly source: 'config' | 'local' | 'library' | 'unknown';
  readonly price: {
    readonly input: number;
    readonly cachedInput?: number | undefined;
    readonly output: number;
  } | null;
}

export type { CostTotal };
