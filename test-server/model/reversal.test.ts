import { describe, expect, it } from 'vitest';
import { reversesTalk } from './reversal.js';

const turns = (sentence: string) => reversesTalk(sentence.split(' '));

describe('reversesTalk', () => {
  it('finds a join that drops the fear or the clause that framed the end it took', () => {
    // "My fear is that we choose the option that is easiest to announce."
    expect(turns('I would choose the option that is easiest to announce.')).toBe(true);
    // "If the numbers are close, I would choose the option that keeps more people connected."
    expect(turns('My fear is that we choose the option that keeps more people connected.')).toBe(
      true,
    );
    // "Experience tells me to be cautious, and hope tells me to be bold."
    expect(turns('Experience tells me to be bold.')).toBe(true);
  });

  it('passes a talk sentence as written, and joins that keep the framing', () => {
    expect(turns('My fear is that we choose the option that is easiest to announce.')).toBe(false);
    expect(turns('Experience tells me to be cautious, and hope tells me to be bold.')).toBe(false);
    // "I like the ambition, and I want to see the sums." + "…, I want to know early and cheaply."
    expect(turns('I like the ambition, and I want to know early and cheaply.')).toBe(false);
    // Words of no talk sentence before the join: nothing to compare.
    expect(
      turns(
        'Since the town has €3.1 million in reserves, I would not bet the reserves on a single grant.',
      ),
    ).toBe(false);
  });
});
