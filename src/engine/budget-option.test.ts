import { describe, expect, it } from 'vitest';
import { createContextBudget } from './budget-option.js';
import { fixtureParticipants } from './test-utils/fixture.js';

const [ann, bob, cy, dee] = fixtureParticipants;
if (ann === undefined || bob === undefined || cy === undefined || dee === undefined) {
  throw new Error('the fixture has four seats');
}

describe('createContextBudget', () => {
  it('gives no budget when no seat has a window', () => {
    expect(createContextBudget({ windows: new Map(), strategy: 'drop-oldest' })).toBeUndefined();
  });

  it('gives each listed seat its own window and leaves the others unbudgeted', () => {
    const budget = createContextBudget({
      windows: new Map([
        [1, 8192],
        [2, 4096],
      ]),
      strategy: 'summarize',
      lowWater: 0.6,
    });
    expect(budget?.strategy).toBe('summarize');
    expect(budget?.lowWater).toBe(0.6);
    expect([ann, bob, cy].map((p) => budget?.contextTokens(p))).toEqual([8192, 4096, undefined]);
  });

  it('counts with the tokenizer of the seat’s model, one counter per endpoint and model', () => {
    const budget = createContextBudget({
      windows: new Map([[1, 8192]]),
      strategy: 'drop-oldest',
    });
    const gpt = { ...ann, model: 'gpt-4o-mini', endpoint: 'openai' };
    const claude = { ...bob, model: 'claude-sonnet-4-5', endpoint: 'anthropic' };
    expect(budget?.counter(gpt).method).toBe('o200k_base');
    expect(budget?.counter(claude).method).toBe('estimate');
    expect(budget?.counter({ ...dee, model: 'gpt-4o-mini', endpoint: 'openai' })).toBe(
      budget?.counter(gpt),
    );
    expect(budget?.counter({ ...claude, endpoint: 'openrouter' })).not.toBe(
      budget?.counter(claude),
    );
  });
});
