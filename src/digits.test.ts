import { expect, it } from 'vitest';
import { groupDigits } from './digits.js';

it('groups digits as toLocaleString("en-US") does', () => {
  for (const value of [
    0,
    7,
    999,
    1000,
    12_345,
    999_999,
    1_000_000,
    123_456_789,
    -1234,
    -12,
    2 ** 53 - 1,
    1234.5,
    0.125,
  ]) {
    expect(groupDigits(value)).toBe(value.toLocaleString('en-US'));
  }
});
