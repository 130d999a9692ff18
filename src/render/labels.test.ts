import { describe, expect, it } from 'vitest';
import { floorLabel } from './labels.js';

describe('floorLabel', () => {
  it("reads the moderator's reason as a clause, with its steer", () => {
    expect(
      floorLabel({
        reason: 'llm-moderator',
        why: 'We have not heard from Margit yet.',
        steer: 'Say what would change your mind.',
      }),
    ).toBe('moderator: We have not heard from Margit yet; steer: Say what would change your mind.');
  });

  it('says why a policy or guard gave the floor, and nothing for the dice roll', () => {
    expect(floorLabel({ reason: 'mention', why: 'named by Ann' })).toBe('named by Ann');
    expect(floorLabel({ reason: 'bid' })).toBe('highest bid');
    expect(floorLabel({ reason: 'random' })).toBeUndefined();
  });
});
