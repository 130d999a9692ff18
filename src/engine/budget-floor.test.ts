// The least budget a run can keep (its end at its worst), the budget that buys a first turn as
// well, and the margin a budget is kept to: the turn's own reply. Every run here meets the worst
// model (every reply at its full maxTokens), so what holds here holds for any model.
import { describe, expect, it } from 'vitest';
import { budgetFloor } from './budget-floor.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import type { EngineSettings, Participant, Table } from './table.js';
import { collect, ofType } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { worstCaseModel } from './test-utils/worst-case-model.js';

const table: Table = {
  ...fixtureTable,
  task: { ...fixtureTable.task, options: [['park', 'housing', 'tram line'], [], []] },
};

/** The longest reply at the table (Cy's maxTokens): what a run may pass its budget by. */
const ONE_REPLY = 300;

const settings = (overrides: Partial<EngineSettings> = {}) =>
  fixtureSettings({ turns: 30, closing: true, topicChangeEvery: 1000, ...overrides });

async function run(budgeted: EngineSettings, on: Table = table) {
  const events = await collect(
    runDiscussion({ table: on, settings: budgeted, model: worstCaseModel().model }),
  );
  const ended = ofType(events, 'discussion-ended')[0];
  const spent = (ended?.usage.promptTokens ?? 0) + (ended?.usage.completionTokens ?? 0);
  const turns = ofType(events, 'turn-started').filter((e) => e.kind === 'turn' && e.phase === 0);
  return { events, spent, turns: turns.length };
}

function expectEnded(events: readonly DiscussionEvent[]): void {
  expect(ofType(events, 'positions').filter((p) => p.moment === 'closing')).toHaveLength(4);
  expect(ofType(events, 'summary')).toHaveLength(1);
  expect(ofType(events, 'summary-record')).toHaveLength(1);
}

describe('the least budget', () => {
  it('is the end at its worst, and a run given exactly that keeps it with no turn spoken', async () => {
    const floor = budgetFloor({ table, settings: settings() });
    expect(floor.covers).toBe(
      "4 closing answers + the summary + its record at each seat's maxTokens (200–300)",
    );
    expect(floor.spent).toEqual({ tokens: 0, usd: 0 });
    expect(floor.least.tokens).toBe(floor.end.tokens);
    const { events, spent, turns } = await run(settings({ budgetTokens: floor.least.tokens }));
    expect(turns).toBe(0);
    expect(ofType(events, 'budget')[0]).toMatchObject({ action: 'wrap-up', turn: 1 });
    expectEnded(events);
    // No turn was spoken, so not even the one-reply margin is used.
    expect(spent).toBeLessThanOrEqual(floor.least.tokens);
  });

  it('names what the end holds in each format: closing statements, a verdict, a synthesis', () => {
    const debate: Table = {
      ...fixtureTable,
      participants: fixtureTable.participants.map(
        (p, k): Participant => ({ ...p, side: ['for', 'against', 'for', 'judge'][k] }),
      ),
    };
    const covers = (on: Table, overrides: Partial<EngineSettings>) =>
      budgetFloor({ table: on, settings: settings(overrides) }).covers;
    expect(covers(debate, { format: 'debate', closing: false })).toMatch(
      /^3 closing statements \+ the verdict at /u,
    );
    // Without a judge the debate ends with the table's summary (phases.test.ts).
    expect(covers(table, { format: 'debate', closing: false })).toMatch(
      /^4 closing statements \+ the summary at /u,
    );
    expect(covers(table, { format: 'council', closing: false })).toMatch(/^the synthesis at /u);
    expect(covers(table, { closing: false, maxTokens: 250 })).toBe(
      "the summary at each seat's maxTokens (250–300)",
    );
  });

  it('of a resumed run is what it spent and what its end still needs', async () => {
    const whole = await run(settings({ turns: 4 }));
    const closingStarts = whole.events.findIndex(
      (e) => e.type === 'phase-started' && e.kind === 'closing',
    );
    // Cut after two of the four closing answers: the other two, the summary and its record are left.
    const ends = whole.events
      .map((e, i) => ({ e, i }))
      .filter(({ e, i }) => i > closingStarts && e.type === 'turn-ended');
    const cut = whole.events.slice(0, (ends[1]?.i ?? 0) + 1);
    const spentSoFar = cut
      .filter((e) => e.type === 'turn-ended')
      .reduce((sum, e) => sum + e.usage.promptTokens + e.usage.completionTokens, 0);
    const floor = budgetFloor({ table, settings: settings({ turns: 4 }), resume: { events: cut } });
    expect(floor.spent.tokens).toBe(spentSoFar);
    expect(floor.parts).toEqual([
      { kind: 'closing-positions', seats: 2 },
      { kind: 'summary', title: 'summary' },
      { kind: 'record' },
    ]);
    expect(floor.firstStep).toBeUndefined();
  });
});

describe("the turn's own reply is the one reply a budget may be passed by", () => {
  it('buys a first turn at the first step, not before, and never passes the budget by more', async () => {
    const floor = budgetFloor({ table, settings: settings() });
    const first = floor.firstStep?.tokens ?? 0;
    expect(first).toBeGreaterThan(floor.least.tokens);
    const short = await run(settings({ budgetTokens: first - 1 }));
    expect(short.turns).toBe(0);
    const enough = await run(settings({ budgetTokens: first }));
    expect(enough.turns).toBeGreaterThanOrEqual(1);
    expectEnded(enough.events);
    for (let budgetTokens = first; budgetTokens < first + 6_000; budgetTokens += 397) {
      const { events, spent } = await run(settings({ budgetTokens }));
      expectEnded(events);
      expect(spent, `budgetTokens ${budgetTokens}`).toBeLessThanOrEqual(budgetTokens + ONE_REPLY);
    }
  });

  it('counts one reply whole under onRepeat: regenerate, where a turn may speak twice', () => {
    const plain = budgetFloor({ table, settings: settings() }).firstStep?.tokens ?? 0;
    const regenerate =
      budgetFloor({ table, settings: settings({ onRepeat: 'regenerate' }) }).firstStep?.tokens ?? 0;
    // The dearest turn is counted with its reply: 200 or 300 tokens, by the seat.
    expect(regenerate - plain).toBeGreaterThanOrEqual(200);
    expect(regenerate - plain).toBeLessThanOrEqual(ONE_REPLY);
  });
});

describe('phases the end does not need are started only while the end still fits', () => {
  const debate: Table = {
    ...fixtureTable,
    participants: fixtureTable.participants.map(
      (p, k): Participant => ({ ...p, side: ['for', 'against', 'for', 'judge'][k] }),
    ),
  };
  it.each([
    ['council (answers, review, synthesis)', 'council', table],
    ['debate with prose closing statements', 'debate', debate],
    ['rounds', 'rounds', table],
  ] as const)('%s', async (_name, format, on) => {
    const base = settings({ format, closing: false, rounds: 3, turns: 6 });
    const free = await run(base, on);
    const floor = budgetFloor({ table: on, settings: base });
    let wrapped = 0;
    for (let budgetTokens = floor.least.tokens; budgetTokens < free.spent; budgetTokens += 499) {
      const { events, spent } = await run({ ...base, budgetTokens }, on);
      expect(spent, `${format}, budgetTokens ${budgetTokens}`).toBeLessThanOrEqual(
        budgetTokens + ONE_REPLY,
      );
      if (ofType(events, 'budget').some((b) => b.action === 'wrap-up')) wrapped += 1;
      expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
    }
    expect(wrapped).toBeGreaterThan(0);
  });
});
