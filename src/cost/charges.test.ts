import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { ChargeReader } from './charges.js';

const tokensOf = (events: readonly DiscussionEvent[]) => {
  const reader = new ChargeReader();
  return events.reduce((sum, event) => sum + (reader.read(event)?.usage.promptTokens ?? 0), 0);
};

const endUsage = (events: readonly DiscussionEvent[]) => {
  const end = events.at(-1);
  if (end?.type !== 'discussion-ended') throw new Error('fixture');
  return end.usage.promptTokens;
};

describe('ChargeReader', () => {
  it('bills the summary that ends with its summary event alone (the summary phase)', () => {
    const events = syntheticRun();
    const summaryTurn = 7;
    const phased = events.filter((e) => !(e.type === 'turn-ended' && e.turn === summaryTurn));
    expect(phased.some((e) => e.type === 'summary')).toBe(true);
    expect(tokensOf(phased)).toBe(endUsage(events));
  });

  it('bills an older summary, ended by turn-ended and then a summary event, once', () => {
    const events = syntheticRun();
    expect(events.filter((e) => e.type === 'summary')).toHaveLength(1);
    expect(tokensOf(events)).toBe(endUsage(events));
  });

  it('bills the moderator, the bids, a context summary and a repair to their seats', () => {
    const usage = { promptTokens: 3, completionTokens: 1, estimated: false };
    const reader = new ChargeReader();
    const seats = (
      [
        { type: 'moderator-decision', turn: 1, action: 'continue', usage, cost: 0.5 },
        { type: 'bids', turn: 1, bids: [], usage },
        { type: 'context-trimmed', turn: 2, seat: 2, speaker: 'Bob', summaryUsage: usage },
        { type: 'positions', seat: 3, speaker: 'Cy', repairUsage: usage, repairCost: null },
        { type: 'positions', seat: 3, speaker: 'Cy' },
      ] as unknown as DiscussionEvent[]
    ).map((e) => {
      const charge = reader.read(e);
      return charge && `${charge.seat}:${charge.cost}`;
    });
    expect(seats).toEqual(['0:0.5', '0:undefined', '2:undefined', '3:null', undefined]);
  });
});
