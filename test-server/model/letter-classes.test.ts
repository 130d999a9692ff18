import { describe, expect, it } from 'vitest';
import { CLASS_BODIES, rangesOf } from './letter-classes.js';

// The build spells the word patterns' classes as ranges (rangesOf); they must match what the
// `\p{…}` classes match, code point by code point, lone surrogates included.
describe('letter classes', () => {
  it.each([
    [String.raw`\p{L}\p{N}`, 'letterOrDigit'],
    [String.raw`\p{L}\p{N}\p{M}`, 'wordCharacter'],
  ] as const)('spells [%s] as ranges that match the same code points', (body, name) => {
    const properties = new RegExp(`^[${body}]$`, 'u');
    const ranges = new RegExp(`^[${rangesOf(body)}]$`, 'u');
    const wrong: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const character = String.fromCodePoint(code);
      if (properties.test(character) !== ranges.test(character)) wrong.push(code);
    }
    expect(wrong).toEqual([]);
    // Unbundled, the classes keep their property spelling.
    expect(CLASS_BODIES[name]).toBe(body);
  });

  it('keeps the ranges usable inside a larger class and its negation', () => {
    const letterOrDigit = rangesOf(String.raw`\p{L}\p{N}`);
    const token = new RegExp(
      `[${letterOrDigit}][${letterOrDigit}'’-]*|[^\\s${letterOrDigit}]`,
      'gu',
    );
    const text = "Zoë's €2.4-million plan — naïve? 東京 ok-ish, l'été";
    expect(text.match(token)).toEqual(text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[^\s\p{L}\p{N}]/gu));
  });
});
