import { describe, expect, it } from 'vitest';
import { MarkovCounter } from '../tokens/markov.js';
import { fillerText, fillerWords } from './filler.js';

const counter = new MarkovCounter();

describe('filler replies', () => {
  it('take up the tokens asked for, never more', () => {
    const vocabulary = fillerWords([]);
    for (const tokens of [1, 7, 80, 400]) {
      const text = fillerText(tokens, tokens, counter, vocabulary);
      const counted = counter.countText(text);
      expect(counted).toBeLessThanOrEqual(tokens);
      expect(counted).toBeGreaterThanOrEqual(tokens - 2);
    }
  });

  it('name nobody and differ from reply to reply', () => {
    const vocabulary = fillerWords(['Magna', 'Ut']);
    expect(vocabulary).not.toContain('magna');
    expect(vocabulary).not.toContain('ut');
    const a = fillerText(60, 1, counter, vocabulary);
    const b = fillerText(60, 2, counter, vocabulary);
    expect(a).not.toBe(b);
    expect(a).not.toMatch(/\b(magna|ut)\b/i);
  });
});
