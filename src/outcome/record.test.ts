import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleTableDir } from '../config/example-table.js';
import type { SeatAnswer } from './consensus.js';
import type { Position, QuestionRef } from './positions.js';
import { buildOutcome, type RecordInput } from './record.js';
import { OUTCOME_SCHEMA_PATH, outcomeJsonSchemaText, outcomeSchemas } from './record-schema.js';

const questions: QuestionRef[] = [
  { index: 0, text: 'Reopen the line?', options: ['trains', 'trail', 'housing'] },
  { index: 1, text: 'Who pays?', options: [] },
];

function answer(
  seat: number,
  speaker: string,
  positions: Position[],
  status: SeatAnswer['status'] = 'parsed',
): SeatAnswer {
  return { seat, speaker, status, positions };
}
const on = (question: number, position: string, over: Partial<Position> = {}): Position => ({
  question,
  position,
  confidence: 0.7,
  changedMind: false,
  because: `I hold ${position}.`,
  ...(question === 0 ? { ranking: [position] } : {}),
  ...over,
});

const cost = {
  total: {
    tokens: { prompt: 10, completion: 5, estimated: false },
    cost: { usd: 0, complete: true, pricedTokens: 15, unpricedTokens: 0 },
  },
  perSeat: [],
  perPhase: [],
};

function input(over: Partial<RecordInput> = {}): RecordInput {
  return {
    questions,
    vote: 'ranked',
    threshold: 0.75,
    closing: [
      answer(1, 'Ann', [
        on(0, 'trail', { ranking: ['trail', 'trains', 'housing'] }),
        on(1, 'The region.'),
      ]),
      answer(
        2,
        'Bob',
        [on(0, 'trail', { changedMind: true }), on(1, 'The town.', { changedMind: true })],
        'repaired',
      ),
      answer(3, 'Cy', [on(0, 'trains', { because: 'Trains serve Millford.' })]),
      { seat: 4, speaker: 'Dee', status: 'unparsed', positions: [], raw: 'I like trains' },
      { seat: 5, speaker: 'Eve', status: 'failed', positions: [] },
    ],
    participants: [
      { seat: 1, name: 'Ann' },
      { seat: 2, name: 'Bob' },
      { seat: 3, name: 'Cy' },
      { seat: 4, name: 'Dee' },
      { seat: 5, name: 'Eve' },
    ],
    endReason: 'completed',
    cost,
    ...over,
  };
}

describe('buildOutcome', () => {
  it('gives each question its outcome, support, dissenters and the minority report in their words', () => {
    const record = buildOutcome(input());
    const [line, pay] = record.questions;
    expect(line).toMatchObject({
      outcome: 'trail',
      vote: { winner: 'trail', voters: ['Ann', 'Bob', 'Cy'] },
      consensus: { reached: false, threshold: 0.75, dissenters: ['Cy'] },
      minorityReport: [
        { seat: 3, speaker: 'Cy', position: 'trains', because: 'Trains serve Millford.' },
      ],
    });
    expect(line?.consensus.support).toBeCloseTo(2 / 3);
    expect(line?.positions.map((p) => p.status)).toEqual([
      'parsed',
      'repaired',
      'parsed',
      'unparsed',
      'failed',
    ]);
    expect(line?.positions[3]).toMatchObject({ raw: 'I like trains' });
    expect(pay).toMatchObject({ outcome: null, consensus: { reached: null, support: null } });
    expect(pay?.positions[2]).toEqual({ seat: 3, speaker: 'Cy', status: 'absent' });
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(record).success).toBe(true);
  });

  it('reaches consensus at the threshold', () => {
    const record = buildOutcome(input({ threshold: 0.6 }));
    expect(record.questions[0]?.consensus.reached).toBe(true);
  });

  it('names who changed their mind between the opening and the closing, and from what to what', () => {
    const opening = [
      answer(1, 'Ann', [on(0, 'trail'), on(1, 'The region.')]),
      answer(2, 'Bob', [on(0, 'housing'), on(1, 'The state.')]),
      answer(3, 'Cy', [on(0, 'Trains')]),
    ];
    const record = buildOutcome(input({ opening }));
    expect(record.questions[0]?.changes).toEqual([
      { seat: 2, speaker: 'Bob', from: 'housing', to: 'trail' },
    ]);
    // Free text counts as changed when the seat says so.
    expect(record.questions[1]?.changes).toEqual([
      { seat: 2, speaker: 'Bob', from: 'The state.', to: 'The town.' },
    ]);
    expect(record.questions[0]?.opening?.map((p) => p.position)).toEqual([
      'trail',
      'housing',
      'Trains',
    ]);
  });

  it('takes action items, open questions and groups from the summarizer, owners matched to seats', () => {
    const record = buildOutcome(
      input({
        summary: { speaker: 'Ann', text: 'We lean to the trail.' },
        summaryRecord: {
          status: 'parsed',
          actionItems: [
            { action: 'Cost the viaduct repairs', owner: 'bob' },
            { action: 'Ask the region', owner: 'the council' },
          ],
          openQuestions: ['Who runs the trail?'],
          groups: [{ question: 1, stance: 'Someone else pays', seats: ['Ann', 'Bob'] }],
        },
      }),
    );
    expect(record.actionItems).toEqual([
      { action: 'Cost the viaduct repairs', owner: 'Bob', ownerIsSeat: true },
      { action: 'Ask the region', owner: 'the council', ownerIsSeat: false },
    ]);
    expect(record.openQuestions).toEqual(['Who runs the trail?']);
    expect(record.questions[1]?.groups).toEqual([
      { stance: 'Someone else pays', seats: ['Ann', 'Bob'] },
    ]);
    expect(record.recordStatus).toBe('parsed');
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(record).success).toBe(true);
  });

  it('records a Condorcet cycle as a tie with its Smith set', () => {
    const closing = [
      answer(1, 'Ann', [on(0, 'trains', { ranking: ['trains', 'trail', 'housing'] })]),
      answer(2, 'Bob', [on(0, 'trail', { ranking: ['trail', 'housing', 'trains'] })]),
      answer(3, 'Cy', [on(0, 'housing', { ranking: ['housing', 'trains', 'trail'] })]),
    ];
    const record = buildOutcome(input({ closing }));
    expect(record.questions[0]).toMatchObject({
      outcome: null,
      vote: {
        winner: null,
        tied: ['trains', 'trail', 'housing'],
        decidedBy: 'tie',
        condorcet: { winner: null },
      },
      consensus: { reached: false, dissenters: [] },
    });
    expect(record.questions[0]?.vote?.condorcet?.smithSet).toHaveLength(3);
  });
});

describe('the published JSON Schema of outcome.json', () => {
  it('is the one generated from the record’s schema (npm run schema rewrites it)', () => {
    const committed = readFileSync(`${exampleTableDir()}/${OUTCOME_SCHEMA_PATH}`, 'utf8');
    expect(committed).toBe(outcomeJsonSchemaText());
  });
});
