import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, normalizeSeed } from './random.js';

const draws = (seed: number, n: number): number[] => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draws(7, 50)).toEqual(draws(7, 50));
    expect(draws(7, 50)).not.toEqual(draws(8, 50));
  });

  it('draws floats in [0, 1) and integers in [0, n)', () => {
    const random = createRandom(123);
    for (let i = 0; i < 5000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = random.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  it('spreads int(n) evenly (every bucket within 5% of its share over 40,000 draws)', () => {
    const random = createRandom(2024);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const k = random.int(4);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('chance(p) is never for p <= 0 and always for p >= 1', () => {
    const random = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
    }
  });

  it('pick() returns members and rejects an empty list', () => {
    const random = createRandom(5);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(random.pick(items));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.int(0)).toThrow(RangeError);
  });
});

describe('seeds', () => {
  it('reduces any number to 32 bits', () => {
    expect(normalizeSeed(-1)).toBe(0xffffffff);
    expect(normalizeSeed(2 ** 32 + 5)).toBe(5);
    expect(normalizeSeed(3.9)).toBe(3);
    expect(normalizeSeed(Number.NaN)).toBe(0);
  });

  it('derives distinct, repeatable streams per key', () => {
    const seeds = new Set<number>();
    for (let turn = 1; turn <= 10_000; turn++) seeds.add(deriveSeed(42, turn));
    expect(seeds.size).toBe(10_000);
    expect(deriveSeed(42, 3)).toBe(deriveSeed(42, 3));
    expect(deriveSeed(42, 3)).not.toBe(deriveSeed(43, 3));
  });

  it('gives first draws of consecutive keyed streams an even spread', () => {
    let below = 0;
    for (let turn = 1; turn <= 20_000; turn++) {
      if (createRandom(deriveSeed(9, turn)).next() < 0.2) below += 1;
    }
    expect(Math.abs(below / 20_000 - 0.2)).toBeLessThan(0.01);
  });
});
