import { describe, expect, it } from 'vitest';
import { namePattern } from './words.js';

describe('namePattern', () => {
  it('finds a name as a whole word, in any case, @-prefixed or not', () => {
    const names = namePattern(['Ines', 'Bo']);
    expect(names.test('I agree with ines.')).toBe(true);
    expect(names.test('@Bo, your turn.')).toBe(true);
    expect(names.test('Bonn and Inesita are elsewhere.')).toBe(false);
  });

  it('is one pattern per list of names, kept: the same answers however often it is asked', () => {
    // Each new one builds its patterns again; a kept one does not.
    const first = namePattern(['Margit', 'Juno']);
    expect(namePattern(['Margit', 'Juno'])).toBe(first);
    expect(namePattern(['Juno', 'Margit'])).not.toBe(first);
    expect(namePattern(['Margit'])).not.toBe(first);
    // Shared, it must keep no state between uses; a RegExp's uses go through its exec.
    for (let i = 0; i < 3; i++) {
      expect(first.test('Juno said so.')).toBe(true);
      expect(namePattern(['Margit', 'Juno']).test('Nobody did.')).toBe(false);
      expect('Ask @juno.'.match(first)?.[0]).toBe('@juno');
      expect('Ask junot.'.search(first)).toBe(-1);
    }
  });
});

describe('namePattern against the one pattern it replaces', () => {
  // The pattern namePattern() was, with the boundaries in it: its answers are the reference.
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
        const found = namePattern(names).exec(text);
        expect(namePattern(names).test(text), `${names.join('|')} in ${JSON.stringify(text)}`).toBe(
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
