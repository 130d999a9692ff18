import { describe, expect, it } from 'vitest';
import { ranksOf } from './ballots.js';
import { kendallW } from './kendall.js';

const ranks = (...groups: string[][]) => ranksOf(groups);
const four = ['a', 'b', 'c', 'd'];

describe("Kendall's W", () => {
  it('is 1 when every voter ranks alike and 0 when two voters rank in reverse', () => {
    const same = ranks(['a'], ['b'], ['c'], ['d']);
    expect(kendallW([same, same, same], four)).toBe(1);
    expect(kendallW([same, ranks(['d'], ['c'], ['b'], ['a'])], four)).toBe(0);
  });

  it('matches a hand computation', () => {
    // Rank sums a=4, b=6, c=8 (mean 6): S = 8; W = 12·8 / (3²·(27 − 3)) = 96 / 216.
    const rankings = [
      ranks(['a'], ['b'], ['c']),
      ranks(['a'], ['c'], ['b']),
      ranks(['b'], ['a'], ['c']),
    ];
    expect(kendallW(rankings, ['a', 'b', 'c'])).toBeCloseTo(96 / 216, 12);
  });

  it('corrects for ties', () => {
    // Voter 2 ties b and c (rank 2.5 each): T = 2³ − 2 = 6. Rank sums a=2, b=4.5, c=5.5 around
    // a mean of 4: S = 4 + 0.25 + 2.25 = 6.5. W = 12·6.5 / (2²·24 − 2·6) = 78 / 84.
    const rankings = [ranks(['a'], ['b'], ['c']), ranks(['a'], ['b', 'c'])];
    expect(kendallW(rankings, ['a', 'b', 'c'])).toBeCloseTo(78 / 84, 12);
  });

  it('is undefined with one voter, one option, or nothing but ties', () => {
    expect(kendallW([ranks(['a'], ['b'])], ['a', 'b'])).toBeUndefined();
    expect(kendallW([ranks(['a']), ranks(['a'])], ['a'])).toBeUndefined();
    expect(kendallW([ranks(['a', 'b']), ranks(['a', 'b'])], ['a', 'b'])).toBeUndefined();
  });
});
