// Discussions for the resume tests: replies that are a function of the request alone, settings
// that exercise every schedule, and a run that sends planned moderator commands.
import type { Command } from '../commands.js';
import { DiscussionControls } from '../controls.js';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import { ModelError, type ModelRequest } from '../model.js';
import type { EngineSettings } from '../table.js';
import { FakeModel, type Script } from './fake-model.js';
import { fixtureSettings, fixtureTable } from './fixture.js';

// Replies are a function of the request alone, so a resumed engine that asks the same
// questions gets the same answers whatever order or call count it asks them in.
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];

/** A mix of every kind of reply: mentions, passes, cuts, retries, failures. */
export const variedScript: Script = (request) => {
  const h = hash(JSON.stringify(request.messages));
  if (request.purpose === 'summary') return `${request.speaker} sums up: we agreed on ${h % 89}.`;
  switch (h % 7) {
    case 0:
      return { error: new ModelError('server', 'HTTP 500 from the test server', false) };
    case 1:
      return { chunks: [] };
    case 2: {
      const other = NAMES.find((n) => n !== request.speaker) ?? 'Ann';
      return `I say ${h % 71}.\n${other}: and I answer for myself.`;
    }
    case 3:
      return {
        chunks: ['After a wait, ', `${h % 53} it is.`],
        retries: [{ attempt: 1, delayMs: 1000, reason: 'HTTP 429: slow down' }],
        usage: { promptTokens: 100 + (h % 7), completionTokens: 9, estimated: false },
      };
    default:
      return `${request.speaker} thinks ${h % 97}; what do you say, @${NAMES[h % 4]}?`;
  }
};

export const resumeSettings = (seed: number, overrides: Partial<EngineSettings> = {}) =>
  fixtureSettings({
    turns: 12,
    wrapUpTurns: 3,
    topicChangeEvery: 3,
    askOpinionEvery: 3,
    seed,
    ...overrides,
  });

export interface Run {
  readonly events: DiscussionEvent[];
  readonly requests: ModelRequest[];
}

/** Commands sent when a turn starts; the engine applies them after that turn. */
export type Plan = ReadonlyMap<number, readonly Command[]>;

export async function runPlanned(options: {
  settings: EngineSettings;
  script: Script;
  plan?: Plan;
  resume?: readonly DiscussionEvent[];
  signal?: AbortSignal;
  onEvent?: (event: DiscussionEvent) => void;
}): Promise<Run> {
  const fake = new FakeModel(options.script);
  const controls = new DiscussionControls();
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table: fixtureTable,
    settings: options.settings,
    model: fake.model,
    controls,
    signal: options.signal,
    resume: options.resume === undefined ? undefined : { events: options.resume },
  })) {
    events.push(event);
    options.onEvent?.(event);
    if (event.type === 'turn-started') {
      for (const command of options.plan?.get(event.turn) ?? []) controls.send(command);
    }
  }
  return { events, requests: fake.requests };
}

/** What events.jsonl keeps of a stream: no text deltas. */
export const storedEvents = (events: readonly DiscussionEvent[]) =>
  events.filter((e) => e.type !== 'text-delta');
