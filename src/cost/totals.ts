// Adding costs up without ever turning an unknown price into $0.
import { formatCount } from '../format-count.js';
import { costOf, type Price, type TokenCount } from './price.js';

export interface CostTotal {
  /** What the priced requests cost, in US dollars. */
  readonly usd: number;
  /** Tokens of requests whose price is known. */
  readonly pricedTokens: number;
  /** Tokens of requests whose price is unknown: the true total is `usd` plus their cost. */
  readonly unpricedTokens: number;
}

export const NO_COST: CostTotal = { usd: 0, pricedTokens: 0, unpricedTokens: 0 };

const tokensOf = (usage: TokenCount): number => usage.promptTokens + usage.completionTokens;

/** Adds one request; `cost` undefined means its price is unknown. */
export function addCost(total: CostTotal, cost: number | undefined, usage: TokenCount): CostTotal {
  return cost === undefined
    ? { ...total, unpricedTokens: total.unpricedTokens + tokensOf(usage) }
    : { ...total, usd: total.usd + cost, pricedTokens: total.pricedTokens + tokensOf(usage) };
}

/** Adds one request at a price (undefined: unknown). */
export function addPriced(
  total: CostTotal,
  usage: TokenCount,
  price: Price | undefined,
): CostTotal {
  return addCost(total, costOf(usage, price), usage);
}

export function sumCosts(a: CostTotal, b: CostTotal): CostTotal {
  return {
    usd: a.usd + b.usd,
    pricedTokens: a.pricedTokens + b.pricedTokens,
    unpricedTokens: a.unpricedTokens + b.unpricedTokens,
  };
}

/**
 * Tokens were counted and every one was priced at nothing (the offline model, a local server):
 * a run to call free once, not one to show "$0" for, per seat and per phase.
 */
export function isFree(total: CostTotal): boolean {
  return total.usd === 0 && total.unpricedTokens === 0 && total.pricedTokens > 0;
}

/** True when every token counted had a known price. */
export function isComplete(total: CostTotal): boolean {
  return total.unpricedTokens === 0;
}

/**
 * Dollars with the precision small sums need: `$0`, `$0.00042`, `$0.012`, `$0.42`, `$1.24`, `$1,204`:
 * two significant figures below a dollar, cents above, whole dollars from a thousand.
 */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (Math.abs(usd) < 1) {
    const decimals = Math.max(2, Math.min(10, 1 - Math.floor(Math.log10(Math.abs(usd)))));
    // Trailing zeros go, but never below cents: $0.60, $0.075.
    return `$${usd.toFixed(decimals).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
  }
  if (Math.abs(usd) < 1000) return `$${usd.toFixed(2)}`;
  return `$${formatCount(Math.round(usd))}`;
}

/** `$0.42`; `$0.42 + unknown` when some tokens have no known price; `unknown` when none has. */
export function formatCost(total: CostTotal): string {
  if (isComplete(total)) return formatUsd(total.usd);
  return total.pricedTokens === 0 ? 'unknown' : `${formatUsd(total.usd)} + unknown`;
}
