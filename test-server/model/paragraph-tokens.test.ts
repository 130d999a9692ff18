import { describe, expect, it } from 'vitest';
import { countTokens } from '../tokens.js';
import { messageTokens, partStats } from './paragraph-tokens.js';

const turn = (words: number, seed: string) =>
  Array.from({ length: words }, (_, i) => `${seed}${i % 7}'s word-${i}, don’t`).join(' ');

describe('messageTokens', () => {
  it('counts as countTokens does, over generated texts cut at paragraphs and tags', () => {
    // Cut points stand next to every class: an apostrophe or a word before "\n\n" or ": ".
    const alphabet = ['a', 'Z', '7', ' ', ' ', ': ', '\n', '\n\n', "'", '’', '.', 'é', '🙂', '€'];
    let state = 2024;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    for (let sample = 0; sample < 400; sample++) {
      let text = '';
      const length = next() % 900;
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      expect(messageTokens(text)).toBe(countTokens(text));
      // The same text again: counted from the parts remembered.
      expect(messageTokens(text)).toBe(countTokens(text));
    }
  });

  it("counts a turn once across the seats' messages that hold it", () => {
    const ines = turn(40, 'a');
    const margit = turn(30, 'b');
    const toJuno = `Moderator: New topic: the station.\n\nInes: ${ines}\n\nMargit: ${margit}`;
    const toTomasz = `Ines: ${ines}\n\nMargit: ${margit}\n\nModerator: Tomasz, the floor is yours.`;
    const before = { ...partStats };
    expect(messageTokens(toJuno)).toBe(countTokens(toJuno));
    expect(partStats.counted - before.counted).toBe(2);
    expect(messageTokens(toTomasz)).toBe(countTokens(toTomasz));
    // Ines's own message is her turn's text: found too.
    expect(messageTokens(ines)).toBe(countTokens(ines));
    expect(partStats.counted - before.counted).toBe(2);
    expect(partStats.found - before.found).toBe(3);
  });

  it('tells apart parts of one length and the same samples', () => {
    const a = `Ann: ${'x'.repeat(301)}a${'y'.repeat(300)}`;
    const b = `Ann: ${'x'.repeat(301)}!${'y'.repeat(300)}`;
    expect(messageTokens(a)).toBe(3);
    expect(messageTokens(b)).toBe(5);
    expect(messageTokens(a)).toBe(3);
  });
});
