// analyzeRecords on what the discussion did: positions, balance, mentions, topics, repetitions
// and echoes, the plan and the end.
import { describe, expect, it } from 'vitest';
import type { TranscriptRecord } from '../transcript/events-file.js';
import { analyzeRecords } from './analyze.js';
import { fixtureRecords } from './test-utils/fixture.js';
import { fixtureRecordsWithOutcome } from './test-utils/fixture-outcome.js';

// Every expected figure below is worked out by hand from test-utils/fixture.ts.
describe('analyzeRecords on the fixture discussion', () => {
  const figures = analyzeRecords(fixtureRecords());

  it('reads positions and changes of mind from the decision record', () => {
    expect(figures.positions).toBeUndefined();
    const withRecord = analyzeRecords(fixtureRecordsWithOutcome());
    expect(withRecord.positions?.[0]).toEqual({
      index: 0,
      question: 'Park or housing?',
      outcome: 'housing',
      support: 2 / 3,
      consensus: false,
      seats: [
        {
          seat: 1,
          speaker: 'Ann',
          opening: 'park',
          closing: 'park',
          confidence: 0.7,
          changedMind: false,
        },
        {
          seat: 2,
          speaker: 'Bob',
          opening: 'park',
          closing: 'housing',
          confidence: 0.8,
          changedMind: true,
        },
        {
          seat: 3,
          speaker: 'Cy',
          opening: 'housing',
          closing: 'housing',
          confidence: 0.9,
          changedMind: false,
        },
      ],
      changes: [{ speaker: 'Bob', from: 'park', to: 'housing' }],
    });
    expect(withRecord.positions?.[1]).toMatchObject({
      question: 'Who pays?',
      outcome: null,
      changes: [],
    });
  });

  it('measures participation balance with the Gini coefficient', () => {
    // Turns [2, 1, 2]: Σ|xi − xj| over ordered pairs = 4; 4 / (2 · 3² · 5/3) = 2/15.
    expect(figures.balance.turns).toBeCloseTo(2 / 15, 10);
    // Words [20, 14, 9]: pairs 6 + 11 + 5 = 22, twice 44; 44 / (2 · 9 · 43/3) = 22/129.
    expect(figures.balance.words).toBeCloseTo(22 / 129, 10);
  });

  it('draws the mention graph: every name a turn says, once per turn, never the speaker', () => {
    expect(figures.mentions).toEqual([
      { from: 'Ann', to: 'Bob', turns: 2 },
      { from: 'Bob', to: 'Ann', turns: 1 },
      { from: 'Cy', to: 'Ann', turns: 1 },
      { from: 'Cy', to: 'Bob', turns: 1 },
    ]);
  });

  it('gives turns, words and time per topic, and the questions never reached', () => {
    expect(figures.topics).toEqual([
      // Turns 1–3: 10 + 14 + 0 words; 5 + 7 + 8 seconds.
      {
        index: 0,
        text: 'Park or housing?',
        turns: 3,
        words: 24,
        durationMs: 20_000,
        firstTurn: 1,
        lastTurn: 3,
      },
      // Turns 4–5: 9 + 10 words; 4 + 6 seconds.
      {
        index: 1,
        text: 'Who pays?',
        turns: 2,
        words: 19,
        durationMs: 10_000,
        firstTurn: 4,
        lastTurn: 5,
      },
    ]);
    expect(figures.unreached).toEqual([{ index: 2, text: 'When do we start?' }]);
    // From the run record (09:59:59) to the end (10:00:34).
    expect(figures.durationMs).toBe(35_000);
  });

  it('finds near-duplicate turns by word-trigram Jaccard similarity', () => {
    expect(figures.repetitions).toEqual([
      // Turn 2 shares 7 of turn 1's 8 trigrams and has 12: 7 / (8 + 12 − 7).
      { turn: 2, speaker: 'Bob', of: 1, ofSpeaker: 'Ann', similarity: 7 / 13 },
      // Turn 5 is turn 1 word for word (also 7/13 like turn 2, but turn 1 is the closer).
      { turn: 5, speaker: 'Ann', of: 1, ofSpeaker: 'Ann', similarity: 1 },
    ]);
  });

  it('finds echoes: turns whose word pairs are mostly the previous spoken turn’s', () => {
    // Turn 2 has 13 distinct word pairs, 8 of them in turn 1. Turn 4 follows the failed turn 3,
    // so it is compared with turn 2 (no pair in common); turn 5 with turn 4 (none either).
    expect(figures.echoes).toEqual([
      { turn: 2, speaker: 'Bob', of: 1, ofSpeaker: 'Ann', overlap: 8 / 13 },
    ]);
  });

  it('compares a parallel reply with the last turn before its batch, not with its batch mates', () => {
    // Turns 4 and 5 answer at once, and 5 says word for word what 4 says: it never heard 4.
    const turn4 = fixtureRecords().find((r) => r.type === 'turn-ended' && r.turn === 4);
    const text = turn4?.type === 'turn-ended' ? turn4.text : '';
    const records = fixtureRecords().flatMap((r): TranscriptRecord[] => {
      if (r.type === 'turn-started' && r.turn === 4) {
        const batch: TranscriptRecord = {
          type: 'phase-started',
          phase: 1,
          kind: 'closing',
          title: 'Closing',
          parallel: true,
          seats: [3, 1],
          ts: r.ts,
        };
        return [batch, r];
      }
      return r.type === 'turn-ended' && r.turn === 5 ? [{ ...r, text }] : [r];
    });
    expect(analyzeRecords(records).echoes).toEqual([
      { turn: 2, speaker: 'Bob', of: 1, ofSpeaker: 'Ann', overlap: 8 / 13 },
    ]);
    // Taken in order, the same turn 5 would echo turn 4 entirely.
    const inOrder = records.filter((r) => r.type !== 'phase-started');
    expect(analyzeRecords(inOrder).echoes.at(-1)).toEqual({
      turn: 5,
      speaker: 'Ann',
      of: 4,
      ofSpeaker: 'Cy',
      overlap: 1,
    });
  });

  it('gives no plan when the run spoke more turns than its discussion planned', () => {
    // Five turns spoken where three were planned: a parallel phase's replies are turns too.
    const records = fixtureRecords().map((r) =>
      r.type === 'discussion-started' ? { ...r, settings: { ...r.settings, turns: 3 } } : r,
    );
    expect(analyzeRecords(records).plannedTurns).toBeUndefined();
  });

  it('records the end, the plan and the summary', () => {
    expect(figures).toMatchObject({
      title: 'Park or housing?',
      seed: 7,
      endReason: 'completed',
      plannedTurns: 5,
      summary: { speaker: 'Ann', words: 4 },
    });
    expect(figures.timeline).toEqual([
      { turn: 1, seat: 1, words: 10 },
      { turn: 2, seat: 2, words: 14 },
      { turn: 3, seat: 3, words: 0 },
      { turn: 4, seat: 3, words: 9 },
      { turn: 5, seat: 1, words: 10 },
    ]);
  });
});
