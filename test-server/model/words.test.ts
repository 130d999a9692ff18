import { describe, expect, it } from 'vitest';
import { randomFrom } from '../prng.js';
import { nameTest, normalWords, runKeysOf, wordsOfLower } from './words.js';

describe('nameTest', () => {
  it('finds a name as a whole word, in any case, @-prefixed or not', () => {
    const names = nameTest(['Ines', 'Bo']);
    expect(names.test('I agree with ines.')).toBe(true);
    expect(names.test('@Bo, your turn.')).toBe(true);
    expect(names.test('Bonn and Inesita are elsewhere.')).toBe(false);
  });

  it('is one test per set of names, kept: the same answers however often it is asked', () => {
    // Each new one builds its patterns again; a kept one does not. The order of the names
    // does not change what it answers, so it is the same test (and a seat's bank is keyed by
    // its sorted names: see sentence-bank.ts).
    const first = nameTest(['Margit', 'Juno']);
    expect(nameTest(['Margit', 'Juno'])).toBe(first);
    expect(nameTest(['Juno', 'Margit', 'Juno'])).toBe(first);
    expect(first.names).toEqual(['Juno', 'Margit']);
    expect(nameTest(['Margit'])).not.toBe(first);
    // Shared, it must keep no state between uses.
    for (let i = 0; i < 3; i++) {
      expect(first.test('Juno said so.')).toBe(true);
      expect(nameTest(['Margit', 'Juno']).test('Nobody did.')).toBe(false);
      expect(first.find('Ask @juno.')).toMatchObject({ index: 4, end: 9, name: 'juno' });
      expect(first.find('Ask junot.')).toBeUndefined();
    }
  });
});

describe('nameTest against the one pattern it replaces', () => {
  // The one pattern a name test was, with the boundaries in it: its answers are the reference.
  // (It differs where no table's text goes: a name of two words across a run of spaces, which the
  // engine's scanner takes as the name, and U+0345 after a name, a letter only under case folding.)
  const reference = (names: readonly string[]) =>
    new RegExp(
      `(?<![\\p{L}\\p{N}_])@?(?:${names.map((name) => name.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}_])`,
      'iu',
    );
  const pieces = [
    'Ann',
    'ann',
    'ANNA',
    'Anna',
    'Bo',
    'bö',
    'Zoë',
    'x',
    'é',
    '_',
    '7',
    '@',
    '@@',
    ' ',
    ', ',
    '.',
    '’s',
    '€',
    '😀',
    'Jo',
    'Jo Ann',
  ];
  const lists = [['Ann'], ['Anna', 'Ann'], ['Ann', 'Anna', 'Bo'], ['Zoë', 'Jo Ann'], ['Bo', 'x']];

  it('answers as it did for every text made of names, letters, marks and @', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    let checked = 0;
    for (const names of lists) {
      const old = reference(names);
      for (let i = 0; i < 400; i++) {
        const text = Array.from(
          { length: 1 + (next() % 6) },
          () => pieces[next() % pieces.length],
        ).join('');
        const found = nameTest(names).find(text);
        expect(nameTest(names).test(text), `${names.join('|')} in ${JSON.stringify(text)}`).toBe(
          old.test(text),
        );
        // The leftmost place, as the pattern found it (its longest name there).
        expect(found?.index, text).toBe(old.exec(text)?.index);
        checked++;
      }
    }
    expect(checked).toBe(2000);
  });
});

describe('normalWords against the pattern it replaces', () => {
  // What normalWords was: the runs of [\p{L}\p{N}\p{M}] of the lowered text.
  const WORD = /[\p{L}\p{N}\p{M}]+/gu;
  const reference = (text: string) => text.toLowerCase().match(WORD) ?? [];
  // ASCII and its punctuation, Latin-1 and past it (€, ß, İ, which lowers to two code points),
  // combining marks, other scripts, digits of other scripts, astral letters, digits and emoji,
  // and lone surrogates (each a code point of its own to a `u` pattern, and no word character).
  // Spread by code point (the lone surrogates stand apart, so they pair with nothing).
  const pieces = [..."aZ09 .'-_\n€éÉßİﬁ\u0301\u0345ΩжЖا٣中𝒜𐐀𝟘😀\ud800\u00a0\u2019\udc00"];

  it('finds the same words in every text', () => {
    const random = randomFrom('words.test.ts 12345');
    // A whole number below 2^32, as the generator's draws give.
    const next = () => Math.floor(random() * 0x100000000);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = next() % 24;
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length];
      expect(normalWords(text), JSON.stringify(text)).toEqual(reference(text));
    }
    const prose = "Margit's €2.4 million: the Dene Viaduct (1887) needs repairs — don't wait.";
    expect(normalWords(prose)).toEqual(reference(prose));
    expect(normalWords(prose)).toContain('don');
  });

  it('finds them in plain texts (ASCII, typographic quotes, dashes, € and £) by its pattern', () => {
    // The characters a text may hold past ASCII and still be read by the ASCII pattern, and
    // their neighbours in the code charts (a letter among them would be cut out of its word).
    const plain = [..."aZz09 .'-_\n\t€£’‘“”–—…"];
    const near = [...'¢¤ªµºÀ\u2012\u2015\u201b\u201f\u2025\u2027\u20ab\u20ad'];
    const both = [...plain, ...near];
    const random = randomFrom('words.test.ts plain');
    const next = () => Math.floor(random() * 0x100000000);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = next() % 24;
      for (let i = 0; i < length; i++)
        text += n % 4 === 3 ? both[next() % both.length] : plain[next() % plain.length];
      expect(normalWords(text), JSON.stringify(text)).toEqual(reference(text));
      expect(wordsOfLower(text.toLowerCase()), JSON.stringify(text)).toEqual(reference(text));
    }
    for (const char of plain)
      expect(normalWords(`ab${char}cd`), JSON.stringify(char)).toEqual(reference(`ab${char}cd`));
  });
});

describe('runKeysOf', () => {
  it('gives every run of n words joined by spaces, each once, in the order first met', () => {
    const random = randomFrom('words.test.ts 99');
    // A whole number below 2^32, as the generator's draws give.
    const next = () => Math.floor(random() * 0x100000000);
    const vocabulary = ['a', 'we', 'the', 'viaduct', '€', 'don', 't', 'ines', 'x y'];
    for (let k = 0; k < 2_000; k++) {
      const words = Array.from({ length: next() % 20 }, () => vocabulary[next() % 9] as string);
      const n = 1 + (next() % 7);
      const expected: string[] = [];
      for (let end = n; end <= words.length; end++) {
        const key = words.slice(end - n, end).join(' ');
        if (!expected.includes(key)) expected.push(key);
      }
      expect([...runKeysOf(words, n)]).toEqual(expected);
    }
  });
});
