// Every random choice the engine makes comes from here, so a seed reproduces a discussion.
// mulberry32: a 32-bit state, good statistical quality for this use, and trivially serialisable.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p (p <= 0 never, p >= 1 always). */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** Reduces any number to the unsigned 32-bit seed the generators use (NaN and ±Infinity give 0). */
export function normalizeSeed(seed: number): number {
  return Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
}

/** murmur3's finalizer: spreads every input bit over the whole word (the dummy server's too). */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seed for an independent stream keyed by `parts` (for example the run's seed and a turn
 * number). Keyed streams make each turn's draws independent of everything that happened before,
 * which keeps a resumed run on exactly the same random path as an uninterrupted one.
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let h = fmix32(normalizeSeed(seed) ^ 0x9e3779b9);
  for (const part of parts) {
    h = fmix32((h ^ Math.imul(normalizeSeed(part) + 0x7f4a7c15, 0x9e3779b1)) >>> 0);
  }
  return h;
}

export function createRandom(seed: number): Random {
  let state = normalizeSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0)
      throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(next() * n);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    // int() rejects an empty list, so the index is always in range.
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
  };
}
