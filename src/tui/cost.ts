// The run's cost in the status line, as it streams: what the finished requests cost (stamped on
// their events) plus the turn being spoken, its tokens so far at its seat's output price.
import { chargesAnything, type Price } from '../cost/price.js';
import { addCost, type CostTotal, formatCost, formatUsd, NO_COST } from '../cost/totals.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Cost } from '../engine/outcome-events.js';
import { estimateTokens } from '../engine/usage.js';

export interface TuiCost {
  readonly total: CostTotal;
  /** Each seat's price (null: unknown), from the prices the run recorded at its start. */
  readonly seatPrices: ReadonlyMap<number, Price | null>;
  readonly bySeat: ReadonlyMap<number, CostTotal>;
  readonly byPhase: ReadonlyMap<string, CostTotal>;
  /** The phase under way, by title. */
  readonly phase: string | undefined;
  readonly names: ReadonlyMap<number, string>;
}

function plus<K>(map: ReadonlyMap<K, CostTotal>, key: K, amount: Cost | undefined, usage: Usage) {
  return new Map(map).set(key, addCost(map.get(key) ?? NO_COST, amount ?? undefined, usage));
}

function charged(
  cost: TuiCost,
  seat: number,
  amount: Cost | undefined,
  usage: Usage | undefined,
): TuiCost {
  if (usage === undefined) return cost;
  return {
    ...cost,
    total: addCost(cost.total, amount ?? undefined, usage),
    bySeat: plus(cost.bySeat, seat, amount, usage),
    byPhase:
      cost.phase === undefined ? cost.byPhase : plus(cost.byPhase, cost.phase, amount, usage),
  };
}

/** The cost after one more event; undefined while (and when) the run is not priced or free. */
export function costAfter(cost: TuiCost | undefined, event: DiscussionEvent): TuiCost | undefined {
  if (event.type === 'discussion-started') {
    // Free seats only (the offline model, a local server): "$0 (Bob $0)" would be noise.
    if (event.prices === undefined || !chargesAnything(event.prices)) return undefined;
    const byKey = new Map(event.prices.map((p) => [`${p.endpoint}\u0000${p.model}`, p.price]));
    const seatPrices = new Map(
      event.participants.map((p) => [
        p.seat,
        byKey.get(`${p.endpoint ?? ''}\u0000${p.model ?? ''}`) ?? null,
      ]),
    );
    return {
      total: cost?.total ?? NO_COST,
      seatPrices,
      bySeat: cost?.bySeat ?? new Map(),
      byPhase: cost?.byPhase ?? new Map(),
      phase: cost?.phase,
      names: new Map(event.participants.map((p) => [p.seat, p.name])),
    };
  }
  if (cost === undefined) return undefined;
  switch (event.type) {
    case 'phase-started':
      return { ...cost, phase: event.title };
    case 'turn-ended':
    case 'summary':
    case 'reply-discarded':
    case 'summary-record':
      return charged(cost, event.seat, event.cost, event.usage);
    case 'moderator-decision':
    case 'bids':
      return charged(cost, 0, event.cost, event.usage);
    case 'context-trimmed':
      return charged(cost, event.seat, event.summaryCost, event.summaryUsage);
    case 'positions':
      return charged(cost, event.seat, event.repairCost, event.repairUsage);
    case 'discussion-ended':
      return event.cost === undefined ? cost : { ...cost, total: event.cost };
    default:
      return cost;
  }
}

/**
 * `$0.012` (`~` while a reply streams, its tokens estimated), `$0.012 + unknown`, or undefined
 * when the run is not priced.
 */
export function costPart(
  cost: TuiCost | undefined,
  live: readonly { readonly seat: number; readonly text: string }[],
): string | undefined {
  if (cost === undefined) return undefined;
  let streaming = 0;
  let unknown = false;
  for (const turn of live) {
    const price = cost.seatPrices.get(turn.seat);
    if (price === null || price === undefined) unknown = true;
    else streaming += (estimateTokens(turn.text) * price.output) / 1_000_000;
  }
  const base = { ...cost.total, usd: cost.total.usd + streaming };
  const total =
    unknown && base.unpricedTokens === 0 ? `${formatUsd(base.usd)} + unknown` : formatCost(base);
  const parts: string[] = [];
  const phase = cost.phase === undefined ? undefined : cost.byPhase.get(cost.phase);
  if (cost.phase !== undefined && phase !== undefined) {
    parts.push(`${cost.phase} ${formatCost(phase)}`);
  }
  for (const turn of live) {
    const spent = cost.bySeat.get(turn.seat) ?? NO_COST;
    // A seat at an unknown price is speaking unpriced tokens now, even before its first is counted.
    const seat = cost.seatPrices.get(turn.seat)
      ? spent
      : addCost(spent, undefined, { promptTokens: 0, completionTokens: 1 });
    parts.push(`${cost.names.get(turn.seat) ?? `seat ${turn.seat}`} ${formatCost(seat)}`);
  }
  const shown = `${streaming > 0 ? '~' : ''}${total}`;
  return parts.length === 0 ? shown : `${shown} (${parts.join(', ')})`;
}
