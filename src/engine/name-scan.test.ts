import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameScanner, type NameScanOptions } from './name-scan.js';
import { nameAlternation } from './names.js';

/** The one regular expression the scanner stands in for (what mentions and reviews used). */
function oneRegExp(text: string, names: readonly string[], options: NameScanOptions) {
  const alternation = nameAlternation(names);
  if (alternation === '') return [];
  const word = `\\p{L}\\p{N}_${options.atJoins === true ? '@' : ''}`;
  const at = options.requireAt === true ? '@' : '@?';
  const pattern = new RegExp(`(?<![${word}])${at}(${alternation})(?![${word}])`, 'giu');
  return [...text.matchAll(pattern)].map((m) => ({
    index: m.index,
    end: m.index + m[0].length,
    name: m[1],
  }));
}

const NAMES = ['Ann', 'Jo', 'Jo Ann', 'Zoë', 'C.J.', 'Ünal', '𝒜da', 'Bob+'];
// Pieces that sit next to names in every way that matters: letters, digits, `@`, `_`, spaces,
// punctuation, letters past Latin-1 and outside the BMP, other cases.
const PIECES = [
  ...NAMES,
  'ann',
  'JO',
  'jo  ann',
  'zoË',
  'ünal',
  '@',
  '@@',
  '_',
  ' ',
  '  ',
  '\n',
  ',',
  '.',
  "'s",
  '-',
  'x',
  'ß',
  'é',
  '7',
  '€',
  '😀',
  '𝒜',
  'Annual',
  'bob@ann',
];

describe('NameScanner', () => {
  it('finds what the one regular expression with boundaries finds, in every mode', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }),
        fc.subarray(NAMES, { minLength: 1 }),
        fc.record({ requireAt: fc.boolean(), atJoins: fc.boolean() }),
        (pieces, names, options) => {
          const text = pieces.join('');
          const found = [...new NameScanner(names, options).matches(text)];
          expect(found).toEqual(oneRegExp(text, names, options));
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  });

  it('tries the longer name first and falls back to the shorter one at the same place', () => {
    const scanner = new NameScanner(['Jo', 'Jo Ann']);
    expect([...scanner.matches('to Jo Ann.')].map((m) => m.name)).toEqual(['Jo Ann']);
    expect([...scanner.matches('to Jo Annie')].map((m) => m.name)).toEqual(['Jo']);
  });

  it('finds nothing with no names', () => {
    expect([...new NameScanner([' ', '']).matches('Ann')]).toEqual([]);
  });
});
