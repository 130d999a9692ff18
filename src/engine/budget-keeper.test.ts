import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import { createTokenCounter, type TokenCounter } from '../tokens/counter.js';
import { EstimateCounter } from '../tokens/estimate.js';
import type { ContextBudget } from './budget-keeper.js';
import { CONTEXT_SUMMARY_TEMPERATURE, summaryTokensFor } from './budget-summary.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent, EventOf } from './events.js';
import { type ChatMessage, ModelError, type ModelRequest } from './model.js';
import { systemMessage } from './request.js';
import type { EngineSettings, Table } from './table.js';
import { collect, FakeModel, ofType, type Script } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable, numberedTable } from './test-utils/fixture.js';
import { addUsage } from './usage.js';

const WORDS =
  'the old freight line could carry trams while the bridges are repaired and the park grows around the stops so that people walk and cycle'.split(
    ' ',
  );

/** About 60 words, different on every call, never naming anyone. */
function replyText(call: number): string {
  return Array.from({ length: 60 }, (_, k) => WORDS[(call * 5 + k * 3) % WORDS.length]).join(' ');
}

/** Replies like a server: usage as the library counts the request. */
const talk: Script = (request, call) => ({
  chunks: [replyText(call)],
  usage: {
    promptTokens: gpt4o.countTokens(request.messages),
    completionTokens: 80,
    estimated: false,
  },
});

function budget(contextTokens: number, options: Partial<ContextBudget> = {}): ContextBudget {
  const counter = createTokenCounter('gpt-4o');
  return {
    contextTokens: () => contextTokens,
    strategy: 'drop-oldest',
    counter: () => counter,
    ...options,
  };
}

interface Run {
  readonly events: DiscussionEvent[];
  readonly fake: FakeModel;
}

async function run(
  script: Script,
  contextBudget: ContextBudget | undefined,
  settings: Partial<EngineSettings> = {},
  table: Table = numberedTable(4),
): Promise<Run> {
  const fake = new FakeModel(script);
  const events = await collect(
    runDiscussion({
      table,
      settings: fixtureSettings({ turns: 60, maxTokens: 100, ...settings }),
      model: fake.model,
      budget: contextBudget,
    }),
  );
  return { events, fake };
}

const flat = (messages: readonly ChatMessage[]) => messages.map((m) => m.content).join('\n\n');
/** The conversation part of a request: no system message, no moderator line a trim may add. */
const heard = (request: ModelRequest) =>
  flat(request.messages.slice(1).filter((m) => m.content !== 'Moderator: The discussion so far.'));

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

  it('summarizes what a seat no longer hears, in a quiet request of its own', async () => {
    const script: Script = (request, call) =>
      request.purpose === 'context-summary'
        ? {
            chunks: [`NOTES-${call}`],
            usage: { promptTokens: 300, completionTokens: 7, estimated: false },
          }
        : talk(request, call);
    const { events, fake } = await run(script, budget(900, { strategy: 'summarize' }));
    const summaries = fake.requests.filter((r) => r.purpose === 'context-summary');
    const trims = ofType(events, 'context-trimmed');
    expect(summaries.length).toBeGreaterThan(4);
    expect(trims.length).toBe(summaries.length);

    for (const [i, trim] of trims.entries()) {
      const request = summaries[i] as ModelRequest;
      const call = fake.requests.indexOf(request);
      expect(request).toMatchObject({
        seat: trim.seat,
        speaker: trim.speaker,
        temperature: CONTEXT_SUMMARY_TEMPERATURE,
        maxTokens: summaryTokensFor(900),
      });
      expect(gpt4o.countTokens(request.messages) + request.maxTokens).toBeLessThanOrEqual(900);
      expect(trim).toMatchObject({
        summarized: true,
        summary: `NOTES-${call}`,
        summaryUsage: { promptTokens: 300, completionTokens: 7, estimated: false },
      });
      // Incremental: the seat's previous notes go into the next summary request.
      const before = trims
        .slice(0, i)
        .filter((t) => t.seat === trim.seat)
        .at(-1);
      const asked = request.messages[1]?.content ?? '';
      if (before === undefined) expect(asked.startsWith('Turns to add:')).toBe(true);
      else expect(asked.startsWith(`Notes so far:\n${before.summary}\n\nTurns to add:`)).toBe(true);
      // The turn request that follows carries the summary right after the system message.
      const next = fake.request(call + 1);
      expect(next.seat).toBe(trim.seat);
      expect(
        next.messages[1]?.content.startsWith(
          `Moderator: Summary of the earlier discussion: NOTES-${call}`,
        ),
      ).toBe(true);
      expect(gpt4o.countTokens(next.messages) + next.maxTokens).toBeLessThanOrEqual(900);
      // Nobody else ever hears a seat's notes.
      for (const other of fake.requests.filter((r) => r.seat !== trim.seat)) {
        expect(flat(other.messages)).not.toContain(`NOTES-${call}`);
      }
    }
    // A seat's first summary request holds the turns it just lost, oldest first.
    const first = trims[0] as EventOf<'context-trimmed'>;
    expect(summaries[0]?.messages[1]?.content).toContain('Moderator: Welcome to the table');

    const ended = ofType(events, 'discussion-ended')[0];
    let total = { promptTokens: 0, completionTokens: 0, estimated: false };
    for (const e of ofType(events, 'turn-ended')) total = addUsage(total, e.usage);
    for (const e of ofType(events, 'summary')) total = addUsage(total, e.usage);
    for (const t of trims) if (t.summaryUsage) total = addUsage(total, t.summaryUsage);
    expect(ended?.usage).toEqual(total);
    expect(first.keptFrom).toBeGreaterThan(0);
  });

  it('drops the turns all the same when the summary request fails, and says why', async () => {
    const script: Script = (request, call) =>
      request.purpose === 'context-summary'
        ? { error: new ModelError('server', 'HTTP 500 from the endpoint', false) }
        : talk(request, call);
    const { events, fake } = await run(script, budget(900, { strategy: 'summarize' }), {
      turns: 30,
    });
    const trims = ofType(events, 'context-trimmed');
    expect(trims.length).toBeGreaterThan(0);
    for (const trim of trims) {
      expect(trim).toMatchObject({
        summarized: false,
        summaryError: 'server: HTTP 500 from the endpoint',
      });
      expect(trim.summary).toBeUndefined();
    }
    expect(ofType(events, 'error')).toEqual([]);
    expect(ofType(events, 'turn-ended').every((e) => e.status === 'complete')).toBe(true);
    for (const request of fake.requests.filter((r) => r.purpose !== 'context-summary')) {
      expect(gpt4o.countTokens(request.messages) + request.maxTokens).toBeLessThanOrEqual(900);
      expect(flat(request.messages)).not.toContain('Summary of the earlier discussion');
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
