// Which events carry a request's tokens, and who pays for them. Every request the engine makes is
// billed on exactly one event: a turn's turn-ended, the summary's `summary` (since the summary
// phase it has no turn-ended), a withdrawn reply, a structured summary, the moderator's decision,
// the bids, a context summary and an answer's repair. Counting only turn-ended misses the rest.
import type { DiscussionEvent } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Cost } from '../engine/outcome-events.js';

export interface Charge {
  /** The seat that made the request; 0 is the LLM moderator (and the bids, asked together). */
  readonly seat: number;
  readonly usage: Usage;
  /** What the engine stamped: dollars, null at an unknown price, absent when not priced. */
  readonly cost: Cost | undefined;
}

/** The request an event bills, if it bills one. */
export function chargeOf(event: DiscussionEvent): Charge | undefined {
  switch (event.type) {
    case 'turn-ended':
    case 'summary':
    case 'reply-discarded':
    case 'summary-record':
      return { seat: event.seat, usage: event.usage, cost: event.cost };
    case 'moderator-decision':
    case 'bids':
      return { seat: 0, usage: event.usage, cost: event.cost };
    case 'context-trimmed':
      return event.summaryUsage === undefined
        ? undefined
        : { seat: event.seat, usage: event.summaryUsage, cost: event.summaryCost };
    case 'positions':
      return event.repairUsage === undefined
        ? undefined
        : { seat: event.seat, usage: event.repairUsage, cost: event.repairCost };
    default:
      return undefined;
  }
}

/**
 * Reads the charges of one run's events in order, each request once. Transcripts written before
 * the summary phase ended the summary's turn with a turn-ended AND a summary event carrying the
 * same request: the second is not counted again.
 */
export class ChargeReader {
  readonly #summaryTurns = new Set<number>();
  #summaryBilled = false;

  read(event: DiscussionEvent): Charge | undefined {
    if (event.type === 'turn-started' && event.kind === 'summary') {
      this.#summaryTurns.add(event.turn);
      this.#summaryBilled = false;
    }
    if (event.type === 'turn-ended' && this.#summaryTurns.has(event.turn)) {
      this.#summaryBilled = true;
    }
    if (event.type === 'summary' && this.#summaryBilled) {
      this.#summaryBilled = false;
      return undefined;
    }
    return chargeOf(event);
  }
}
