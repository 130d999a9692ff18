import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../engine/model.js';
import { EstimateCounter, INITIAL_CHARS_PER_TOKEN } from './estimate.js';

const chat = (chars: number): ChatMessage[] => [
  { role: 'system', content: 's'.repeat(chars / 2) },
  { role: 'user', content: 'u'.repeat(chars / 2) },
];

describe('the estimating counter', () => {
  it('starts at about four characters a token plus each message’s overhead', () => {
    const counter = new EstimateCounter();
    expect(counter.countText('x'.repeat(400))).toBe(400 / INITIAL_CHARS_PER_TOKEN);
    expect(counter.count(chat(800))).toBe(3 + 2 * 4 + 200);
  });

  it('moves toward the prompt tokens servers report', () => {
    const counter = new EstimateCounter();
    const messages = chat(2000);
    const reported = 3 + 2 * 4 + 800; // 2.5 characters a token, say a non-English text
    let error = Math.abs(counter.count(messages) - reported);
    counter.observe(messages, reported);
    expect(counter.charsPerToken).toBeCloseTo(2.5, 5);
    expect(Math.abs(counter.count(messages) - reported)).toBeLessThan(error);
    // Later reports are weighed in, not swallowed whole.
    const other = 3 + 2 * 4 + 400; // 5 characters a token
    error = Math.abs(counter.count(messages) - other);
    counter.observe(messages, other);
    expect(counter.charsPerToken).toBeGreaterThan(2.5);
    expect(counter.charsPerToken).toBeLessThan(5);
    expect(Math.abs(counter.count(messages) - other)).toBeLessThan(error);
  });

  it('converges on a steady ratio', () => {
    const counter = new EstimateCounter();
    const messages = chat(3000);
    for (let i = 0; i < 30; i++) counter.observe(messages, 3 + 8 + 1000);
    expect(counter.charsPerToken).toBeCloseTo(3, 3);
    expect(counter.count(messages)).toBe(1011);
  });

  it('ignores reports that cannot be about these messages', () => {
    const counter = new EstimateCounter();
    counter.observe(chat(2000), 0);
    counter.observe(chat(2000), 5);
    counter.observe(chat(2000), 100_000);
    counter.observe(chat(40), 20);
    expect(counter.charsPerToken).toBe(INITIAL_CHARS_PER_TOKEN);
  });

  it('keeps each counter’s calibration its own', () => {
    const a = new EstimateCounter();
    const b = new EstimateCounter();
    a.observe(chat(2000), 3 + 8 + 1000);
    expect(a.charsPerToken).toBeCloseTo(2, 5);
    expect(b.charsPerToken).toBe(INITIAL_CHARS_PER_TOKEN);
  });
});
