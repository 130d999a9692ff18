import { describe, expect, it } from 'vitest';
import { leadingWord, trailingWord } from './ascii-words.js';
import { TALK_SENTENCES } from './talk.js';

const LEADING = /^[\p{L}'’]+/u;
const TRAILING = /([\p{L}'’]+)\s*$/u;

/** Texts over an alphabet of ASCII letters, marks and spaces and what lies past ASCII beside them. */
function texts(): string[] {
  const alphabet = [
    'a',
    'Z',
    "'",
    '’',
    ' ',
    '\u00a0',
    '\t',
    '.',
    ',',
    '-',
    '7',
    'é',
    'Ω',
    '€',
    '–',
    '東',
    '\u0301',
  ];
  const out = [
    '',
    ' ',
    'I',
    "I'm",
    'you',
    'and you',
    'shows you ',
    'Zoé',
    'café ',
    '€3 million',
    ...TALK_SENTENCES,
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let i = 0; i < 20_000; i++) {
    let text = '';
    for (let n = next() % 7; n >= 0; n--) text += alphabet[next() % alphabet.length];
    out.push(text);
  }
  for (let code = 0; code < 0x3000; code++) {
    const char = String.fromCharCode(code);
    out.push(`${char}ab`, `ab${char}`, `ab${char} `, `${char}`);
  }
  return out;
}

describe('the first and last word of a text, ASCII first', () => {
  it('are what the \\p{L} patterns find, on the talk and on random and single-character texts', () => {
    for (const text of texts()) {
      expect(leadingWord(text), JSON.stringify(text)).toBe(LEADING.exec(text)?.[0]);
      expect(trailingWord(text), JSON.stringify(text)).toBe(TRAILING.exec(text)?.[1]);
    }
  });
});
