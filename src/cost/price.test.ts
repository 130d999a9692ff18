import { describe, expect, it } from 'vitest';
import { costOf, type Price, pricesSchema, ratesFor } from './price.js';

const gpt4o: Price = { input: 2.5, cachedInput: 1.25, output: 10 };

describe('costOf', () => {
  it('charges prompt and completion tokens per million', () => {
    expect(costOf({ promptTokens: 1_000_000, completionTokens: 0 }, gpt4o)).toBeCloseTo(2.5, 12);
    expect(costOf({ promptTokens: 1000, completionTokens: 500 }, gpt4o)).toBeCloseTo(0.0075, 12);
  });

  it('charges cached prompt tokens at the cached rate, or at the input rate without one', () => {
    const usage = { promptTokens: 1000, completionTokens: 0, cachedPromptTokens: 600 };
    expect(costOf(usage, gpt4o)).toBeCloseTo((400 * 2.5 + 600 * 1.25) / 1e6, 12);
    expect(costOf(usage, { input: 2.5, output: 10 })).toBeCloseTo(0.0025, 12);
  });

  it('never counts more cached tokens than prompt tokens', () => {
    const usage = { promptTokens: 100, completionTokens: 0, cachedPromptTokens: 500 };
    expect(costOf(usage, gpt4o)).toBeCloseTo((100 * 1.25) / 1e6, 12);
  });

  it('is undefined, not 0, when the price is unknown', () => {
    expect(costOf({ promptTokens: 10, completionTokens: 10 }, undefined)).toBeUndefined();
  });

  it('applies a long-prompt tier to all tokens of a request past its threshold', () => {
    const tiered: Price = {
      input: 1.25,
      output: 10,
      tiers: [{ abovePromptTokens: 200_000, input: 2.5, output: 15 }],
    };
    expect(ratesFor(tiered, 200_000).input).toBe(1.25);
    expect(ratesFor(tiered, 200_001).input).toBe(2.5);
    expect(costOf({ promptTokens: 300_000, completionTokens: 1000 }, tiered)).toBeCloseTo(
      0.75 + 0.015,
      12,
    );
  });
});

describe('pricesSchema', () => {
  it('accepts the documented shape', () => {
    const parsed = pricesSchema().safeParse({
      'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    });
    expect(parsed.success).toBe(true);
  });

  it('refuses negative prices, unknown fields and missing rates', () => {
    expect(pricesSchema().safeParse({ m: { input: -1, output: 1 } }).success).toBe(false);
    expect(pricesSchema().safeParse({ m: { input: 1, output: 1, cached: 1 } }).success).toBe(false);
    expect(pricesSchema().safeParse({ m: { input: 1 } }).success).toBe(false);
  });
});
