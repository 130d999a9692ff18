// A context budget (drop-oldest) in whole discussions: requests kept within the window, the
// oldest turns dropped and recorded, counters calibrated, overflows recorded, human seats exempt.
import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import { createTokenCounter, type TokenCounter } from '../tokens/counter.js';
import { EstimateCounter } from '../tokens/estimate.js';
import type { DiscussionEvent } from './events.js';
import { systemMessage } from './request.js';
import type { Table } from './table.js';
import { budget, heard, replyText, runBudgeted as run, talk } from './test-utils/budgeted-run.js';
import { ofType, type Script } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable, numberedTable } from './test-utils/fixture.js';

describe('a discussion with a context budget', () => {
  it('changes nothing while the window is never full', async () => {
    const plain = await run(talk, undefined, { turns: 12 }, fixtureTable);
    const roomy = await run(talk, budget(1_000_000), { turns: 12 }, fixtureTable);
    const unbudgeted = await run(
      talk,
      budget(200, { contextTokens: () => undefined }),
      { turns: 12 },
      fixtureTable,
    );
    expect(roomy.fake.requests).toEqual(plain.fake.requests);
    expect(roomy.events).toEqual(plain.events);
    expect(unbudgeted.fake.requests).toEqual(plain.fake.requests);
    expect(unbudgeted.events).toEqual(plain.events);
  });

  it('keeps every request within the window, dropping the oldest turns, and records it', async () => {
    const full = await run(talk, undefined);
    const { events, fake } = await run(talk, budget(900));
    const table = numberedTable(4);
    const settings = fixtureSettings({ turns: 60, maxTokens: 100 });
    const trims = ofType(events, 'context-trimmed');
    expect(trims.length).toBeGreaterThan(10);
    // The same replies, so the same discussion: only what each seat is sent differs.
    const said = (all: readonly DiscussionEvent[]) =>
      ofType(all, 'turn-ended').map(({ turn, seat, text, status }) => ({
        turn,
        seat,
        text,
        status,
      }));
    expect(said(events)).toEqual(said(full.events));

    const ended = ofType(events, 'turn-ended');
    fake.requests.forEach((request, call) => {
      expect(gpt4o.countTokens(request.messages) + request.maxTokens).toBeLessThanOrEqual(900);
      const participant = table.participants.find((p) => p.seat === request.seat);
      if (participant === undefined) throw new Error('no seat');
      expect(request.messages[0]).toEqual({
        role: 'system',
        content: systemMessage(table, settings, participant),
      });
      // Only the oldest part went: what the seat hears is the end of the whole history.
      const whole = full.fake.request(call);
      expect(heard(whole).endsWith(heard(request))).toBe(true);
      // The turn being answered survives, and the guidance (or summary instruction) is last.
      const previous = ended[call - 1];
      if (previous !== undefined) expect(heard(request)).toContain(previous.text);
      const last = request.messages.at(-1)?.content ?? '';
      expect(last).toContain(
        call < 60 ? `the floor is yours (turn ${call + 1} of 60` : 'Summarize.',
      );
      expect(whole.messages.at(-1)?.content.endsWith(last)).toBe(true);
    });

    // Each trim belongs to its turn, comes before any of the reply, and adds up.
    for (const trim of trims) {
      const at = events.indexOf(trim);
      const started = events[at - 1];
      expect(started).toMatchObject({ type: 'turn-started', turn: trim.turn, seat: trim.seat });
      expect(trim).toMatchObject({
        speaker: `P${trim.seat}`,
        contextTokens: 900,
        maxTokens: 100,
        counter: 'o200k_base',
        strategy: 'drop-oldest',
        summarized: false,
        overflow: false,
      });
      expect(trim.droppedEntries).toBeGreaterThan(0);
      expect(trim.droppedTokens).toBeGreaterThan(0);
      expect(trim.promptTokens).toBeLessThanOrEqual(Math.floor(0.7 * 800));
    }
    for (const seat of [1, 2, 3, 4]) {
      const mine = trims.filter((t) => t.seat === seat);
      const dropped = mine.reduce((sum, t) => sum + t.droppedEntries, 0);
      expect(dropped).toBe(mine.at(-1)?.keptFrom ?? 0);
    }
  });

  it('calibrates an estimating counter from the usage servers report', async () => {
    // A model whose tokenizer this package does not know: 2.5 characters a token, say.
    const counter = new EstimateCounter();
    const reported: Script = (request, call) => {
      const chars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
      const promptTokens = Math.ceil(chars / 2.5) + 3 + 4 * request.messages.length;
      return {
        chunks: [replyText(call)],
        usage: { promptTokens, completionTokens: 80, estimated: false },
      };
    };
    const { events } = await run(reported, budget(1500, { counter: () => counter }), { turns: 30 });
    expect(counter.charsPerToken).toBeCloseTo(2.5, 1);
    const trims = ofType(events, 'context-trimmed');
    expect(trims.length).toBeGreaterThan(0);
    expect(trims.every((t) => t.counter === 'estimate')).toBe(true);

    const silent = new EstimateCounter();
    await run((_, call) => replyText(call), budget(1500, { counter: () => silent }), { turns: 12 });
    // Estimated usage teaches nothing.
    expect(silent.charsPerToken).toBe(4);
  });

  it('records an overflow when system, latest turn and guidance alone do not fit', async () => {
    const base = numberedTable(2);
    const table: Table = {
      ...base,
      participants: base.participants.map((p) =>
        p.seat === 1 ? { ...p, prompt: replyText(1).repeat(6) } : p,
      ),
    };
    const { events, fake } = await run(talk, budget(500), { turns: 4, summary: false }, table);
    const overflows = ofType(events, 'context-trimmed').filter((t) => t.overflow);
    expect(overflows.length).toBeGreaterThan(0);
    for (const trim of overflows) {
      expect(trim.seat).toBe(1);
      expect(trim.promptTokens + trim.maxTokens).toBeGreaterThan(500);
    }
    // The requests went out regardless, system message whole.
    expect(
      fake.requests
        .filter((r) => r.seat === 1)
        .every((r) => r.messages[0]?.content.includes(replyText(1))),
    ).toBe(true);
  });

  it('never budgets a human seat', async () => {
    const base = numberedTable(3);
    const table: Table = {
      ...base,
      participants: base.participants.map((p) => (p.seat === 2 ? { ...p, human: true } : p)),
    };
    const counted: TokenCounter[] = [];
    const { events, fake } = await run(
      talk,
      budget(700, {
        counter: (p) => {
          const counter = createTokenCounter('gpt-4o');
          if (p.human === true) counted.push(counter);
          return counter;
        },
      }),
      { turns: 30 },
      table,
    );
    expect(ofType(events, 'context-trimmed').some((t) => t.seat === 2)).toBe(false);
    expect(ofType(events, 'context-trimmed').length).toBeGreaterThan(0);
    expect(counted).toEqual([]);
    const human = fake.requests.filter((r) => r.seat === 2).at(-1);
    expect(human?.messages[1]?.content.startsWith('Moderator: Welcome to the table')).toBe(true);
  });
});
