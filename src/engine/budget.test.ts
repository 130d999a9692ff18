import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import { createTokenCounter } from '../tokens/counter.js';
import { EstimateCounter } from '../tokens/estimate.js';
import {
  fitWindow,
  planWindow,
  promptLimit,
  summaryMessage,
  type WindowInput,
  windowConversation,
} from './budget.js';
import { entryMessage, type HistoryEntry, seatConversation } from './history.js';
import type { ChatMessage } from './model.js';
import { createRandom, type Random } from './random.js';
import { assemble } from './request.js';

const WORDS = [
  'the',
  'railway',
  'should',
  'become',
  'a',
  'park,',
  'housing',
  'or',
  'tram',
  'line.',
  'Cost',
  'per',
  'metre',
  'is',
  '1,250',
  'euros;',
  'bridges',
  'need',
  'work',
  '—',
  'über',
  'naïve',
  '🚋',
];
const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];
const counter = createTokenCounter('gpt-4o');

function words(random: Random, min: number, max: number): string {
  const n = min + random.int(max - min + 1);
  return Array.from({ length: n }, () => random.pick(WORDS)).join(' ');
}

function history(random: Random, length: number): HistoryEntry[] {
  return Array.from({ length }, (_, i): HistoryEntry => {
    if (i === 0 || random.chance(0.1)) return { kind: 'moderator', text: words(random, 3, 20) };
    const seat = 1 + random.int(4);
    return { kind: 'turn', seat, speaker: NAMES[seat - 1] ?? '?', text: words(random, 5, 120) };
  });
}

const guidance = (name: string) =>
  `Moderator: ${name}, the floor is yours (turn 9 of 20).\nTopic: Who should pay for it?\nSpeak only for yourself.`;

/** The request as it will be sent, counted by the library itself. */
function sent(input: WindowInput, conversation: readonly ChatMessage[]) {
  const messages = assemble(input.system, conversation, input.last);
  return { messages, tokens: gpt4o.countTokens(messages) };
}

describe('planWindow with the BPE counter, over random histories and windows', () => {
  it('never exceeds the window, keeps system, latest entry and guidance, and drops oldest first', () => {
    let trims = 0;
    let overflows = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const random = createRandom(seed);
      const entries = history(random, 1 + random.int(60));
      const seat = 1 + random.int(4);
      const latest = entries.length - 1;
      const input: WindowInput = {
        system: words(random, 10, 200),
        entries,
        seat,
        from: random.int(entries.length),
        last: guidance(NAMES[seat - 1] ?? '?'),
        contextTokens: 150 + random.int(3000),
        maxTokens: 10 + random.int(300),
        lowWater: random.pick([0.5, 0.7, 1]),
        counter,
      };
      const before = sent(input, seatConversation(entries.slice(input.from), seat));
      const plan = planWindow(input);
      const fitted = fitWindow(input, plan.from, undefined);
      const { messages, tokens } = sent(input, fitted.conversation);
      const limit = input.contextTokens - input.maxTokens;

      expect(fitted.from).toBe(plan.from);
      expect(fitted.promptTokens).toBe(tokens);
      if (fitted.overflow) {
        overflows += 1;
        expect(fitted.from).toBe(latest);
        expect(tokens).toBeGreaterThan(limit);
      } else {
        expect(tokens + input.maxTokens).toBeLessThanOrEqual(input.contextTokens);
      }
      expect(messages[0]).toEqual({ role: 'system', content: input.system });
      expect(messages.at(-1)?.content.endsWith(input.last)).toBe(true);
      const heard = entryMessage(entries[latest] as HistoryEntry, seat).content;
      expect(messages.slice(-2).some((m) => m.content.includes(heard))).toBe(true);
      // What is kept is the seat's own view of the newest entries: only the oldest went.
      expect(fitted.conversation).toEqual(seatConversation(entries.slice(fitted.from), seat));
      expect(fitted.from).toBeGreaterThanOrEqual(input.from);

      if (before.tokens <= limit) {
        expect(plan.dropped).toBe(0);
      } else if (plan.dropped > 0) {
        trims += 1;
        // Hysteresis: down to the low-water mark, and not one entry further.
        const target = Math.floor((input.lowWater ?? 0) * limit);
        if (fitted.from < latest) expect(tokens).toBeLessThanOrEqual(target);
        const oneMore = sent(input, seatConversation(entries.slice(fitted.from - 1), seat));
        if (fitted.from - 1 >= input.from) expect(oneMore.tokens).toBeGreaterThan(target);
      }
    }
    // The random cases cover all three outcomes.
    expect(trims).toBeGreaterThan(20);
    expect(overflows).toBeGreaterThan(0);
  });
});

describe('planWindow', () => {
  const turn = (seat: number, text: string): HistoryEntry => ({
    kind: 'turn',
    seat,
    speaker: NAMES[seat - 1] ?? '?',
    text,
  });
  const reply = (i: number) =>
    `Reply ${i}: ${Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ')}`;

  /** A discussion growing turn by turn; returns seat 1's requests and where its window began. */
  function grow(lowWater: number, turns: number) {
    const entries: HistoryEntry[] = [{ kind: 'moderator', text: 'Our first topic: the railway.' }];
    let from = 0;
    const requests: { from: number; trimmed: boolean; conversation: ChatMessage[] }[] = [];
    for (let i = 1; i <= turns; i++) {
      entries.push(turn(1 + (i % 4), reply(i)));
      if (i % 4 !== 3) continue; // seat 1 answers every fourth turn
      const input: WindowInput = {
        system: 'You are Ann Lee, a structural engineer.',
        entries,
        seat: 1,
        from,
        last: guidance('Ann'),
        contextTokens: 4000,
        maxTokens: 200,
        lowWater,
        counter,
      };
      const plan = planWindow(input);
      const fitted = fitWindow(input, plan.from, undefined);
      const tokens = sent(input, fitted.conversation).tokens;
      expect(tokens).toBeLessThanOrEqual(3800);
      if (plan.dropped > 0) expect(tokens).toBeLessThanOrEqual(Math.floor(lowWater * 3800));
      requests.push({
        from: fitted.from,
        trimmed: plan.dropped > 0,
        conversation: fitted.conversation,
      });
      from = fitted.from;
      entries.push(turn(1, `Ann's answer ${i}.`));
    }
    return requests;
  }

  it('with hysteresis, requests between trims extend the previous one (a stable prefix)', () => {
    const requests = grow(0.7, 240);
    const trims = requests.filter((r) => r.trimmed).length;
    expect(trims).toBeGreaterThan(2);
    for (let i = 1; i < requests.length; i++) {
      const [previous, current] = [requests[i - 1], requests[i]];
      if (previous === undefined || current === undefined || current.trimmed) continue;
      expect(current.from).toBe(previous.from);
      const flat = (c: readonly ChatMessage[]) =>
        c.map((m) => `${m.role}\u0000${m.content}`).join('\u0001');
      expect(flat(current.conversation).startsWith(flat(previous.conversation))).toBe(true);
    }
  });

  it('trims far less often than trimming one turn at a time, and never twice in a row', () => {
    const hysteresis = grow(0.7, 240);
    const eager = grow(1, 240);
    const firstTrim = eager.findIndex((r) => r.trimmed);
    // Once full, the eager window trims at every request; the low-water mark leaves room.
    expect(eager.slice(firstTrim).every((r) => r.trimmed)).toBe(true);
    const trims = hysteresis.filter((r) => r.trimmed).length;
    expect(trims * 3).toBeLessThan(eager.slice(firstTrim).length);
    for (let i = 1; i < hysteresis.length; i++) {
      expect(hysteresis[i]?.trimmed && hysteresis[i - 1]?.trimmed).toBe(false);
    }
  });

  it('sends system, latest entry and guidance even when they alone overflow, and says so', () => {
    const entries: HistoryEntry[] = [
      { kind: 'moderator', text: 'Our first topic: the railway.' },
      turn(2, reply(1)),
      turn(3, reply(2)),
    ];
    const input: WindowInput = {
      system: reply(9).repeat(20),
      entries,
      seat: 1,
      from: 0,
      last: guidance('Ann'),
      contextTokens: 500,
      maxTokens: 100,
      counter,
    };
    const plan = planWindow(input);
    expect(plan).toMatchObject({ from: 2, dropped: 2, overflow: true });
    const fitted = fitWindow(input, plan.from, undefined);
    expect(fitted.overflow).toBe(true);
    expect(fitted.conversation).toEqual([{ role: 'user', content: `Cy: ${reply(2)}` }]);
  });

  it('keeps a share of the window free when it can only estimate', () => {
    const estimate = new EstimateCounter();
    expect(promptLimit(4096, 200, true)).toBe(3896);
    expect(promptLimit(4096, 200, false)).toBe(4096 - 200 - 205);
    const entries: HistoryEntry[] = Array.from({ length: 40 }, (_, i) =>
      turn(1 + (i % 3), reply(i)),
    );
    const input: WindowInput = {
      system: 'You are Dee.',
      entries,
      seat: 4,
      from: 0,
      last: guidance('Dee'),
      contextTokens: 1500,
      maxTokens: 100,
      lowWater: 1,
      counter: estimate,
    };
    const plan = planWindow(input);
    expect(plan.dropped).toBeGreaterThan(0);
    expect(plan.promptTokens).toBeLessThanOrEqual(1500 - 100 - 75);
    expect(plan.promptTokens).toBe(
      estimate.count(
        assemble(input.system, windowConversation(entries, 4, plan.from, undefined), input.last),
      ),
    );
  });

  it('reserves room for a summary still to be written, and leaves the old one out of the count', () => {
    const entries: HistoryEntry[] = Array.from({ length: 30 }, (_, i) =>
      turn(1 + (i % 3), reply(i)),
    );
    const base: WindowInput = {
      system: 'You are Dee.',
      entries,
      seat: 4,
      from: 5,
      summary: 'Ann wants numbers; Bob doubts parks.',
      last: guidance('Dee'),
      contextTokens: 1200,
      maxTokens: 100,
      lowWater: 0.7,
      counter,
    };
    const plain = planWindow(base);
    const reserved = planWindow({ ...base, summaryReserve: 150 });
    expect(reserved.from).toBeGreaterThan(plain.from);
    expect(reserved.promptTokens + 150).toBeLessThanOrEqual(Math.floor(0.7 * 1100));
    const withSummary = fitWindow(base, reserved.from, 'Ann wants numbers.');
    expect(withSummary.summary).toBe('Ann wants numbers.');
    expect(
      withSummary.conversation[0]?.content.startsWith(
        `${summaryMessage('Ann wants numbers.').content}\n\n${entryMessage(entries[reserved.from] as HistoryEntry, 4).content}\n\n`,
      ),
    ).toBe(true);
  });

  it('drops more turns, then the summary itself, when a summary comes out too long', () => {
    const entries: HistoryEntry[] = Array.from({ length: 12 }, (_, i) =>
      turn(1 + (i % 3), reply(i)),
    );
    const input: WindowInput = {
      system: 'You are Dee.',
      entries,
      seat: 4,
      from: 0,
      last: guidance('Dee'),
      contextTokens: 1000,
      maxTokens: 100,
      counter,
    };
    const long = reply(1).repeat(6);
    const some = fitWindow(input, 6, long);
    expect(some.summary).toBe(long);
    expect(some.from).toBeGreaterThan(6);
    expect(some.promptTokens).toBeLessThanOrEqual(900);
    const huge = fitWindow(input, 6, long.repeat(10));
    expect(huge.summary).toBeUndefined();
    expect(huge.from).toBe(6);
    expect(huge.overflow).toBe(false);
  });
});
