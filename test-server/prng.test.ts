import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomFrom, randomOf, seedOf, sfc32 } from './prng.js';

describe('randomFrom', () => {
  it("seeds sfc32 with the seed text's SHA-256, its first four 32-bit words little-endian", () => {
    const next = randomFrom('words');
    const texts = ['', '7', `7\u0000${'ab12'.repeat(20)}\u0000plain\u00003\u00000.7`, 'é€ Ω 漢字'];
    for (let i = 0; i < 200; i++) texts.push(`${i}:${'x'.repeat(Math.floor(next() * 300))}é`);
    for (const text of texts) {
      const digest = hash('sha256', text, 'buffer');
      const expected = sfc32(
        digest.readUInt32LE(0),
        digest.readUInt32LE(4),
        digest.readUInt32LE(8),
        digest.readUInt32LE(12),
      );
      const random = randomFrom(text);
      for (let k = 0; k < 4; k++) expect(random(), text).toBe(expected());
    }
  });
});

describe('randomOf', () => {
  const seed = seedOf('7\u0000a state');

  it('gives each stream of a seed a sequence of its own, the same every time', () => {
    const firsts = new Set<number>();
    for (let kind = 0; kind < 3; kind++)
      for (let slot = 0; slot < 64; slot++) {
        const a = randomOf(seed, kind, slot);
        const b = randomOf(seed, kind, slot);
        const values = [a(), a(), a()];
        expect([b(), b(), b()]).toEqual(values);
        firsts.add(values[0] as number);
      }
    expect(firsts.size).toBe(3 * 64);
    expect(randomOf(seedOf('8\u0000a state'), 0, 0)()).not.toBe(randomOf(seed, 0, 0)());
  });

  it('spreads neighbouring streams evenly over [0, 1)', () => {
    // Slots are numbered 0, 1, 2…: a weak mix would show as streams that start alike.
    const buckets = new Array<number>(16).fill(0);
    const count = 16_000;
    for (let slot = 0; slot < count; slot++) {
      const value = randomOf(seed, 1, slot)();
      buckets[Math.floor(value * 16)] = (buckets[Math.floor(value * 16)] ?? 0) + 1;
    }
    // χ² with 15 degrees of freedom: above 37.7 one time in a thousand.
    const expected = count / 16;
    const chi = buckets.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(37.7);
  });
});
