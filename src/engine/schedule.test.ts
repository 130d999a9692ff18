import { describe, expect, it } from 'vitest';
import {
  chooseSummarizer,
  directivesFor,
  discussionTurnFollows,
  everyToProbability,
  leastDiscussed,
  topicHold,
  turnsBeforeMove,
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
    const none = { inviteOpinions: false, answerable: true };
    expect([1, 2, 3, 4, 5, 6].map((turn) => directivesFor(turn, settings, none))).toEqual([
      { directives: [] },
      { directives: [] },
      { directives: [] },
      { directives: [] },
      { directives: ['wrap-up'] },
      { directives: ['wrap-up'] },
    ]);
  });
});

describe('the invitation', () => {
  const settings = fixtureSettings({ turns: 6, wrapUpTurns: 2 });

  it('is given when drawn and another discussion turn can answer it, wrap-up or not', () => {
    const draw = { inviteOpinions: true, answerable: true };
    expect(directivesFor(3, settings, draw)).toEqual({ directives: ['invite-opinions'] });
    expect(directivesFor(5, settings, draw)).toEqual({
      directives: ['invite-opinions', 'wrap-up'],
    });
  });

  it('is held back, and recorded as such, when no discussion turn follows', () => {
    expect(directivesFor(6, settings, { inviteOpinions: true, answerable: false })).toEqual({
      directives: ['wrap-up'],
      withheld: { decision: 'invite-opinions', reason: 'last-turn' },
    });
    // Not drawn: nothing to hold back.
    expect(directivesFor(6, settings, { inviteOpinions: false, answerable: false })).toEqual({
      directives: ['wrap-up'],
    });
  });

  it('can be answered while the phase has turns left or a discussion phase comes later', () => {
    const talk = { kind: 'discussion' } as const;
    const closing = { kind: 'closing' } as const;
    const summary = { kind: 'summary' } as const;
    expect(discussionTurnFollows([talk, closing, summary], 0, 1)).toBe(true);
    expect(discussionTurnFollows([talk, closing, summary], 0, 0)).toBe(false);
    expect(discussionTurnFollows([talk], 0, 0)).toBe(false);
    expect(discussionTurnFollows([talk, talk, summary], 0, 0)).toBe(true);
    expect(discussionTurnFollows([talk, talk, summary], 1, 0)).toBe(false);
    expect(discussionTurnFollows([talk, closing, talk], 0, 0)).toBe(true);
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

describe('a scheduled topic change', () => {
  const turn = { wrapUp: false, answering: false, turnsOnTopic: 2, minTurns: 2 };

  it('is made once the topic has had its turns and nobody named answers', () => {
    expect(topicHold(turn)).toBeUndefined();
    expect(topicHold({ ...turn, turnsOnTopic: 7 })).toBeUndefined();
  });

  it('waits while a named seat answers, or the topic is fresh; a wrap-up drops it', () => {
    expect(topicHold({ ...turn, answering: true })).toBe('answer');
    expect(topicHold({ ...turn, turnsOnTopic: 1 })).toBe('fresh-topic');
    expect(topicHold({ ...turn, turnsOnTopic: 0 })).toBe('fresh-topic');
    expect(topicHold({ ...turn, turnsOnTopic: 2, minTurns: 3 })).toBe('fresh-topic');
    // The wrap-up first: nothing waits past it; then the answer, which the table is owed.
    expect(topicHold({ wrapUp: true, answering: true, turnsOnTopic: 0, minTurns: 2 })).toBe(
      'wrap-up',
    );
    expect(topicHold({ ...turn, answering: true, turnsOnTopic: 1 })).toBe('answer');
  });

  it('comes after two turns on a topic, or one per side when more sides alternate', () => {
    expect(turnsBeforeMove(1)).toBe(2);
    expect(turnsBeforeMove(2)).toBe(2);
    expect(turnsBeforeMove(3)).toBe(3);
  });
});

describe('chooseSummarizer', () => {
  const seat = (turns: number, words: number, lastTurn: number | undefined, human = false) => ({
    turns,
    words,
    lastTurn,
    human,
  });

  it('picks the most turns', () => {
    expect(chooseSummarizer([seat(2, 90, 3), seat(3, 10, 2), seat(1, 200, 4)])).toEqual({
      index: 1,
    });
  });

  it('breaks a tie of turns by words, then by who was heard last, and says which', () => {
    expect(chooseSummarizer([seat(3, 50, 9), seat(3, 80, 2), seat(3, 60, 5)])).toEqual({
      index: 1,
      tie: { with: [0, 2], by: 'words', next: 60 },
    });
    // Rounds: every seat as many turns; seat 1 won every such tie before.
    expect(chooseSummarizer([seat(2, 40, 5), seat(2, 40, 8), seat(1, 90, 7)])).toEqual({
      index: 1,
      tie: { with: [0], by: 'latest', next: 40 },
    });
  });

  it('prefers a model seat over a human one, and needs someone heard', () => {
    expect(chooseSummarizer([seat(5, 9, 1, true), seat(1, 9, 2)])?.index).toBe(1);
    expect(chooseSummarizer([seat(5, 9, 1, true), seat(0, 0, undefined)])?.index).toBe(0);
    expect(chooseSummarizer([seat(0, 0, undefined), seat(0, 0, undefined)])).toBeUndefined();
  });
});
