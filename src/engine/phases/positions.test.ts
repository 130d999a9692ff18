// The closing positions against a scripted model: valid, repaired and hopeless answers, a seat
// whose request fails, ties and a Condorcet cycle, and options in any script.
import { describe, expect, it } from 'vitest';
import { outcomeSchemas } from '../../outcome/record-schema.js';
import { runDiscussion } from '../discussion.js';
import type { ModelRequest } from '../model.js';
import { ModelError } from '../model.js';
import type { Table } from '../table.js';
import { collect, FakeModel, ofType, type ScriptedReply } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';

const OPTIONS = ['park', 'housing', 'tram line'];
const table: Table = {
  ...fixtureTable,
  task: { ...fixtureTable.task, options: [OPTIONS, [], []] },
};

const isPositions = (r: ModelRequest) =>
  r.responseFormat?.type === 'json_schema' && r.responseFormat.name === 'positions';
const isRecord = (r: ModelRequest) =>
  r.responseFormat?.type === 'json_schema' && r.responseFormat.name === 'record';
const isRepair = (r: ModelRequest) =>
  r.messages.at(-1)?.content.startsWith('Your answer could not be read') === true;

function answer(position: string, ranking: string[], because = 'Because.'): string {
  return JSON.stringify({
    positions: [
      {
        question: 'Should the railway become a park, housing, or a tram line?',
        position,
        confidence: 0.8,
        changedMind: false,
        because,
        ranking,
      },
    ],
  });
}

const RECORD = JSON.stringify({
  actionItems: [{ action: 'Cost the tram line', owner: 'Ann' }],
  openQuestions: ['Who runs it?'],
  groups: [],
});

async function closeWith(
  bySpeaker: (speaker: string, request: ModelRequest) => ScriptedReply | string,
  tableUsed: Table = table,
  vote: 'ranked' | 'approval' | 'score' = 'ranked',
) {
  const fake = new FakeModel((request) => {
    if (isRecord(request)) return RECORD;
    if (isPositions(request)) return bySpeaker(request.speaker, request);
    return 'A fair point about the railway.';
  });
  const events = await collect(
    runDiscussion({
      table: tableUsed,
      settings: fixtureSettings({ turns: 2, closing: true, topicChangeEvery: 1000, vote }),
      model: fake.model,
    }),
  );
  const outcome = ofType(events, 'outcome')[0]?.record;
  return { fake, events, outcome, positions: ofType(events, 'positions') };
}

describe('closing positions', () => {
  it('asks every seat at once for json_schema positions and records what they said', async () => {
    const { fake, positions, outcome, events } = await closeWith((speaker) =>
      speaker === 'Dee'
        ? answer('park', ['park', 'tram line'])
        : answer('tram line', ['tram line', 'park', 'housing']),
    );
    const asked = fake.requests.filter(isPositions);
    expect(asked).toHaveLength(4);
    const format = asked[0]?.responseFormat;
    expect(format?.type === 'json_schema' && format.strict).toBe(true);
    expect(asked[0]?.messages.at(-1)?.content).toContain(
      'Options: "park", "housing", "tram line".',
    );
    expect(positions.map((p) => p.status)).toEqual(['parsed', 'parsed', 'parsed', 'parsed']);
    expect(outcome?.questions[0]).toMatchObject({
      outcome: 'tram line',
      vote: { decidedBy: 'condorcet' },
      consensus: { reached: true, support: 0.75, dissenters: ['Dee'] },
      minorityReport: [{ speaker: 'Dee', position: 'park' }],
    });
    expect(outcome?.actionItems).toEqual([
      { action: 'Cost the tram line', owner: 'Ann', ownerIsSeat: true },
    ]);
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(outcome).success).toBe(true);
    // The table (and the summarizer) hear the positions in words, not JSON.
    const summary = fake.requests.find((r) => r.purpose === 'summary');
    const heard = summary?.messages.map((m) => m.content).join('\n') ?? '';
    expect(heard).toContain('→ tram line (80% sure)');
    expect(heard).not.toContain('"positions"');
    expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
  });

  it('records a council (no closing phase) with the positions its answers took', async () => {
    const fake = new FakeModel((request) => {
      if (isRecord(request)) return RECORD;
      if (isPositions(request)) return answer('housing', ['housing', 'park']);
      return 'A fair point about the railway.';
    });
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({ format: 'council', closing: true }),
        model: fake.model,
      }),
    );
    const positions = ofType(events, 'positions');
    expect(positions.map((p) => p.moment)).toEqual(['opening', 'opening', 'opening', 'opening']);
    const outcome = ofType(events, 'outcome')[0]?.record;
    expect(outcome?.questions[0]).toMatchObject({ outcome: 'housing', changes: [] });
    expect(outcome?.questions[0]?.opening).toBeUndefined();
    expect(outcome?.actionItems).toHaveLength(1);
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(outcome).success).toBe(true);
  });

  it('repairs an unreadable answer once, and keeps a hopeless one as said, marked unparsed', async () => {
    const { fake, positions, outcome } = await closeWith((speaker, request) => {
      if (speaker === 'Bob')
        return isRepair(request) ? answer('housing', ['housing']) : 'I would say housing, really.';
      if (speaker === 'Cy')
        return isRepair(request) ? '{"positions": [{"question": 1}]}' : 'Trams! {not json';
      return answer('park', ['park']);
    });
    const bob = positions.find((p) => p.speaker === 'Bob');
    const cy = positions.find((p) => p.speaker === 'Cy');
    expect(bob).toMatchObject({ status: 'repaired', problems: ['the reply holds no JSON object'] });
    expect(bob?.repairUsage).toBeDefined();
    expect(cy).toMatchObject({ status: 'unparsed', raw: 'Trams! {not json', positions: [] });
    // One repair each, no more.
    expect(
      fake.requests
        .filter(isRepair)
        .map((r) => r.speaker)
        .sort(),
    ).toEqual(['Bob', 'Cy']);
    const repair = fake.requests.find((r) => isRepair(r) && r.speaker === 'Bob');
    expect(repair?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: 'I would say housing, really.',
    });
    expect(outcome?.questions[0]?.positions.map((p) => p.status)).toEqual([
      'parsed',
      'repaired',
      'unparsed',
      'parsed',
    ]);
    expect(outcome?.questions[0]?.outcome).toBe('park');
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(outcome).success).toBe(true);
  });

  it('goes on without a seat whose closing request fails', async () => {
    const { positions, outcome, events } = await closeWith((speaker) =>
      speaker === 'Cy'
        ? { error: new ModelError('server', 'upstream 502', false, 502) }
        : answer('housing', ['housing', 'park']),
    );
    expect(positions.find((p) => p.speaker === 'Cy')?.status).toBe('failed');
    expect(ofType(events, 'error').some((e) => e.speaker === 'Cy')).toBe(true);
    expect(outcome?.questions[0]).toMatchObject({
      outcome: 'housing',
      vote: { voters: ['Ann', 'Bob', 'Dee'] },
    });
    expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
  });

  it('reports a Condorcet cycle as a tie, and a tie it cannot break as one', async () => {
    const rankings: Record<string, string[]> = {
      Ann: ['park', 'housing', 'tram line'],
      Bob: ['housing', 'tram line', 'park'],
      Cy: ['tram line', 'park', 'housing'],
    };
    const cycle = await closeWith((speaker) => {
      const ranking = rankings[speaker];
      return ranking === undefined
        ? { error: new ModelError('server', 'gone', false) }
        : answer(ranking[0] ?? '', ranking);
    });
    expect(cycle.outcome?.questions[0]).toMatchObject({
      outcome: null,
      vote: {
        decidedBy: 'tie',
        tied: ['park', 'housing', 'tram line'],
        condorcet: { winner: null },
      },
      consensus: { reached: false },
    });
    expect(cycle.outcome?.questions[0]?.vote?.condorcet?.smithSet).toHaveLength(3);

    const tie = await closeWith((speaker) =>
      speaker === 'Ann' || speaker === 'Bob'
        ? answer('park', ['park', 'housing'])
        : answer('housing', ['housing', 'park']),
    );
    expect(tie.outcome?.questions[0]).toMatchObject({
      outcome: null,
      vote: { tied: ['park', 'housing'] },
    });
  });

  it('takes options in any script, matched whatever their case and normal form', async () => {
    const options = ['Z\u00fcge', '公園', 'жильё 🏠'];
    const unicode: Table = { ...table, task: { ...table.task, options: [options, [], []] } };
    const { outcome } = await closeWith(
      (speaker) =>
        speaker === 'Dee'
          ? answer('жильё 🏠', ['жильё 🏠'])
          : answer(speaker === 'Ann' ? 'ZU\u0308GE' : 'Zu\u0308ge', ['zu\u0308ge', '公園']),
      unicode,
    );
    expect(outcome?.questions[0]?.options).toEqual(options);
    expect(outcome?.questions[0]).toMatchObject({
      outcome: 'Z\u00fcge',
      consensus: { dissenters: ['Dee'] },
    });
    expect(outcome?.questions[0]?.positions[0]?.ranking).toEqual(['Z\u00fcge', '公園']);
  });

  it('stamps no cost and takes no prices when the run is not priced', async () => {
    const { events } = await closeWith(() => answer('park', ['park']));
    expect(ofType(events, 'turn-ended').every((e) => e.cost === undefined)).toBe(true);
    expect(ofType(events, 'discussion-ended')[0]?.cost).toBeUndefined();
  });
});

describe('costs on events', () => {
  it('stamps each request’s cost, keeps unknown prices unknown, and totals them', async () => {
    const fake = new FakeModel(() => ({
      chunks: ['Fine.'],
      usage: { promptTokens: 1000, completionTokens: 100, estimated: false },
    }));
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ turns: 6 }),
        model: fake.model,
        pricing: {
          // Bob's endpoint "local" has no known price.
          priceOf: (endpoint) => (endpoint === 'local' ? undefined : { input: 1, output: 2 }),
          prices: [],
        },
      }),
    );
    const ended = ofType(events, 'turn-ended');
    for (const e of ended) {
      expect(e.cost).toBe(e.speaker === 'Bob' ? null : 0.0012);
    }
    const total = ofType(events, 'discussion-ended')[0]?.cost;
    const priced = [...ended, ...ofType(events, 'summary')].filter(
      (e) => e.speaker !== 'Bob',
    ).length;
    expect(total?.usd).toBeCloseTo(priced * 0.0012, 10);
    expect(total?.unpricedTokens).toBe((7 - priced) * 1100);
    expect(ofType(events, 'discussion-started')[0]?.prices).toEqual([]);
  });
});

describe('the LLM moderator’s cost', () => {
  it('is charged at the moderator’s endpoint and model, as seat 0', async () => {
    const fake = new FakeModel(() => ({
      chunks: ['{"next": "Ann", "reason": "she has not spoken", "action": "continue"}'],
      usage: { promptTokens: 1000, completionTokens: 100, estimated: false },
    }));
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({
          turns: 3,
          speakerPolicy: 'moderator',
          moderator: { endpoint: 'judge', model: 'judge-1' },
        }),
        model: fake.model,
        pricing: {
          priceOf: (endpoint, model) =>
            endpoint === 'judge' && model === 'judge-1' ? { input: 10, output: 10 } : undefined,
          prices: [],
        },
      }),
    );
    const decisions = ofType(events, 'moderator-decision');
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) expect(d.cost).toBeCloseTo(0.011, 10);
  });
});

describe('stopWhen: consensus', () => {
  async function checked(bySpeaker: (speaker: string) => string) {
    const fake = new FakeModel((request) => {
      if (isRecord(request)) return RECORD;
      if (isPositions(request)) return bySpeaker(request.speaker);
      return 'A fair point about the railway.';
    });
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({
          turns: 8,
          closing: true,
          topicChangeEvery: 1000,
          stopWhen: 'consensus',
          consensusCheckEvery: 2,
          consensusThreshold: 0.75,
        }),
        model: fake.model,
      }),
    );
    return { fake, events };
  }

  it('checks quietly every n turns and ends the discussion when the table agrees', async () => {
    const { events, fake } = await checked(() => answer('park', ['park', 'housing']));
    const checks = ofType(events, 'consensus-check');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      turn: 2,
      reached: true,
      questions: [{ index: 0, outcome: 'park', support: 1 }],
    });
    expect(ofType(events, 'phase-ended').find((e) => e.kind === 'discussion')?.reason).toBe(
      'consensus',
    );
    // Two discussion turns, then the closing: the check was heard by nobody.
    const turns = fake.requests.filter(
      (r) => r.purpose === 'turn' && r.responseFormat === undefined,
    );
    expect(turns).toHaveLength(2);
    expect(ofType(events, 'outcome')[0]?.record.stoppedBy).toBe('consensus, found after turn 2');
    const summary = fake.requests.find((r) => r.purpose === 'summary');
    expect(
      summary?.messages.some((m) => m.content.includes('checking where the table stands')),
    ).toBe(false);
  });

  it('goes on while the table is split, checking again', async () => {
    const { events } = await checked((speaker) =>
      speaker === 'Ann' || speaker === 'Bob'
        ? answer('park', ['park'])
        : answer('housing', ['housing']),
    );
    const checks = ofType(events, 'consensus-check');
    expect(checks.map((c) => c.turn)).toEqual([2, 4, 6]);
    expect(checks.every((c) => !c.reached)).toBe(true);
    expect(ofType(events, 'phase-ended').find((e) => e.kind === 'discussion')?.reason).toBe('done');
    // Each check's requests are paid for by the seats that answered.
    expect(
      ofType(events, 'positions').filter(
        (p) => p.moment === 'check' && p.repairUsage !== undefined,
      ),
    ).toHaveLength(12);
  });
});

describe('budgetTokens', () => {
  it('wraps up so that the closing and the summary still fit, and records why', async () => {
    const usage = { promptTokens: 300, completionTokens: 60, estimated: false };
    const fake = new FakeModel((request) => {
      if (isRecord(request)) return { chunks: [RECORD], usage };
      if (isPositions(request)) return { chunks: [answer('park', ['park'])], usage };
      return { chunks: ['A fair point about the railway.'], usage };
    });
    const budgetTokens = 6000;
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({ turns: 40, closing: true, budgetTokens }),
        model: fake.model,
      }),
    );
    const ended = ofType(events, 'discussion-ended')[0];
    const used = (ended?.usage.promptTokens ?? 0) + (ended?.usage.completionTokens ?? 0);
    expect(used).toBeLessThanOrEqual(budgetTokens);
    const wrap = ofType(events, 'budget').find((e) => e.action === 'wrap-up');
    expect(wrap?.why).toMatch(/would not fit, so the discussion wraps up now/);
    expect(ofType(events, 'positions').filter((p) => p.moment === 'closing')).toHaveLength(4);
    expect(ofType(events, 'summary')).toHaveLength(1);
    expect(ended?.reason).toBe('completed');
  });
});

describe('budgetUsd', () => {
  it('wraps up in dollars at the seats’ prices, within the budget plus one reply', async () => {
    const usage = { promptTokens: 300, completionTokens: 60, estimated: false };
    const fake = new FakeModel((request) => {
      if (isRecord(request)) return { chunks: [RECORD], usage };
      if (isPositions(request)) return { chunks: [answer('park', ['park'])], usage };
      return { chunks: ['A fair point about the railway.'], usage };
    });
    // $10 / $30 per million tokens: a request of 300 + 60 tokens costs $0.0048.
    const price = { input: 10, output: 30 };
    const budgetUsd = 0.1;
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({ turns: 40, closing: true, budgetUsd }),
        model: fake.model,
        pricing: { priceOf: () => price, prices: [] },
      }),
    );
    const ended = ofType(events, 'discussion-ended')[0];
    const maxReply = (Math.max(...fake.requests.map((r) => r.maxTokens)) * price.output) / 1e6;
    expect(ended?.cost?.usd).toBeLessThanOrEqual(budgetUsd + maxReply);
    const wrap = ofType(events, 'budget').find((e) => e.action === 'wrap-up');
    expect(wrap?.budgetUsd).toBe(budgetUsd);
    expect(wrap?.why).toMatch(/^\$[\d.]+ of \$0\.1 spent/);
    expect(ofType(events, 'turn-ended').length).toBeLessThan(40);
    expect(ofType(events, 'positions').filter((p) => p.moment === 'closing')).toHaveLength(4);
    expect(ofType(events, 'summary')).toHaveLength(1);
    expect(ended?.reason).toBe('completed');
  });
});

describe('resuming in the middle of the closing positions', () => {
  it('asks again a seat whose answer was recorded but not its positions, and counts it', async () => {
    const fake = () =>
      new FakeModel((request) => {
        if (isRecord(request)) return RECORD;
        if (isPositions(request)) return answer('park', ['park', 'housing']);
        return 'A fair point about the railway.';
      });
    const settings = fixtureSettings({ turns: 2, closing: true, topicChangeEvery: 1000 });
    const whole = await collect(runDiscussion({ table, settings, model: fake().model }));
    // Stopped after the closing turns were recorded and only the first seat's positions.
    const cut = whole.findIndex((e) => e.type === 'positions') + 1;
    const second = fake();
    const resumed = await collect(
      runDiscussion({
        table,
        settings,
        model: second.model,
        resume: { events: whole.slice(0, cut) },
      }),
    );
    const positions = ofType(resumed, 'positions');
    expect(positions.map((p) => p.status)).toEqual(['parsed', 'parsed', 'parsed']);
    // Each was asked again (its answer was kept only as the table heard it), and that is counted.
    expect(second.requests.filter(isPositions)).toHaveLength(3);
    for (const p of positions) expect(p.repairUsage?.completionTokens).toBeGreaterThan(0);
    const outcome = ofType(resumed, 'outcome')[0]?.record;
    expect(outcome?.questions[0]?.positions.map((p) => p.status)).toEqual(Array(4).fill('parsed'));
  });
});
