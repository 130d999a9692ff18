// The fixture discussion's decision record: Ann and Bob open for "park" and Cy for "housing";
// at the closing Bob has moved to "housing" (a change of mind), Ann and Cy stay. Hand-checked
// figures: housing 2 of 3 (67%) on the first question; the second question is free text.

import type { SeatAnswer } from '../../outcome/consensus.js';
import { buildOutcome } from '../../outcome/record.js';
import type { OutcomeRecord } from '../../outcome/record-schema.js';
import type { TranscriptRecord } from '../../transcript/events-file.js';
import { fixtureRecords } from './fixture.js';

const answer = (seat: number, speaker: string, park: string, confidence: number): SeatAnswer => ({
  seat,
  speaker,
  status: 'parsed',
  positions: [
    { question: 0, position: park, confidence, changedMind: false, because: `${speaker} says so.` },
  ],
});

export function fixtureOutcome(): OutcomeRecord {
  return buildOutcome({
    questions: [
      { index: 0, text: 'Park or housing?', options: ['park', 'housing'] },
      { index: 1, text: 'Who pays?', options: [] },
    ],
    vote: 'ranked',
    threshold: 0.75,
    opening: [
      answer(1, 'Ann', 'park', 0.6),
      answer(2, 'Bob', 'park', 0.5),
      answer(3, 'Cy', 'housing', 0.9),
    ],
    closing: [
      answer(1, 'Ann', 'park', 0.7),
      answer(2, 'Bob', 'housing', 0.8),
      answer(3, 'Cy', 'housing', 0.9),
    ],
    participants: [
      { seat: 1, name: 'Ann' },
      { seat: 2, name: 'Bob' },
      { seat: 3, name: 'Cy' },
    ],
    endReason: 'completed',
    cost: {
      total: {
        tokens: { prompt: 0, completion: 0, estimated: false },
        cost: { usd: 0, complete: true, pricedTokens: 0, unpricedTokens: 0 },
      },
      perSeat: [],
      perPhase: [],
    },
  });
}

/** The fixture's records with the decision record before the discussion's end. */
export function fixtureRecordsWithOutcome(): TranscriptRecord[] {
  const records = fixtureRecords();
  const end = records.findIndex((r) => r.type === 'discussion-ended');
  const outcome: TranscriptRecord = {
    type: 'outcome',
    record: fixtureOutcome(),
    ts: records[end]?.ts ?? '',
  };
  return [...records.slice(0, end), outcome, ...records.slice(end)];
}
