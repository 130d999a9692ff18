import { describe, expect, it } from 'vitest';
import { countTokens, splitTokens } from './tokens.js';

describe('token counting', () => {
  it.each([
    ['Well, I don\u2019t agree!', ['Well', ',', ' I', ' don\u2019t', ' agree', '!']],
    ["don't stop", ["don't", ' stop']],
    ['well-known', ['well', '-', 'known']],
    ['3.5 km', ['3', '.', '5', ' km']],
    ['  leading space', ['  leading', ' space']],
    ['café naïve', ['café', ' naïve']],
    ['Grüße, 東京!', ['Grüße', ',', ' 東京', '!']],
    ['emoji 🙂🎉 end', ['emoji', ' 🙂', '🎉', ' end']],
    ["trailing apostrophe' x", ['trailing', ' apostrophe', "'", ' x']],
  ])('splits %j into words and marks', (text, pieces) => {
    expect(splitTokens(text)).toEqual(pieces);
    expect(countTokens(text)).toBe(pieces.length);
  });

  it('has no tokens in empty or blank text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens(' \n\t ')).toBe(0);
    expect(splitTokens('   ')).toEqual([]);
  });

  it('pieces always join back to the text, and count agrees with split', () => {
    const samples = [
      'Ada: Let me open with the money. Every study I know finds that car-free streets raise footfall!',
      'Tabs\tand\nnew lines\r\nstay with the next token…',
      'Mixed 12ab 🙂x — “quotes” and ‘single’ ones.',
      'a',
    ];
    for (const text of samples) {
      expect(splitTokens(text).join('')).toBe(text.trimEnd());
      expect(countTokens(text)).toBe(splitTokens(text).length);
    }
  });

  it('counts as many tokens as it splits into, over generated texts of every class', () => {
    // countTokens is a scanner of its own (no callback, ASCII by char code): held to the split.
    const alphabet = [
      'a',
      'Z',
      '7',
      ' ',
      '\n',
      '\t',
      "'",
      '’',
      '-',
      '.',
      '!',
      'é',
      'ß',
      '\u0301',
      '€',
      '—',
      '“',
      '🙂',
      '𝒳',
      '\u00a0',
      '\u2003',
      '漢',
      '\ud800',
      '\udc00',
      '_',
    ];
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(countTokens(text), JSON.stringify(text)).toBe(splitTokens(text).length);
    }
  });
});
