import { describe, expect, it } from 'vitest';
import {
  chooseSummarizer,
  directivesFor,
  everyToProbability,
  leastDiscussed,
  wrapUpFrom,
} from './schedule.js';
import { fixtureSettings } from './test-utils/fixture.js';

describe('everyToProbability', () => {
  it('is 1/n, capped at 1, and 0 for n <= 0', () => {
    expect(everyToProbability(5)).toBeCloseTo(0.2);
    expect(everyToProbability(0.5)).toBe(1);
    expect(everyToProbability(0)).toBe(0);
  });
});

describe('wrap-up', () => {
  it('covers exactly the last wrapUpTurns turns, clamped to the discussion', () => {
    expect(wrapUpFrom(fixtureSettings({ turns: 10, wrapUpTurns: 3 }))).toBe(8);
    expect(wrapUpFrom(fixtureSettings({ turns: 2, wrapUpTurns: 5 }))).toBe(1);
    expect(wrapUpFrom(fixtureSettings({ turns: 10, wrapUpTurns: 0 }))).toBe(11);
    const settings = fixtureSettings({ turns: 6, wrapUpTurns: 2 });
    expect([1, 2, 3, 4, 5, 6].map((turn) => directivesFor(turn, settings, false))).toEqual([
      [],
      [],
      [],
      [],
      ['wrap-up'],
      ['wrap-up'],
    ]);
    expect(directivesFor(6, settings, true)).toEqual(['invite-opinions', 'wrap-up']);
  });
});

describe('leastDiscussed', () => {
  it('moves to the question with the fewest turns, lowest index on ties, never staying', () => {
    expect(leastDiscussed([3, 1, 1, 2], 0)).toBe(1);
    expect(leastDiscussed([3, 1, 1, 2], 1)).toBe(2);
    expect(leastDiscussed([0, 0, 0], 0)).toBe(1);
    expect(leastDiscussed([5, 9], 0)).toBe(1);
  });

  it('stays on the only question, and considers all after a typed-in topic', () => {
    expect(leastDiscussed([4], 0)).toBe(0);
    expect(leastDiscussed([2, 1, 1], -1)).toBe(1);
  });
});

describe('chooseSummarizer', () => {
  const seat = (turns: number, firstTurn: number | undefined, human = false) => ({
    turns,
    firstTurn,
    human,
  });

  it('picks the most turns, ties to the earliest to speak', () => {
    expect(chooseSummarizer([seat(2, 3), seat(3, 2), seat(3, 1), seat(1, 4)])).toBe(2);
    expect(chooseSummarizer([seat(2, 4), seat(2, 1)])).toBe(1);
  });

  it('prefers a model seat over a human one, and needs someone heard', () => {
    expect(chooseSummarizer([seat(5, 1, true), seat(1, 2)])).toBe(1);
    expect(chooseSummarizer([seat(5, 1, true), seat(0, undefined)])).toBe(0);
    expect(chooseSummarizer([seat(0, undefined), seat(0, undefined)])).toBeUndefined();
  });
});
