// analyzeRecords per seat: turns, words and tokens, and what each seat cost, priced by a cost
// function or stamped on the run's requests; a resumed run's turns counted once, billed twice.
import { describe, expect, it } from 'vitest';
import type { TranscriptRecord } from '../transcript/events-file.js';
import { analyzeRecords } from './analyze.js';
import type { CostOf } from './figures.js';
import { fixtureRecords } from './test-utils/fixture.js';

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
