import { describe, expect, it } from 'vitest';
import { EstimateCounter } from '../tokens/estimate.js';
import {
  fitWindow,
  planWindow,
  promptLimit,
  summaryMessage,
  type WindowInput,
  windowConversation,
} from './budget.js';
import { entryMessage, type HistoryEntry } from './history.js';
import type { ChatMessage } from './model.js';
import { assemble } from './request.js';
import { counter, guidance, NAMES, sent, WORDS } from './test-utils/window-input.js';

describe('planWindow', () => {
  const turn = (seat: number, text: string): HistoryEntry => ({
    kind: 'turn',
    seat,
    speaker: NAMES[seat - 1] ?? '?',
    text,
  });
  const reply = (i: number) =>
    `Reply ${i}: ${Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ')}`;

  /** Dee (seat 4) after `length` turns of the three others, with 100 tokens to reply in. */
  const deeHearing = (length: number, window: Partial<WindowInput>): WindowInput => ({
    system: 'You are Dee.',
    entries: Array.from({ length }, (_, i) => turn(1 + (i % 3), reply(i))),
    seat: 4,
    from: 0,
    last: guidance('Dee'),
    contextTokens: 1000,
    maxTokens: 100,
    counter,
    ...window,
  });

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
    const input = deeHearing(40, { contextTokens: 1500, lowWater: 1, counter: estimate });
    const plan = planWindow(input);
    expect(plan.dropped).toBeGreaterThan(0);
    expect(plan.promptTokens).toBeLessThanOrEqual(1500 - 100 - 75);
    const conversation = windowConversation(input.entries, 4, plan.from, undefined);
    expect(plan.promptTokens).toBe(
      estimate.count(assemble(input.system, conversation, input.last)),
    );
  });

  it('reserves room for a summary still to be written, and leaves the old one out of the count', () => {
    const base = deeHearing(30, {
      from: 5,
      summary: 'Ann wants numbers; Bob doubts parks.',
      contextTokens: 1200,
      lowWater: 0.7,
    });
    const plain = planWindow(base);
    const reserved = planWindow({ ...base, summaryReserve: 150 });
    expect(reserved.from).toBeGreaterThan(plain.from);
    expect(reserved.promptTokens + 150).toBeLessThanOrEqual(Math.floor(0.7 * 1100));
    const withSummary = fitWindow(base, reserved.from, 'Ann wants numbers.');
    expect(withSummary.summary).toBe('Ann wants numbers.');
    expect(
      withSummary.conversation[0]?.content.startsWith(
        `${summaryMessage('Ann wants numbers.').content}\n\n${entryMessage(base.entries[reserved.from] as HistoryEntry, 4).content}\n\n`,
      ),
    ).toBe(true);
  });

  it('drops more turns, then the summary itself, when a summary comes out too long', () => {
    const input = deeHearing(12, { contextTokens: 1000 });
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
