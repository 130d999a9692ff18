import { describe, expect, it } from 'vitest';
import { unicodeTexts } from '../test-utils/unicode-texts.js';
import { cleftHolds, hasVerb, isStatement, moodHolds, wordsOf } from './clause.js';
import { TALK_SENTENCES } from './talk.js';

describe('what may follow "Because" or "For my part,"', () => {
  it.each([
    'The town has €3.1 million in reserves.',
    'I would rather start small and see what works than promise everything at once.',
    'Nobody has yet told me what happens when the grant runs out.',
    'If we get this wrong, the people with the fewest choices pay for it.',
  ])('a statement: %s', (sentence) => {
    expect(isStatement(sentence)).toBe(true);
  });

  it.each([
    'Let me be blunt: the money will not stretch that far.',
    'Could we separate the part we agree on from the part we are only guessing about?',
    'So, in short, that is a good point.',
    'I agree with that more than I expected to.',
    'Keep the verge; lift the track; sell the strips.',
    'The risk of doing too much.',
    'The best argument for doing it slowly.',
  ])('not one: %s', (sentence) => {
    expect(isStatement(sentence)).toBe(false);
  });

  it('takes a clause for one when it has a verb or opens on a subject', () => {
    expect(hasVerb("It's the upkeep that worries me.")).toBe(true);
    expect(hasVerb('We owe the next generation more than a debt.')).toBe(true);
    expect(hasVerb('A walking and cycling trail.')).toBe(false);
  });
});

describe('a sentence ends as it opens', () => {
  it.each([
    'Could we separate the part we agree on from the part we are only guessing about?',
    'My question is a practical one: who maintains it on a cold morning?',
    "Twenty years from now, what would make us regret tonight's decision?",
    'What looks like resistance is often people protecting something they value.',
    'I would like to hear how this works for someone who has no say in the decision.',
  ])('as written: %s', (sentence) => {
    expect(moodHolds(sentence)).toBe(true);
  });

  it.each([
    'We should ask the people who live furthest away?',
    'Nobody has asked the people who cannot drive?',
    'Could we separate the part I find hardest to accept.',
  ])('walked across: %s', (sentence) => {
    expect(moodHolds(sentence)).toBe(false);
  });

  it('goes on from "What I …" to its "is"', () => {
    expect(cleftHolds('What I want to avoid is a plan that pleases this room.')).toBe(true);
    expect(cleftHolds('What I want to know who owns this one.')).toBe(false);
    expect(cleftHolds('What would make this fair for the people who live furthest away?')).toBe(
      true,
    );
  });
});

describe('wordsOf', () => {
  it('keeps what the pattern it replaces kept', () => {
    const lowered = TALK_SENTENCES.map((sentence) => sentence.toLowerCase());
    for (const text of unicodeTexts('clause.test.ts wordsOf', lowered)) {
      const expected = text.replace(/[^\p{L}\p{N}'’€ ]+/gu, '').trim();
      expect(wordsOf(text), JSON.stringify(text)).toBe(expected);
    }
  });
});
