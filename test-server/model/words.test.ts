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
    // Each new object was compiled again (milliseconds with these flags); a kept one is not.
    const first = namePattern(['Margit', 'Juno']);
    expect(namePattern(['Margit', 'Juno'])).toBe(first);
    expect(namePattern(['Juno', 'Margit'])).not.toBe(first);
    expect(namePattern(['Margit'])).not.toBe(first);
    // Shared, it must keep no state between uses (no g or y flag).
    for (let i = 0; i < 3; i++) {
      expect(first.test('Juno said so.')).toBe(true);
      expect(namePattern(['Margit', 'Juno']).test('Nobody did.')).toBe(false);
    }
  });
});
