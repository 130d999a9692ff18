// The small measures the report is made of. Each is simple enough to compute by hand, which is
// how the report's tests check them.

import { once } from '../once.js';
import { readsAsAscii } from '../unicode-properties.js';

const WORD = once(() => /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
/** WORD on text whose letters and digits are all ASCII (readsAsAscii). */
const ASCII_WORD = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g;

/**
 * Words: runs of letters and digits, with inner apostrophes and hyphens (`don't`, `car-free`).
 * Text with no letter or digit past ASCII (most turns: € — “ ” are neither) is read with
 * ASCII_WORD: V8 builds \p{…} classes' Unicode ranges at every compile of WORD (~4 M
 * instructions at a run's end, ~7 M with parsing it; measures.test.ts checks the two agree).
 */
export function words(text: string): string[] {
  return text.match(readsAsAscii(text) ? ASCII_WORD : WORD()) ?? [];
}

export function wordCount(text: string): number {
  return words(text).length;
}

/** The set of n-word sequences of a text, lower-cased. */
export function shingles(text: string, n: number): Set<string> {
  const list = words(text).map((word) => word.toLowerCase());
  const set = new Set<string>();
  for (let i = 0; i + n <= list.length; i++) set.add(list.slice(i, i + n).join(' '));
  return set;
}

function intersectionSize(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let count = 0;
  for (const item of small) if (large.has(item)) count += 1;
  return count;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const common = intersectionSize(a, b);
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/** |A ∩ B| / |A|: how much of A is found in B; 0 when A is empty. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  return a.size === 0 ? 0 : intersectionSize(a, b) / a.size;
}

/**
 * The Gini coefficient: 0 when every value is equal, (n−1)/n when one holds everything.
 * Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), computed from the sorted values in O(n log n).
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n + 1) x₍ᵢ₎ for 0-based i over the sorted values.
  let weighted = 0;
  sorted.forEach((value, i) => {
    weighted += (2 * i - n + 1) * value;
  });
  return weighted / (n * total);
}
