import { describe, expect, it } from 'vitest';
import { factsOf, midSentence, namesIn, takesAFact, weave } from './facts.js';
import { sentencesOf } from './sentences.js';

const CONTEXT = [
  'Larkhaven is a market town of 11,000 people in the Lark valley.',
  'The Dene Viaduct (1871, nine stone arches) carries the line over the river.',
  'Engineers estimate it needs €2.4 million of repairs within five years.',
  'The town has €3.1 million in reserves.',
  'The proposals on the table: reopen the line; lift the track.',
  "Tonight's round table is broadcast to residents to help them understand the choices.",
  'Until 2019 the Larkhaven Branch linked it to the main line.',
].join(' ');

describe('the facts of a context', () => {
  const sentences = sentencesOf([CONTEXT]);
  const facts = factsOf(sentences).map((fact) => midSentence(fact, namesIn(sentences)));

  it('are its clauses that state one thing, as they read mid-sentence', () => {
    expect(facts).toEqual([
      'Larkhaven is a market town of 11,000 people in the Lark valley',
      'the Dene Viaduct carries the line over the river',
      'the town has €3.1 million in reserves',
    ]);
  });

  it('lead into a stance of the seat in the first person, and into nothing else', () => {
    expect(takesAFact('I would rather start small and see what works.')).toBe(true);
    expect(takesAFact('We should ask who uses the land today.')).toBe(true);
    expect(takesAFact('I would like us to look at it.')).toBe(false);
    expect(takesAFact('What would change your mind?')).toBe(false);
    expect(takesAFact('That is where the real cost hides.')).toBe(false);
    const forms = new Set<string>();
    for (let i = 0; i < 3; i++)
      forms.add(
        weave('the town has €3.1 million in reserves', 'We should say so.', () => i / 3) ?? '',
      );
    expect([...forms]).toEqual([
      'Since the town has €3.1 million in reserves, we should say so.',
      'The town has €3.1 million in reserves, so we should say so.',
      'Given that the town has €3.1 million in reserves, we should say so.',
    ]);
  });
});
