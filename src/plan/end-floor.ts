// What a run's end costs at its worst, found the way `roundtable plan` finds everything: the real
// engine runs the table, told to wrap up before anything else (so only the closing phases run),
// against the stand-in model, every reply at its maxTokens and every prompt counted as the run
// counts it. That is the least budget a run can keep: the end always runs. A resumed run's end
// is planned from its recorded events, so only what is left of it is counted.
import { costOf, type Price } from '../cost/price.js';
import type { ContextBudget } from '../engine/budget-keeper.js';
import { DiscussionControls } from '../engine/controls.js';
import { runDiscussion } from '../engine/discussion.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { ModelRequest } from '../engine/model.js';
import type { EngineSettings, Table } from '../engine/table.js';
import { createTokenCounter, type TokenCounter } from '../tokens/counter.js';
import { fillerWords } from './filler.js';
import { createPlanningModel } from './planning-model.js';

export interface EndInput {
  /** The table with each seat's endpoint and model filled in, as the run would seat it. */
  readonly table: Table;
  readonly settings: EngineSettings;
  readonly budget?: ContextBudget | undefined;
  readonly counterFor?: ((model: string | undefined) => TokenCounter) | undefined;
  readonly priceOf: (endpoint: string | undefined, model: string | undefined) => Price | undefined;
  /** A resumed run's recorded events. */
  readonly events?: readonly DiscussionEvent[] | undefined;
}

export interface EndCost {
  readonly tokens: number;
  /** US dollars; requests of unknown price count 0 (budgetUsd refuses unknown prices). */
  readonly usd: number;
}

export async function planEnd(input: EndInput): Promise<EndCost> {
  const make = input.counterFor ?? createTokenCounter;
  const counters = new Map<string, TokenCounter>();
  const participantOf = (seat: number) => input.table.participants.find((p) => p.seat === seat);
  const counterFor = (request: ModelRequest): TokenCounter => {
    const participant = participantOf(request.seat);
    if (participant !== undefined && input.budget !== undefined) {
      return input.budget.counter(participant);
    }
    const key = `${request.endpoint ?? ''}\u0000${request.model ?? ''}`;
    let counter = counters.get(key);
    if (counter === undefined) {
      counter = make(request.model);
      counters.set(key, counter);
    }
    return counter;
  };
  let tokens = 0;
  let usd = 0;
  const model = createPlanningModel({
    counterFor,
    replyTokens: (request) => request.maxTokens,
    vocabulary: fillerWords(input.table.participants.map((p) => p.name)),
    onRequest: (request, usage) => {
      // Every reply at its maxTokens, a structured one too, whatever the stand-in said.
      const worst = { ...usage, completionTokens: request.maxTokens };
      tokens += worst.promptTokens + worst.completionTokens;
      usd += costOf(worst, input.priceOf(request.endpoint, request.model)) ?? 0;
    },
  });
  const controls = new DiscussionControls();
  controls.send({ type: 'wrap-up' });
  // No budget: nothing of the end is left out while it is planned.
  const { budgetTokens: _tokens, budgetUsd: _usd, ...settings } = input.settings;
  for await (const _event of runDiscussion({
    table: input.table,
    settings,
    model,
    controls,
    budget: input.budget,
    ...(input.events === undefined || input.events.length === 0
      ? {}
      : { resume: { events: input.events } }),
  })) {
    // Only the requests count.
  }
  return { tokens, usd };
}
