import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTokens } from './usage.js';

describe('token estimates', () => {
  it('counts about four characters a token, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('adds the per-message and reply-priming overhead of chat formats', () => {
    expect(estimatePromptTokens([])).toBe(3);
    expect(
      estimatePromptTokens([
        { role: 'system', content: 'a'.repeat(8) },
        { role: 'user', content: 'b' },
      ]),
    ).toBe(3 + (3 + 2) + (3 + 1));
  });
});
