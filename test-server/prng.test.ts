import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomFrom, sfc32 } from './prng.js';

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
