import { describe, expect, it } from 'vitest';
import {
  builtPropertyTable,
  DIGIT,
  isSpace,
  LETTER,
  LOWER,
  MARK,
  readsAsAscii,
  tableLookup,
  UPPER,
} from './unicode-properties.js';

const LAST_CODE_POINT = 0x10ffff;

describe('unicode properties', () => {
  // The bundle answers from the build's table: every code point, lone surrogates too, as the
  // `\p{…}` patterns answer.
  it('builds a table that answers for every code point as the \\p{…} patterns do', () => {
    const lookup = tableLookup(builtPropertyTable());
    const patterns = [
      [UPPER, /\p{Lu}/u],
      [LOWER, /\p{Ll}/u],
      [LETTER, /\p{L}/u],
      [DIGIT, /\p{N}/u],
      [MARK, /\p{M}/u],
    ] as const;
    const wrong: string[] = [];
    for (let code = 128; code <= LAST_CODE_POINT; code++) {
      const character = String.fromCodePoint(code);
      let expected = 0;
      for (const [bit, pattern] of patterns) if (pattern.test(character)) expected |= bit;
      if (lookup(code) !== expected) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('knows white space as \\s does', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= LAST_CODE_POINT; code++) {
      if (isSpace(code) !== /\s/u.test(String.fromCodePoint(code))) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('reads as ASCII only a text with no letter or digit past ASCII and no surrogate', () => {
    const cases: [string, boolean][] = [
      ['', true],
      ['plain words, 42.', true],
      ['€2.4 million — “quoted” and don’t…', true],
      ['Zoë', false],
      ['٣', false],
      ['a\u0301', true],
      ['😀', false],
      ['\ud800', false],
      ['東京', false],
    ];
    for (const [text, expected] of cases) expect(readsAsAscii(text), text).toBe(expected);
    // Every BMP character alone after ASCII text: ASCII patterns read it as \p{…} ones do.
    const letterOrDigit = /[\p{L}\p{N}]/u;
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      const expected = !surrogate && (code < 128 || !letterOrDigit.test(character));
      if (readsAsAscii(`ab ${character}`) !== expected) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
