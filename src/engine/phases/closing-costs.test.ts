// What runs with closing positions cost: costs stamped on events, the LLM moderator's charged as
// seat 0, and the wrap-up a token or dollar budget decides.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import { collect, FakeModel, ofType } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';
import {
  positionsAnswer as answer,
  isPositions,
  isRecord,
  RECORD,
  closingTable as table,
} from '../test-utils/positions-script.js';

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
