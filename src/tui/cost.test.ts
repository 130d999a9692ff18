import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { costAfter, costPart, type TuiCost } from './cost.js';

const usage = { promptTokens: 1000, completionTokens: 100, estimated: false };
const started = {
  type: 'discussion-started',
  seed: 1,
  settings: { turns: 4 },
  participants: [
    { seat: 1, name: 'Ann', endpoint: 'openai', model: 'gpt-4o' },
    { seat: 2, name: 'Bob', endpoint: 'proxy', model: 'x' },
  ],
  task: { context: '', instructions: '', questions: ['Q?'], summarize: '' },
  topic: { index: 0, text: 'Q?' },
  prices: [
    { endpoint: 'openai', model: 'gpt-4o', source: 'library', price: { input: 2.5, output: 10 } },
    { endpoint: 'proxy', model: 'x', source: 'unknown', price: null },
  ],
} as unknown as DiscussionEvent;

function fold(events: DiscussionEvent[]): TuiCost | undefined {
  return events.reduce<TuiCost | undefined>(costAfter, undefined);
}

describe('the cost in the status line', () => {
  it('is left out when every seat is free (the offline model, a local server): "$0" is noise', () => {
    const free = {
      ...started,
      prices: [
        { endpoint: 'openai', model: 'gpt-4o', source: 'local', price: { input: 0, output: 0 } },
        { endpoint: 'proxy', model: 'x', source: 'local', price: { input: 0, output: 0 } },
      ],
    } as DiscussionEvent;
    const cost = fold([
      free,
      {
        type: 'turn-ended',
        turn: 1,
        seat: 1,
        speaker: 'Ann',
        text: 't',
        status: 'complete',
        usage,
        cost: 0,
      },
    ]);
    expect(cost).toBeUndefined();
    expect(costPart(cost, [{ seat: 1, text: 'Streaming now' }])).toBeUndefined();
  });

  it('adds the stamped costs, per seat and phase, and the reply streaming now at its price', () => {
    const cost = fold([
      started,
      {
        type: 'phase-started',
        phase: 0,
        kind: 'discussion',
        title: 'Discussion',
        parallel: false,
        seats: [1, 2],
      },
      {
        type: 'turn-ended',
        turn: 1,
        seat: 1,
        speaker: 'Ann',
        text: 't',
        status: 'complete',
        usage,
        cost: 0.0035,
      },
    ]);
    expect(costPart(cost, [])).toBe('$0.0035 (Discussion $0.0035)');
    // 40 characters ≈ 10 tokens at $10 per million while Ann speaks.
    expect(costPart(cost, [{ seat: 1, text: 'x'.repeat(40) }])).toBe(
      '~$0.0036 (Discussion $0.0035, Ann $0.0035)',
    );
    // Bob's price is unknown: never $0.
    expect(costPart(cost, [{ seat: 2, text: 'hello' }])).toBe(
      '$0.0035 + unknown (Discussion $0.0035, Bob unknown)',
    );
    const after = costAfter(cost, {
      type: 'turn-ended',
      turn: 2,
      seat: 2,
      speaker: 'Bob',
      text: 't',
      status: 'complete',
      usage,
      cost: null,
    });
    expect(costPart(after, [])).toBe('$0.0035 + unknown (Discussion $0.0035 + unknown)');
  });

  it('says nothing for a run that is not priced', () => {
    const unpriced = { ...(started as object), prices: undefined } as unknown as DiscussionEvent;
    expect(costPart(fold([unpriced]), [])).toBeUndefined();
  });
});
