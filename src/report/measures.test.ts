import { describe, expect, it } from 'vitest';
import { containment, gini, jaccard, shingles, words } from './measures.js';

describe('words', () => {
  it('counts runs of letters and digits, keeping inner apostrophes and hyphens', () => {
    expect(words("Don't ban car-free streets, @Ann: 42 times… Œuvre naïve 東京")).toEqual([
      "Don't",
      'ban',
      'car-free',
      'streets',
      'Ann',
      '42',
      'times',
      'Œuvre',
      'naïve',
      '東京',
    ]);
    expect(words('  — … !! ')).toEqual([]);
  });

  it('reads ASCII text as the Unicode pattern does (its fast path)', () => {
    const UNICODE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');
    const texts = [
      ascii,
      "Don't ban car-free streets, @Ann: 42 times. O'Neil's x-ray--no 'quoted'",
    ];
    for (let i = 0; i < 128; i++) texts.push(`a${ascii[i]}b ${ascii[i]}c- -d' '${ascii[i]}`);
    for (const text of texts) expect(words(text), text).toEqual(text.match(UNICODE) ?? []);
  });

  it('reads text with marks past ASCII (’ € — “ …) as the Unicode pattern does', () => {
    const UNICODE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
    const texts = ['don’t ’tis it’’s €2.4 — “x” … a’-b', 'é', 'x\u0301y', '😀a', 'a\ud800b'];
    // Every BMP character between words, beside an apostrophe and alone.
    for (let code = 128; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      texts.push(`a${character}b ’${character} ${character}’c d’${character}`);
    }
    for (const text of texts) expect(words(text), text).toEqual(text.match(UNICODE) ?? []);
  });
});

describe('shingles, jaccard and containment', () => {
  it('compares lower-cased word sequences', () => {
    const a = shingles('The park is GREEN', 2);
    expect([...a]).toEqual(['the park', 'park is', 'is green']);
    const b = shingles('the park is big', 2);
    expect(jaccard(a, b)).toBeCloseTo(2 / 4, 10);
    expect(containment(a, b)).toBeCloseTo(2 / 3, 10);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(containment(new Set(), b)).toBe(0);
    expect(shingles('one two', 3).size).toBe(0);
  });
});

describe('gini', () => {
  it('is 0 for equal shares and (n−1)/n when one holds everything', () => {
    expect(gini([])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([4, 4, 4, 4])).toBe(0);
    expect(gini([0, 0, 9])).toBeCloseTo(2 / 3, 10);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(3 / 4, 10);
  });

  it('matches the pairwise definition on uneven values', () => {
    const values = [3, 1, 7, 2, 2];
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    let pairs = 0;
    for (const a of values) for (const b of values) pairs += Math.abs(a - b);
    expect(gini(values)).toBeCloseTo(pairs / (2 * n * n * mean), 10);
  });
});
