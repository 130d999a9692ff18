import { describe, expect, it } from 'vitest';
import { unicodeTexts } from '../test-utils/unicode-texts.js';
import {
  allLettersOrDigits,
  hasLetterOrDigit,
  isCapitalisedWord,
  isLetterOrDigit,
  isWordCharacter,
  lettersAndSpaces,
  startsLower,
  startsUpper,
  startsWithLetterOrDigit,
  tokensOf,
} from './letters.js';
import { TALK_SENTENCES } from './talk.js';

// Every code point of the Basic Multilingual Plane and a stretch past it (letters, digits,
// marks, emoji), as the patterns these functions stand for answer.
const CODES = [
  ...Array.from({ length: 0xd800 }, (_, i) => i),
  ...Array.from({ length: 0x10000 - 0xe000 }, (_, i) => 0xe000 + i),
  ...Array.from({ length: 0x2000 }, (_, i) => 0x1d400 + i),
  ...Array.from({ length: 0x400 }, (_, i) => 0x1f300 + i),
];

describe('letters', () => {
  it('answers for every code point as the Unicode property patterns do', () => {
    const wrong: string[] = [];
    for (const code of CODES) {
      const character = String.fromCodePoint(code);
      const expected = {
        letterOrDigit: /^[\p{L}\p{N}]/u.test(character),
        word: /^[\p{L}\p{N}\p{M}]$/u.test(character),
        upper: /^\p{Lu}/u.test(character),
        lower: /^\p{Ll}/u.test(character),
      };
      const actual = {
        letterOrDigit: isLetterOrDigit(code) && startsWithLetterOrDigit(`${character}.`),
        word: isWordCharacter(code),
        upper: startsUpper(`${character}x`),
        lower: startsLower(character),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('reads whole texts as the patterns do', () => {
    const texts = [
      '',
      'Millford',
      'valley',
      'x-ray',
      '€',
      '€2',
      ' . ',
      'Zoë',
      'naïve',
      'ǅ',
      '٣',
      '😀',
      '\ud800',
    ];
    for (const text of texts) {
      expect(allLettersOrDigits(text), text).toBe(/^[\p{L}\p{N}]+$/u.test(text));
      expect(hasLetterOrDigit(text), text).toBe(/[\p{L}\p{N}]/u.test(text));
      expect(startsWithLetterOrDigit(text), text).toBe(/^[\p{L}\p{N}]/u.test(text));
      expect(startsUpper(text), text).toBe(/^\p{Lu}/u.test(text));
      expect(startsLower(text), text).toBe(/^\p{Ll}/u.test(text));
    }
  });

  const texts = (seed: string) => unicodeTexts(seed, TALK_SENTENCES.slice(0, 500));

  it('tokenizes as the word-or-mark pattern did', () => {
    const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*|[^\s\p{L}\p{N}]/gu;
    for (const text of texts('letters.test.ts tokens')) {
      expect(tokensOf(text), JSON.stringify(text)).toEqual(text.match(TOKEN) ?? []);
    }
  });

  it('knows a capitalised word and keeps letters and spaces as the patterns did', () => {
    for (const text of texts('letters.test.ts words')) {
      expect(isCapitalisedWord(text), JSON.stringify(text)).toBe(/^\p{Lu}\p{Ll}*$/u.test(text));
      expect(lettersAndSpaces(text), JSON.stringify(text)).toBe(text.replace(/[^\p{L}\s']/gu, ''));
    }
    expect(isCapitalisedWord('Should')).toBe(true);
    expect(isCapitalisedWord('Émile')).toBe(true);
    expect(isCapitalisedWord('EU')).toBe(false);
  });
});
