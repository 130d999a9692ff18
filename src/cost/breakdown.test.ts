import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { costBreakdown } from './breakdown.js';
import { CostLedger } from './ledger.js';

const usage = { promptTokens: 1000, completionTokens: 100, estimated: false };
const started = (priced: boolean) =>
  ({
    type: 'discussion-started',
    seed: 1,
    settings: { turns: 4 },
    participants: [
      { seat: 1, name: 'Ann' },
      { seat: 2, name: 'Bob' },
    ],
    task: { context: '', instructions: '', questions: ['Q?'], summarize: '' },
    topic: { index: 0, text: 'Q?' },
    ...(priced ? { prices: [] } : {}),
  }) as unknown as DiscussionEvent;

const turn = (seat: number, cost: number | null): DiscussionEvent => ({
  type: 'turn-ended',
  turn: seat,
  seat,
  speaker: seat === 1 ? 'Ann' : 'Bob',
  text: 't',
  status: 'complete',
  usage,
  cost,
});

function ledgerOf(events: DiscussionEvent[]): CostLedger {
  const ledger = new CostLedger();
  for (const event of events) ledger.observe(event);
  return ledger;
}

describe('the cost per seat and per phase, in words', () => {
  it('names each seat and phase with its cost, unknown prices kept apart', () => {
    const ledger = ledgerOf([
      started(true),
      turn(2, 0.002),
      turn(1, 0.0035),
      {
        type: 'phase-started',
        phase: 1,
        kind: 'closing',
        title: 'Closing positions',
        parallel: true,
        seats: [1, 2],
      },
      turn(2, null),
    ]);
    expect(costBreakdown(ledger)).toEqual({
      perSeat: 'Ann $0.0035, Bob $0.002 + unknown',
      perPhase: 'Discussion $0.0055, Closing positions unknown',
    });
  });

  it('says nothing of a run that was not priced', () => {
    expect(costBreakdown(ledgerOf([started(false), turn(1, null)]))).toBeUndefined();
  });

  it('names the requests that chose the speakers for what they were: a moderator, or bids', () => {
    const bids: DiscussionEvent = {
      type: 'bids',
      turn: 1,
      bids: [
        { seat: 1, speaker: 'Ann', bid: 3 },
        { seat: 2, speaker: 'Bob', bid: 7 },
      ],
      usage,
      cost: 0.001,
    };
    const decision: DiscussionEvent = {
      type: 'moderator-decision',
      turn: 2,
      action: 'continue',
      next: 'Ann',
      reason: 'quiet so far',
      usage,
      cost: 0.004,
    };
    expect(costBreakdown(ledgerOf([started(true), bids, turn(2, 0.002)]))?.perSeat).toBe(
      'bids $0.001, Bob $0.002',
    );
    expect(costBreakdown(ledgerOf([started(true), decision]))?.perSeat).toBe('moderator $0.004');
    // A format whose phases choose speakers both ways pays for both on one line.
    expect(costBreakdown(ledgerOf([started(true), decision, bids]))?.perSeat).toBe(
      'moderator and bids $0.005',
    );
  });
});
