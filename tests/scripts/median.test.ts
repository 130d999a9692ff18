import { describe, expect, it } from 'vitest';
import { median, medianRange } from '../../scripts/median.js';

describe('scripts/median.ts', () => {
  it('takes the middle sample, or the mean of the two middle ones, whatever their order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('prints the median with its unit, then the least and the most sample', () => {
    expect(medianRange([1.04, 3.5, 1.26], 2, ' s')).toBe('1.26 s (1.04–3.50)');
    expect(medianRange([10, 30], 0)).toBe('20 (10–30)');
  });
});
