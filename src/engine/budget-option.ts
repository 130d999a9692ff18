// The engine's `budget` option from plain inputs, so the CLI only has to say each seat's window.
import { createTokenCounter, type TokenCounter } from '../tokens/counter.js';
import type { ContextBudget } from './budget-keeper.js';
import type { ContextStrategy } from './events.js';
import type { Participant } from './table.js';

export interface ContextBudgetOptions {
  /** Each seat's context window in tokens; a seat not listed is not budgeted. */
  readonly windows: ReadonlyMap<number, number>;
  readonly strategy: ContextStrategy;
  /** Share of the room a trim goes down to (default 0.7). */
  readonly lowWater?: number | undefined;
  /** How a model's counter is made; `createTokenCounter` unless a test says otherwise. */
  readonly counterFor?: ((model: string | undefined) => TokenCounter) | undefined;
}

/** Undefined when no seat has a window: the discussion then runs exactly as without budgets. */
export function createContextBudget(options: ContextBudgetOptions): ContextBudget | undefined {
  if (options.windows.size === 0) return undefined;
  const make = options.counterFor ?? createTokenCounter;
  // One counter per endpoint and model: an estimate's calibration belongs to the model whose
  // server reported the usage, and seats on the same model share what it learns.
  const counters = new Map<string, TokenCounter>();
  return {
    strategy: options.strategy,
    lowWater: options.lowWater,
    contextTokens: (participant: Participant) => options.windows.get(participant.seat),
    counter: (participant: Participant) => {
      const key = `${participant.endpoint ?? ''}\u0000${participant.model ?? ''}`;
      let counter = counters.get(key);
      if (counter === undefined) {
        counter = make(participant.model);
        counters.set(key, counter);
      }
      return counter;
    },
  };
}
