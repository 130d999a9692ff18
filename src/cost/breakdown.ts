// What a run cost per seat and per phase, in words: one line each, for the plain output's totals
// and transcript.md's. The figures come from a CostLedger folded over the run's events.
import type { CostLedger, LedgerRow } from './ledger.js';
import { formatCost, isFree } from './totals.js';

export interface CostBreakdown {
  readonly perSeat: string;
  readonly perPhase: string;
}

const entry = (name: string, row: LedgerRow): string => `${name} ${formatCost(row.cost)}`;

/**
 * Undefined when the run was not priced, or cost nothing (the offline model, a local server):
 * there is nothing to break down.
 */
export function costBreakdown(ledger: CostLedger): CostBreakdown | undefined {
  if (!ledger.priced || ledger.seats.size === 0 || isFree(ledger.total.cost)) return undefined;
  const seats = [...ledger.seats.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => entry(row.speaker, row));
  const phases = [...ledger.phases.entries()].map(([title, row]) => entry(title, row));
  return { perSeat: seats.join(', '), perPhase: phases.join(', ') };
}
