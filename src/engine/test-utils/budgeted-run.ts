// Discussions under a context budget, for the budget keeper's tests: replies that name nobody,
// with usage as a server would count it, and what a request lets a seat hear.
import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { createTokenCounter } from '../../tokens/counter.js';
import type { ContextBudget } from '../budget-keeper.js';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import type { ChatMessage, ModelRequest } from '../model.js';
import type { EngineSettings, Table } from '../table.js';
import { collect, FakeModel, type Script } from './fake-model.js';
import { fixtureSettings, numberedTable } from './fixture.js';

const WORDS =
  'the old freight line could carry trams while the bridges are repaired and the park grows around the stops so that people walk and cycle'.split(
    ' ',
  );

/** About 60 words, different on every call, never naming anyone. */
export function replyText(call: number): string {
  return Array.from({ length: 60 }, (_, k) => WORDS[(call * 5 + k * 3) % WORDS.length]).join(' ');
}

/** Replies like a server: usage as the library counts the request. */
export const talk: Script = (request, call) => ({
  chunks: [replyText(call)],
  usage: {
    promptTokens: gpt4o.countTokens(request.messages),
    completionTokens: 80,
    estimated: false,
  },
});

export function budget(contextTokens: number, options: Partial<ContextBudget> = {}): ContextBudget {
  const counter = createTokenCounter('gpt-4o');
  return {
    contextTokens: () => contextTokens,
    strategy: 'drop-oldest',
    counter: () => counter,
    ...options,
  };
}

export interface Run {
  readonly events: DiscussionEvent[];
  readonly fake: FakeModel;
}

export async function runBudgeted(
  script: Script,
  contextBudget: ContextBudget | undefined,
  settings: Partial<EngineSettings> = {},
  table: Table = numberedTable(4),
): Promise<Run> {
  const fake = new FakeModel(script);
  const events = await collect(
    runDiscussion({
      table,
      settings: fixtureSettings({ turns: 60, maxTokens: 100, ...settings }),
      model: fake.model,
      budget: contextBudget,
    }),
  );
  return { events, fake };
}

export const flat = (messages: readonly ChatMessage[]) =>
  messages.map((m) => m.content).join('\n\n');
/** The conversation part of a request: no system message, no moderator line a trim may add. */
export const heard = (request: ModelRequest) =>
  flat(request.messages.slice(1).filter((m) => m.content !== 'Moderator: The discussion so far.'));
