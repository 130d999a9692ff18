import { describe, expect, it } from 'vitest';
import { toldStance } from './summary-stances.js';

const any = () => false;

describe('a stance told in the summary', () => {
  it('tells a first-person stance of the seat in the third person, its first clause', () => {
    expect(toldStance(['I would rather start small, and see what works.'], 'Greta', any)).toBe(
      'Greta would rather start small',
    );
    expect(toldStance(['We should ask the people who use it.'], 'Kofi', any)).toBe(
      'Kofi thinks we should ask the people who use it',
    );
    expect(toldStance(['My last word on this: I want a clear exit.'], 'Ines', any)).toBe(
      'Ines wants a clear exit',
    );
  });

  it('cuts a stance at a comma that opens another clause, never inside a phrase', () => {
    const told = (sentence: string) => toldStance([sentence], 'Juno', any);
    expect(told('We should not underestimate how much a warm, quiet room means to someone.')).toBe(
      'Juno thinks we should not underestimate how much a warm, quiet room means to someone',
    );
    expect(told('I want a trail for walkers, cyclists and families.')).toBe(
      'Juno wants a trail for walkers, cyclists and families',
    );
    expect(told('I think the trail is cheaper, it needs no trains.')).toBe(
      'Juno thinks the trail is cheaper',
    );
  });

  it('tells none that would speak for the summarizer or ask a question', () => {
    // "Greta would like my figures" speaks of the summarizer's figures, not Greta's.
    expect(toldStance(['I would like to see my figures first.'], 'Greta', any)).toBeUndefined();
    expect(toldStance(['I think we should stop?'], 'Greta', any)).toBeUndefined();
    expect(toldStance(['That is the heart of it for me.'], 'Greta', any)).toBeUndefined();
  });

  it('takes the latest stance, one on the table’s words first', () => {
    const texts = ['I want a budget that covers the upkeep.', 'I want to hear more.'];
    expect(toldStance(texts, 'Margit', any)).toBe('Margit wants to hear more');
    expect(toldStance(texts, 'Margit', (s) => s.includes('budget'))).toBe(
      'Margit wants a budget that covers the upkeep',
    );
  });
});
