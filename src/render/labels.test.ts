import { describe, expect, it } from 'vitest';
import { floorLabel, turnsLabel } from './labels.js';

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

  it('names a seat the last reply spoke of in passing, which did not take the floor', () => {
    const passedOver = { seat: 2, speaker: 'Margit' };
    expect(floorLabel({ reason: 'fair', why: 'fair: 1 turn so far', passedOver })).toBe(
      'fair: 1 turn so far; Margit named in passing',
    );
    expect(floorLabel({ reason: 'random', passedOver })).toBe('Margit named in passing');
  });
});

describe('turnsLabel', () => {
  it('says which phase spoke the turns, in the words of each phase', () => {
    expect(
      turnsLabel(10, [
        { kind: 'discussion', title: 'Discussion', turns: 6 },
        { kind: 'closing', title: 'Closing positions', turns: 4 },
      ]),
    ).toBe('6 turns + 4 closing answers');
    expect(
      turnsLabel(7, [
        { kind: 'opening', title: 'Opening statements', turns: 2 },
        { kind: 'discussion', title: 'Rebuttals', turns: 4 },
        { kind: 'closing', title: 'Closing statements', turns: 1 },
      ]),
    ).toBe('2 opening statements + 4 rebuttals + 1 closing statement');
    expect(
      turnsLabel(8, [
        { kind: 'opening', title: 'Answers', turns: 4 },
        { kind: 'review', title: 'Peer review', turns: 4 },
      ]),
    ).toBe('4 answers + 4 reviews');
  });

  it('names the closing when it spoke alone, and no other phase', () => {
    // A budget that wrapped up before the first turn: only the closing answers were spoken.
    expect(turnsLabel(4, [{ kind: 'closing', title: 'Closing positions', turns: 4 }])).toBe(
      '4 closing answers',
    );
    expect(turnsLabel(6, [{ kind: 'discussion', title: 'Discussion', turns: 6 }])).toBe('6 turns');
  });

  it('says "N turns" when one phase spoke them all or the run does not say', () => {
    expect(turnsLabel(10)).toBe('10 turns');
    expect(turnsLabel(1, [{ kind: 'discussion', title: 'Discussion', turns: 1 }])).toBe('1 turn');
  });
});
