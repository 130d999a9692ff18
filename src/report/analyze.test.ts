import { describe, expect, it } from 'vitest';
import type { TranscriptRecord } from '../transcript/events-file.js';
import { analyzeRecords } from './analyze.js';
import type { CostOf } from './figures.js';
import { fixtureRecords } from './test-utils/fixture.js';
import { fixtureRecordsWithOutcome } from './test-utils/fixture-outcome.js';

// Every expected figure below is worked out by hand from test-utils/fixture.ts.
const PRICES: Record<string, { prompt: number; completion: number }> = {
  'm-a': { prompt: 1e-6, completion: 2e-6 },
  'm-b': { prompt: 3e-6, completion: 5e-6 },
};
const priced: CostOf = (usage, { model }) => {
  const price = model === undefined ? undefined : PRICES[model];
  return price === undefined
    ? undefined
    : usage.promptTokens * price.prompt + usage.completionTokens * price.completion;
};

describe('analyzeRecords on the fixture discussion', () => {
  const figures = analyzeRecords(fixtureRecords(), { costOf: priced });
  const seat = (name: string) => figures.seats.find((s) => s.name === name);

  it('counts turns, words and tokens per seat', () => {
    // Ann: turns 1 and 5, 10 words each; the summary's 4 words are not a turn's.
    expect(seat('Ann')).toMatchObject({ turns: 2, failedTurns: 0, words: 20 });
    // Bob: turn 2, 14 words ("The park is the best use of the land Ann says but housing matters").
    expect(seat('Bob')).toMatchObject({ turns: 1, words: 14 });
    // Cy: the failed turn 3 (no words) and turn 4 (9 words; "@" is not part of a word).
    expect(seat('Cy')).toMatchObject({ turns: 2, failedTurns: 1, words: 9 });
    // Tokens: every request made for the seat, the summary's included (Ann: 100+400+500, 10+10+8).
    expect(seat('Ann')).toMatchObject({ promptTokens: 1000, completionTokens: 28, tokens: 1028 });
    expect(seat('Bob')).toMatchObject({ promptTokens: 200, completionTokens: 20, tokens: 220 });
    expect(seat('Cy')).toMatchObject({ promptTokens: 350, completionTokens: 15, tokens: 365 });
    expect(figures.totals).toMatchObject({
      turns: 5,
      words: 43,
      promptTokens: 1550,
      completionTokens: 63,
      tokens: 1613,
      tokensEstimated: false,
    });
    expect(seat('Ann')?.shareOfTurns).toBeCloseTo(2 / 5, 10);
    expect(seat('Bob')?.shareOfWords).toBeCloseTo(14 / 43, 10);
  });

  it('prices each seat with the cost function, and totals only when every price is known', () => {
    // Ann: 1000 × $1/M + 28 × $2/M; Bob: 200 × $3/M + 20 × $5/M; Cy: 350 × $3/M + 15 × $5/M.
    expect(seat('Ann')?.cost).toBeCloseTo(0.001056, 12);
    expect(seat('Bob')?.cost).toBeCloseTo(0.0007, 12);
    expect(seat('Cy')?.cost).toBeCloseTo(0.001125, 12);
    expect(figures.totals.cost).toBeCloseTo(0.002881, 12);

    const partly = analyzeRecords(fixtureRecords(), {
      costOf: (usage, seat) => (seat.model === 'm-a' ? priced(usage, seat) : undefined),
    });
    expect(partly.seats.map((s) => s.cost)).toEqual([
      expect.closeTo(0.001056, 12),
      undefined,
      undefined,
    ]);
    expect(partly.totals.cost).toBeUndefined();
    expect(analyzeRecords(fixtureRecords()).totals.cost).toBeUndefined();
  });

  it('takes the cost each request was stamped with when the run was priced, unknown prices kept unknown', () => {
    // $0.001 on every request: Ann's turns 1 and 5 and the summary, Bob's turn 2, Cy's failed
    // turn 3 and turn 4; and the bids (seat 0) $0.0005, which now count in the total.
    const stamp = (records: TranscriptRecord[], bob: number | null) =>
      records.flatMap((r): TranscriptRecord[] => {
        if (r.type === 'turn-ended') return [{ ...r, cost: r.seat === 2 ? bob : 0.001 }];
        if (r.type === 'summary') return [{ ...r, cost: 0.001 }];
        if (r.type === 'discussion-ended') {
          const bids: TranscriptRecord = {
            type: 'bids',
            turn: 5,
            bids: [],
            usage: { promptTokens: 10, completionTokens: 1, estimated: false },
            cost: 0.0005,
            ts: r.ts,
          };
          return [bids, r];
        }
        return [r];
      });
    const stamped = analyzeRecords(stamp(fixtureRecords(), 0.001), { costOf: priced });
    expect(stamped.seats.map((s) => s.cost)).toEqual([
      expect.closeTo(0.003, 12),
      expect.closeTo(0.001, 12),
      expect.closeTo(0.002, 12),
    ]);
    expect(stamped.totals.cost).toBeCloseTo(0.0065, 12);
    // Bob's model had no price: his cost and the total are unknown, whatever costOf would say.
    const unknown = analyzeRecords(stamp(fixtureRecords(), null), { costOf: priced });
    expect(unknown.seats.map((s) => s.cost)).toEqual([
      expect.closeTo(0.003, 12),
      undefined,
      expect.closeTo(0.002, 12),
    ]);
    expect(unknown.totals.cost).toBeUndefined();
  });

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

describe('analyzeRecords on resumed runs', () => {
  it('counts a turn spoken again once, with the version that stands, but bills both', () => {
    const records = fixtureRecords();
    const cut = records.findIndex((r) => r.type === 'turn-ended' && r.turn === 2);
    const interrupted: TranscriptRecord[] = [
      ...records.slice(0, cut),
      {
        type: 'turn-ended',
        turn: 2,
        seat: 2,
        speaker: 'Bob',
        text: 'The park',
        status: 'interrupted',
        usage: { promptTokens: 200, completionTokens: 2, estimated: true },
        ts: records[cut]?.type === 'turn-ended' ? records[cut].ts : '',
      },
      { type: 'closed', reason: 'interrupted', ts: '2026-01-02T10:00:13.000Z' },
      {
        type: 'run',
        version: 'test',
        tableDir: 'tables/railway',
        settings: {},
        title: 'Park or housing?',
        startedAt: '2026-01-02T09:59:59.000Z',
        ts: '2026-01-02T11:00:00.000Z',
        resumed: true,
      },
      { type: 'discussion-resumed', fromTurn: 2, ts: '2026-01-02T11:00:00.000Z' },
      ...records.slice(records.findIndex((r) => r.type === 'turn-started' && r.turn === 2)),
    ];
    const figures = analyzeRecords(interrupted);
    expect(figures.totals.turns).toBe(5);
    expect(figures.seats.find((s) => s.name === 'Bob')).toMatchObject({
      turns: 1,
      words: 14,
      promptTokens: 400,
      completionTokens: 22,
      tokensEstimated: true,
    });
  });
});
