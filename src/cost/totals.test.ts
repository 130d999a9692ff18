import { describe, expect, it } from 'vitest';
import {
  addCost,
  addPriced,
  formatCost,
  formatUsd,
  isComplete,
  isFree,
  NO_COST,
  sumCosts,
} from './totals.js';

const usage = { promptTokens: 1000, completionTokens: 200 };

describe('cost totals', () => {
  it('adds priced requests in dollars and counts unpriced tokens apart', () => {
    let total = addPriced(NO_COST, usage, { input: 1, output: 2 });
    total = addCost(total, undefined, usage);
    expect(total.usd).toBeCloseTo(0.0014, 12);
    expect(total.pricedTokens).toBe(1200);
    expect(total.unpricedTokens).toBe(1200);
    expect(isComplete(total)).toBe(false);
    expect(sumCosts(total, total).unpricedTokens).toBe(2400);
  });

  it('says unknown rather than $0 when nothing was priced', () => {
    expect(formatCost(addCost(NO_COST, undefined, usage))).toBe('unknown');
    expect(formatCost(addCost(addCost(NO_COST, 0, usage), undefined, usage))).toBe('$0 + unknown');
    expect(formatCost(addCost(NO_COST, 0, usage))).toBe('$0');
    expect(formatCost(addCost(addCost(NO_COST, 0.42, usage), undefined, usage))).toBe(
      '$0.42 + unknown',
    );
  });

  it('shows small sums with two significant figures and large ones in whole dollars', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.000_42)).toBe('$0.00042');
    expect(formatUsd(0.012_34)).toBe('$0.012');
    expect(formatUsd(0.42)).toBe('$0.42');
    expect(formatUsd(0.6)).toBe('$0.60');
    expect(formatUsd(0.075)).toBe('$0.075');
    expect(formatUsd(0.1234)).toBe('$0.12');
    expect(formatUsd(1.5e-7)).toBe('$0.00000015');
    expect(formatUsd(1.239)).toBe('$1.24');
    expect(formatUsd(1204.4)).toBe('$1,204');
  });
});

describe('isFree', () => {
  it('is a run whose counted tokens were all priced at nothing', () => {
    expect(isFree({ usd: 0, pricedTokens: 900, unpricedTokens: 0 })).toBe(true);
    expect(isFree({ usd: 0.0001, pricedTokens: 900, unpricedTokens: 0 })).toBe(false);
    // An unknown price may cost something; nothing counted is not "free" either.
    expect(isFree({ usd: 0, pricedTokens: 900, unpricedTokens: 10 })).toBe(false);
    expect(isFree({ usd: 0, pricedTokens: 0, unpricedTokens: 0 })).toBe(false);
  });
});
