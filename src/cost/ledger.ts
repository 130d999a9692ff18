// Tokens and cost per seat, per phase and in total, folded from the event stream (the costs the
// engine stamped on its events). The live view, the plain totals, transcript.md and outcome.json
// all read their figures from one of these.
import type { DiscussionEvent } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Cost } from '../engine/outcome-events.js';
import { chargeOf } from './charges.js';
import { addCost, type CostTotal, NO_COST } from './totals.js';

export interface LedgerRow {
  promptTokens: number;
  completionTokens: number;
  estimated: boolean;
  cost: CostTotal;
}

const emptyRow = (): LedgerRow => ({
  promptTokens: 0,
  completionTokens: 0,
  estimated: false,
  cost: NO_COST,
});

export class CostLedger {
  readonly total: LedgerRow = emptyRow();
  /** By seat number; 0 holds the requests that chose the speakers (the LLM moderator, bids). */
  readonly seats = new Map<number, LedgerRow & { speaker: string }>();
  /** By phase title, in the order the phases ran. */
  readonly phases = new Map<string, LedgerRow>();
  /** The run was priced: its events carry costs. */
  priced = false;
  #phase = 'Discussion';
  #names = new Map<number, string>();
  /** What seat 0's requests were, for its name: "moderator", "bids" or both. */
  #choosers = new Set<'moderator' | 'bids'>();

  observe(event: DiscussionEvent): void {
    switch (event.type) {
      case 'discussion-started':
        this.priced ||= event.prices !== undefined;
        for (const p of event.participants) this.#names.set(p.seat, p.name);
        return;
      case 'phase-started':
        this.#phase = event.title;
        return;
      case 'turn-started':
        if (event.kind === 'summary' && event.phase === undefined) this.#phase = 'Summary';
        return;
      default: {
        if (event.type === 'moderator-decision' || event.type === 'bids')
          this.#choosers.add(event.type === 'bids' ? 'bids' : 'moderator');
        const charge = chargeOf(event);
        if (charge !== undefined) this.#add(charge.seat, charge.usage, charge.cost);
        return;
      }
    }
  }

  #add(seat: number, usage: Usage, cost: Cost | undefined): void {
    const rows: LedgerRow[] = [this.total];
    let seatRow = this.seats.get(seat);
    if (seatRow === undefined) {
      seatRow = {
        ...emptyRow(),
        speaker: seat === 0 ? 'moderator' : (this.#names.get(seat) ?? `seat ${seat}`),
      };
      this.seats.set(seat, seatRow);
    }
    // Bids are the seats' own quiet requests, not a moderator's: named for what they were.
    if (seat === 0) seatRow.speaker = [...this.#choosers].join(' and ');
    rows.push(seatRow);
    let phaseRow = this.phases.get(this.#phase);
    if (phaseRow === undefined) {
      phaseRow = emptyRow();
      this.phases.set(this.#phase, phaseRow);
    }
    rows.push(phaseRow);
    for (const row of rows) {
      row.promptTokens += usage.promptTokens;
      row.completionTokens += usage.completionTokens;
      row.estimated ||= usage.estimated;
      // Unpriced runs (no costs stamped) leave the cost unknown too: never $0 by omission.
      row.cost = addCost(row.cost, cost ?? undefined, usage);
    }
  }
}
