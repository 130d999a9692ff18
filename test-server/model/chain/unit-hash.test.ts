import { describe, expect, it } from 'vitest';
import { randomFrom } from '../../prng.js';
import type { Unit } from '../read-request.js';
import { unitHash } from './conversation-cache.js';

/** The fingerprint as first written (a closure, the speaker through the string's iterator). */
function reference(unit: Unit, seed: number): number {
  let hash = seed ^ unit.text.length;
  const mix = (code: number) => {
    hash = Math.imul(hash ^ code, 0x01000193) >>> 0;
  };
  mix(unit.moderator ? 1 : 2);
  for (const char of unit.speaker ?? '') mix(char.charCodeAt(0));
  const { text } = unit;
  const step = Math.max(1, Math.floor(text.length / 8));
  for (let i = 0; i < text.length; i += step) mix(text.charCodeAt(i));
  if (text.length > 0) mix(text.charCodeAt(text.length - 1));
  return hash;
}

describe('unitHash', () => {
  // Keys of chains and seeds of replies are made of it: it must give what it always gave.
  it('gives the fingerprint it was written as, for speakers of any characters', () => {
    const pieces = [...'aZ ’é中😀𝒜\ue000\uffff', '\ud800', '\udc00', '\ud83d', '\ude00'];
    const random = randomFrom('unit-hash.test.ts');
    const next = () => Math.floor(random() * 0x100000000);
    for (let n = 0; n < 5_000; n++) {
      let speaker = '';
      for (let i = next() % 8; i > 0; i--) speaker += pieces[next() % pieces.length];
      let text = '';
      for (let i = next() % 40; i > 0; i--) text += pieces[next() % pieces.length];
      const unit: Unit = {
        speaker: n % 5 === 0 ? undefined : speaker,
        moderator: n % 3 === 0,
        own: false,
        text,
      };
      const seed = next();
      expect(unitHash(unit, seed), JSON.stringify(unit)).toBe(reference(unit, seed));
    }
  });
});
