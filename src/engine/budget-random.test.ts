// planWindow over 150 random histories and windows, counted by the BPE counter: the window is
// never exceeded, what must be sent is kept, and the oldest entries go first.
import { describe, expect, it } from 'vitest';
import { fitWindow, planWindow, type WindowInput } from './budget.js';
import { entryMessage, type HistoryEntry, seatConversation } from './history.js';
import { createRandom, type Random } from './random.js';
import { counter, guidance, NAMES, sent, WORDS } from './test-utils/window-input.js';

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
