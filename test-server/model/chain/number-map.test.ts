import { describe, expect, it } from 'vitest';
import { randomFrom } from '../../prng.js';
import { NumberMap } from './number-map.js';

describe('NumberMap', () => {
  it('answers as a Map of the same entries, through growth and colliding keys', () => {
    const random = randomFrom('number-map.test.ts 5');
    // A whole number below 2^32, as the generator's draws give.
    const next = () => Math.floor(random() * 0x100000000);
    const map = new NumberMap(4);
    const reference = new Map<number, number>();
    // Keys as the spoken runs make them (two 26-bit halves), a few of them reused, and keys that
    // differ only in their high half or their low half.
    const keyOf = () => {
      const kind = next() % 4;
      if (kind === 0) return (next() % 50) * 0x4000000;
      if (kind === 1) return next() % 50;
      return (next() >>> 6) * 0x4000000 + (next() >>> 6);
    };
    for (let n = 0; n < 20_000; n++) {
      const key = keyOf();
      if (next() % 3 === 0) {
        const value = next() | 0;
        map.set(key, value);
        reference.set(key, value);
      }
      expect(map.get(key)).toBe(reference.get(key));
      expect(map.has(key)).toBe(reference.has(key));
      expect(map.size).toBe(reference.size);
    }
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    expect(map.get(2 ** 52 - 1)).toBeUndefined();
  });
});
