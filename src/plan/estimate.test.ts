import { describe, expect, it } from 'vitest';
import { createContextBudget } from '../engine/budget-option.js';
import { fixtureSettings, fixtureTable } from '../engine/test-utils/fixture.js';
import { MarkovCounter } from '../tokens/markov.js';
import { estimatePlan } from './estimate.js';

const free = () => ({ input: 0, output: 0 });
const counterFor = () => new MarkovCounter();

describe('estimatePlan', () => {
  it('counts the requests of every phase and ranges the tokens from short to maxTokens replies', async () => {
    const plan = await estimatePlan({
      table: fixtureTable,
      settings: fixtureSettings({ turns: 6 }),
      priceOf: free,
      counterFor,
    });
    expect(plan.phases.map((p) => [p.kind, p.requests.expected])).toEqual([
      ['discussion', 6],
      ['summary', 1],
    ]);
    expect(plan.total.requests).toEqual({ low: 7, expected: 7, high: 7 });
    const discussion = plan.phases[0];
    // Six replies of 40, 80 and maxTokens (200; Cy's own budget is 300) tokens.
    expect(discussion?.completionTokens.low).toBe(240);
    expect(discussion?.completionTokens.expected).toBe(480);
    expect(discussion?.completionTokens.high).toBeGreaterThanOrEqual(1200);
    expect(discussion?.completionTokens.high).toBeLessThanOrEqual(1800);
    const prompt = discussion?.promptTokens;
    expect(prompt?.low).toBeLessThan(prompt?.expected ?? 0);
    expect(prompt?.expected).toBeLessThan(prompt?.high ?? 0);
  });

  it('renders the first request of each phase as the run would send it', async () => {
    const plan = await estimatePlan({
      table: fixtureTable,
      settings: fixtureSettings({ turns: 3 }),
      priceOf: free,
      counterFor,
    });
    const [discussion, summary] = plan.phases;
    expect(discussion?.example?.purpose).toBe('turn');
    const speaker = fixtureTable.participants.find((p) => p.name === discussion?.example?.speaker);
    expect(discussion?.example?.messages[0]?.content).toContain(speaker?.prompt ?? '—');
    expect(discussion?.example?.messages.at(-1)?.content).toContain('turn 1 of 3');
    expect(summary?.example?.purpose).toBe('summary');
    // The summarizer hears the stand-in replies, which name nobody.
    const heard = summary?.example?.messages.map((m) => m.content).join('\n') ?? '';
    expect(heard).toMatch(/lorem|ipsum|dolor/);
    for (const p of fixtureTable.participants)
      expect(heard).not.toMatch(new RegExp(`@${p.name}\\b`));
  });

  it('prices each request at its seat’s model, and keeps unknown prices apart', async () => {
    const plan = await estimatePlan({
      table: fixtureTable,
      settings: fixtureSettings({ turns: 8 }),
      // Bob (planner-7b on endpoint local) has no price; everyone else pays $1/$2 per million.
      priceOf: (endpoint) => (endpoint === 'local' ? undefined : { input: 1, output: 2 }),
      counterFor,
    });
    const cost = plan.total.cost.expected;
    expect(cost.usd).toBeGreaterThan(0);
    expect(cost.unpricedTokens).toBeGreaterThan(0);
    expect(cost.pricedTokens + cost.unpricedTokens).toBe(
      plan.total.promptTokens.expected + plan.total.completionTokens.expected,
    );
    expect(plan.total.cost.low.usd).toBeLessThan(cost.usd);
    expect(plan.total.cost.high.usd).toBeGreaterThan(cost.usd);
  });

  it('follows the context windows the run would keep', async () => {
    const settings = fixtureSettings({ turns: 12 });
    const open = await estimatePlan({ table: fixtureTable, settings, priceOf: free, counterFor });
    const windows = new Map(fixtureTable.participants.map((p) => [p.seat, 900]));
    const budget = createContextBudget({ windows, strategy: 'drop-oldest', counterFor });
    const kept = await estimatePlan({
      table: fixtureTable,
      settings,
      budget,
      priceOf: free,
      counterFor,
    });
    expect(kept.total.promptTokens.high).toBeLessThan(open.total.promptTokens.high);
    // No request is planned above its window.
    expect(kept.total.promptTokens.high).toBeLessThanOrEqual(13 * 900);
  });

  it('counts a person’s turns as no requests and no cost', async () => {
    const participants = fixtureTable.participants.map((p) =>
      p.seat === 1 ? { ...p, human: true } : p,
    );
    const plan = await estimatePlan({
      table: { ...fixtureTable, participants },
      settings: fixtureSettings({ turns: 10 }),
      priceOf: () => ({ input: 1, output: 1 }),
      counterFor,
    });
    expect(plan.humanTurns).toBeGreaterThan(0);
    expect(plan.phases[0]?.requests.expected).toBe(10 - plan.humanTurns);
  });
});
