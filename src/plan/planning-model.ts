// The Model a dry run talks to: it answers every request at once, without a network, with a
// stand-in reply of the length the plan assumes, and reports the usage a server would.

import type { ContextBudget } from '../engine/budget-keeper.js';
import type { Model, ModelRequest, Usage } from '../engine/model.js';
import type { Table } from '../engine/table.js';
import { createTokenCounter, type TokenCounter } from '../tokens/counter.js';
import { fillerText } from './filler.js';
import { schemaInstance } from './schema-instance.js';

// TODO(issue-9 merge): ModelRequest.responseFormat lands with the phases; read it from there.
type Structured = ModelRequest & {
  readonly responseFormat?:
    | { readonly type: 'json_object' }
    | { readonly type: 'json_schema'; readonly schema: Readonly<Record<string, unknown>> }
    | undefined;
};

export interface PlanningModelOptions {
  /** How the request's model counts tokens. */
  readonly counterFor: (request: ModelRequest) => TokenCounter;
  /** How long the reply is assumed to be, in tokens (never more than the request's maxTokens). */
  readonly replyTokens: (request: ModelRequest) => number;
  /** Filler words (see `fillerWords`). */
  readonly vocabulary: readonly string[];
  /** Told of every request and the usage reported for it. */
  readonly onRequest?: ((request: ModelRequest, usage: Usage, reply: string) => void) | undefined;
}

export function createPlanningModel(options: PlanningModelOptions): Model {
  let requests = 0;
  return async function* planningModel(plain) {
    const request = plain as Structured;
    requests += 1;
    const counter = options.counterFor(request);
    const target = Math.max(0, Math.min(request.maxTokens, options.replyTokens(request)));
    const reply = replyFor(request, target, requests, counter, options.vocabulary);
    const usage: Usage = {
      promptTokens: counter.count(request.messages),
      completionTokens: request.responseFormat === undefined ? target : counter.countText(reply),
      estimated: true,
    };
    options.onRequest?.(request, usage, reply);
    yield { type: 'text', text: reply };
    yield { type: 'usage', usage };
  };
}

function replyFor(
  request: Structured,
  tokens: number,
  key: number,
  counter: TokenCounter,
  vocabulary: readonly string[],
): string {
  const format = request.responseFormat;
  if (format === undefined) return fillerText(tokens, key, counter, vocabulary);
  if (format.type === 'json_object') return '{}';
  // First find how many strings the answer has, then share the reply's length among them.
  let strings = 0;
  schemaInstance(format.schema, () => {
    strings += 1;
    return '';
  });
  const each = Math.max(1, Math.floor(tokens / Math.max(1, strings)) - 4);
  let n = 0;
  const answer = schemaInstance(format.schema, (maxLength) => {
    n += 1;
    const text = fillerText(each, key * 31 + n, counter, vocabulary);
    return maxLength === undefined ? text : text.slice(0, maxLength);
  });
  return JSON.stringify(answer);
}

/**
 * How each request's tokens are counted, as the run would count them: the seat's counter from the
 * context budget when there is one, else one counter per endpoint and model (the LLM moderator's
 * requests, seats without a window).
 */
export function requestCounters(
  table: Table,
  budget: ContextBudget | undefined,
  make: (model: string | undefined) => TokenCounter = createTokenCounter,
): (request: ModelRequest) => TokenCounter {
  const counters = new Map<string, TokenCounter>();
  return (request) => {
    const participant = table.participants.find((p) => p.seat === request.seat);
    if (participant !== undefined && budget !== undefined) return budget.counter(participant);
    const key = `${request.endpoint ?? ''}\u0000${request.model ?? ''}`;
    let counter = counters.get(key);
    if (counter === undefined) {
      counter = make(request.model);
      counters.set(key, counter);
    }
    return counter;
  };
}
