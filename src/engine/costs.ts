// What each request cost, stamped on the events that carry its usage, and the run's running
// total. The prices come in with the options (quoted before the run); nothing here looks them up.
import { costOf, type Price } from '../cost/price.js';
import { addCost, type CostTotal, NO_COST } from '../cost/totals.js';
import type { DiscussionEvent } from './events.js';
import type { Usage } from './model.js';
import type { Cost, RunPrice } from './outcome-events.js';
import type { Participant } from './table.js';

/** The engine's `pricing` option. */
export interface Pricing {
  /** The price of a model at an endpoint; undefined when unknown. */
  priceOf(endpoint: string | undefined, model: string | undefined): Price | undefined;
  /** What the run records in `discussion-started`. */
  readonly prices: readonly RunPrice[];
}

export class CostKeeper {
  readonly #pricing: Pricing;
  readonly #participants: readonly Participant[];
  readonly #moderator: {
    readonly endpoint?: string | undefined;
    readonly model?: string | undefined;
  };
  total: CostTotal = NO_COST;

  constructor(
    pricing: Pricing,
    participants: readonly Participant[],
    moderator: { readonly endpoint?: string | undefined; readonly model?: string | undefined } = {},
  ) {
    this.#pricing = pricing;
    this.#participants = participants;
    this.#moderator = moderator;
  }

  get prices(): readonly RunPrice[] {
    return this.#pricing.prices;
  }

  /** The price a seat's requests pay; seat 0 is the LLM moderator. */
  priceOfSeat(seat: number): Price | undefined {
    if (seat === 0) return this.#pricing.priceOf(this.#moderator.endpoint, this.#moderator.model);
    const participant = this.#participants.find((p) => p.seat === seat);
    return participant === undefined
      ? undefined
      : this.#pricing.priceOf(participant.endpoint, participant.model);
  }

  /** The cost of a usage at a seat's price, counted into the total. */
  #charge(seat: number | readonly number[], usage: Usage): Cost {
    const seats = typeof seat === 'number' ? [seat] : seat;
    const prices = seats.map((s) => this.priceOfSeat(s));
    const [first] = prices;
    // A usage shared by several seats (the bids) has one price only when they all pay the same.
    const same = prices.every((p) => JSON.stringify(p) === JSON.stringify(first));
    const cost = same ? costOf(usage, first) : undefined;
    this.total = addCost(this.total, cost, usage);
    return cost ?? null;
  }

  /** The event with its cost on it, counted once; events without usage pass through. */
  stamp(event: DiscussionEvent): DiscussionEvent {
    switch (event.type) {
      case 'turn-ended':
      case 'summary':
      case 'reply-discarded':
      case 'summary-record':
        return { ...event, cost: this.#charge(event.seat, event.usage) };
      case 'moderator-decision':
        return { ...event, cost: this.#charge(0, event.usage) };
      case 'bids':
        return {
          ...event,
          cost: this.#charge(
            event.bids.map((b) => b.seat),
            event.usage,
          ),
        };
      case 'context-trimmed':
        return event.summaryUsage === undefined
          ? event
          : { ...event, summaryCost: this.#charge(event.seat, event.summaryUsage) };
      case 'positions':
        return event.repairUsage === undefined
          ? event
          : { ...event, repairCost: this.#charge(event.seat, event.repairUsage) };
      default:
        return event;
    }
  }

  /** A recorded event's cost, counted into the total without stamping (a resumed run's past). */
  recount(event: DiscussionEvent): void {
    const add = (cost: Cost | undefined, usage: Usage | undefined): void => {
      if (usage === undefined) return;
      this.total = addCost(this.total, cost ?? undefined, usage);
    };
    switch (event.type) {
      case 'turn-ended':
      case 'summary':
      case 'reply-discarded':
      case 'summary-record':
      case 'moderator-decision':
      case 'bids':
        add(event.cost, event.usage);
        return;
      case 'context-trimmed':
        add(event.summaryCost, event.summaryUsage);
        return;
      case 'positions':
        add(event.repairCost, event.repairUsage);
        return;
      default:
        return;
    }
  }
}
