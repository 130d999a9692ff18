import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count.js';

describe('counts with thousands separators', () => {
  it('read exactly as toLocaleString("en-US") wrote them', () => {
    for (const n of [
      0,
      7,
      999,
      1000,
      12_345,
      999_999,
      1_234_567,
      123_456_789,
      -12,
      -4_321,
      2 ** 53 - 1,
      2.5,
      0.125,
      1234.5678,
      1e21,
    ]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});
