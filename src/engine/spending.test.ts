// Budgets under the speaker policies that ask before each turn: the LLM moderator's request and
// every seat's bid are paid for too, so they are counted in what a turn may cost. The scripted
// model answers every request at its full maxTokens, with replies as long as that allows: the
// worst a run can meet, so a budget kept against it is kept against any model.
import { describe, expect, it } from 'vitest';
import type { Price } from '../cost/price.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import type { ModelRequest } from './model.js';
import type { SpeakerPolicy } from './phases/spec.js';
import type { EngineSettings, Table } from './table.js';
import { collect, FakeModel, ofType } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { reply, worstCaseModel } from './test-utils/worst-case-model.js';
import { estimatePromptTokens } from './usage.js';

const table: Table = {
  ...fixtureTable,
  task: { ...fixtureTable.task, options: [['park', 'housing', 'tram line'], [], []] },
};

// The moderator on a model that costs twenty times what the seats' does, as a strong judge would.
const SEAT_PRICE: Price = { input: 0.5, output: 1.5 };
const JUDGE_PRICE: Price = { input: 10, output: 30 };
/**
 * What a run may pass its budget by: one reply at its maxTokens (Cy's 300, the longest), the
 * turn's own reply, which the check before a turn leaves to this margin.
 */
const ONE_REPLY = 300;
const ONE_REPLY_USD = (ONE_REPLY * SEAT_PRICE.output) / 1e6;

const pricing = {
  priceOf: (_endpoint: string | undefined, model: string | undefined) =>
    model === 'judge' ? JUDGE_PRICE : SEAT_PRICE,
  prices: [],
};

async function budgeted(policy: SpeakerPolicy, budget: Partial<EngineSettings>) {
  const fake = worstCaseModel();
  const events = await collect(
    runDiscussion({
      table,
      settings: fixtureSettings({
        turns: 40,
        closing: true,
        speakerPolicy: policy,
        topicChangeEvery: 1000,
        moderator: { model: 'judge' },
        ...budget,
      }),
      model: fake.model,
      pricing,
    }),
  );
  const ended = ofType(events, 'discussion-ended')[0];
  const tokens = (ended?.usage.promptTokens ?? 0) + (ended?.usage.completionTokens ?? 0);
  return { fake, events, ended, tokens, usd: ended?.cost?.usd ?? 0 };
}

/** Budgets from a sixth to a half of what the run spends without one, at uneven steps. */
function tightBudgets(free: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => free / 6 + ((free / 3) * i * 0.618) / count);
}

/** The run ended with everything the end needs, and says why it ended early, once. */
function expectWrappedUp(events: readonly DiscussionEvent[], policy: SpeakerPolicy): void {
  expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
  expect(ofType(events, 'positions').filter((p) => p.moment === 'closing')).toHaveLength(4);
  expect(ofType(events, 'summary')).toHaveLength(1);
  expect(ofType(events, 'summary-record')).toHaveLength(1);
  const budgets = ofType(events, 'budget');
  expect(budgets.map((b) => b.action)).toEqual(['wrap-up']);
  const wrap = budgets[0];
  expect(wrap?.why).toContain(
    policy === 'moderator' ? "with the moderator's choice of speaker)" : "with every seat's bid)",
  );
  expect(wrap?.why).toMatch(
    /\) and every seat's closing positions, the summary and its record \(about (\$[\d.]+|[\d,]+ tokens)\) would not fit, so the discussion wraps up now$/u,
  );
  expect(wrap?.nextTokens).toBeGreaterThan(0);
  // The wrap-up is the discussion's last word: the closing phase is the next to start.
  const next = events.slice(events.indexOf(wrap as DiscussionEvent)).find((e) => {
    return e.type === 'phase-started' || e.type === 'turn-started';
  });
  expect(next).toMatchObject({ type: 'phase-started', kind: 'closing' });
}

describe.each(['moderator', 'bid'] as const)('speakerPolicy %s under a budget', (policy) => {
  it('budgetTokens: never spends more than one reply past it, whatever the budget', async () => {
    const free = await budgeted(policy, {});
    const asked = free.fake.requests.filter((r) => r.purpose === policy).length;
    expect(asked).toBeGreaterThan(0);
    for (const budgetTokens of tightBudgets(free.tokens, 12).map(Math.round)) {
      const run = await budgeted(policy, { budgetTokens });
      expect(run.tokens, `budgetTokens ${budgetTokens}`).toBeLessThanOrEqual(
        budgetTokens + ONE_REPLY,
      );
      expectWrappedUp(run.events, policy);
    }
  });

  it('budgetUsd: never more than one reply past it, the moderator priced at its own model', async () => {
    const free = await budgeted(policy, {});
    for (const budgetUsd of tightBudgets(free.usd, 12)) {
      const run = await budgeted(policy, { budgetUsd });
      expect(run.usd, `budgetUsd ${budgetUsd}`).toBeLessThanOrEqual(budgetUsd + ONE_REPLY_USD);
      expectWrappedUp(run.events, policy);
    }
  });
});

describe('what a budget leaves out', () => {
  const isRepair = (r: ModelRequest) =>
    r.messages.at(-1)?.content.startsWith('Your answer could not be read') === true;

  it('is a budget event for each request, and the run stays within the budget and a reply', async () => {
    // Every structured answer is unreadable, so each asks for a repair the budget may not allow.
    const model = () =>
      new FakeModel((request, call) => ({
        chunks: [request.responseFormat === undefined ? reply(request, call) : 'No JSON, sorry.'],
        usage: {
          promptTokens: estimatePromptTokens(request.messages),
          completionTokens: request.maxTokens,
          estimated: false,
        },
      }));
    const run = async (budgetTokens?: number) => {
      const fake = model();
      const events = await collect(
        runDiscussion({
          table,
          settings: fixtureSettings({
            turns: 12,
            closing: true,
            topicChangeEvery: 1000,
            ...(budgetTokens === undefined ? {} : { budgetTokens }),
          }),
          model: fake.model,
        }),
      );
      const ended = ofType(events, 'discussion-ended')[0];
      const spent = (ended?.usage.promptTokens ?? 0) + (ended?.usage.completionTokens ?? 0);
      return { fake, events, spent };
    };
    const free = await run();
    let left = 0;
    for (const budgetTokens of tightBudgets(free.spent, 12).map(Math.round)) {
      const { fake, events, spent } = await run(budgetTokens);
      expect(spent, `budgetTokens ${budgetTokens}`).toBeLessThanOrEqual(budgetTokens + ONE_REPLY);
      const skips = ofType(events, 'budget').filter((b) => b.action === 'skip-repair');
      // Every unreadable answer (the seats' positions, the record when asked) was repaired or
      // left out, and each one left out says so.
      const unreadable = [...ofType(events, 'positions'), ...ofType(events, 'summary-record')];
      expect(unreadable.every((a) => a.status === 'unparsed')).toBe(true);
      expect(fake.requests.filter(isRepair).length + skips.length).toBe(unreadable.length);
      for (const skip of skips) {
        expect(skip.why).toMatch(
          /^(\w+'s unreadable answer|the summarizer's unreadable record) is not asked again: a repair would not fit in the budget$/u,
        );
      }
      left += skips.length;
    }
    expect(left).toBeGreaterThan(0);
  });

  it('counts the consensus check due after a turn (stopWhen: consensus)', async () => {
    const fake = () =>
      new FakeModel((request, call) => ({
        // Ann and Bob want a park, Cy and Dee housing: no consensus, a check every turn.
        chunks: [
          request.responseFormat?.type === 'json_schema' && request.responseFormat.name !== 'record'
            ? JSON.stringify({
                q1: {
                  position: ['Ann', 'Bob'].includes(request.speaker) ? 'park' : 'housing',
                  confidence: 0.7,
                  changedMind: false,
                  because: 'It serves the most people.',
                },
              })
            : reply(request, call),
        ],
        usage: {
          promptTokens: estimatePromptTokens(request.messages),
          completionTokens: request.maxTokens,
          estimated: false,
        },
      }));
    const settings = (budgetTokens?: number) =>
      fixtureSettings({
        turns: 30,
        closing: true,
        topicChangeEvery: 1000,
        stopWhen: 'consensus',
        consensusCheckEvery: 1,
        ...(budgetTokens === undefined ? {} : { budgetTokens }),
      });
    const spentBy = (events: readonly DiscussionEvent[]) => {
      const ended = ofType(events, 'discussion-ended')[0];
      return (ended?.usage.promptTokens ?? 0) + (ended?.usage.completionTokens ?? 0);
    };
    const free = await collect(runDiscussion({ table, settings: settings(), model: fake().model }));
    expect(ofType(free, 'consensus-check').length).toBeGreaterThan(20);
    for (const budgetTokens of tightBudgets(spentBy(free), 12).map(Math.round)) {
      const events = await collect(
        runDiscussion({ table, settings: settings(budgetTokens), model: fake().model }),
      );
      expect(spentBy(events), `budgetTokens ${budgetTokens}`).toBeLessThanOrEqual(
        budgetTokens + ONE_REPLY,
      );
      expect(ofType(events, 'budget')[0]?.why).toContain('with a consensus check)');
    }
  });
});
