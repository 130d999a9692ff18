import { describe, expect, it } from 'vitest';
import { continuing } from './sentence-form.js';

describe('continuing: a sentence made to follow a lead-in', () => {
  it('lower-cases a first word the talk writes in lower case, keeps "I" and names', () => {
    // Before: "Let me close with this: Experience tells me to be cautious, …" (init table seed 7).
    expect(continuing('Experience tells me to be cautious.')).toBe(
      'experience tells me to be cautious.',
    );
    expect(continuing('The town has surprised itself before.')).toBe(
      'the town has surprised itself before.',
    );
    expect(continuing("I'm not sure.")).toBe("I'm not sure.");
    expect(continuing('Larkhaven deserves better.')).toBe('Larkhaven deserves better.');
    expect(continuing('Greta is right.')).toBe('Greta is right.');
  });
});
