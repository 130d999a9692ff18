// Realistic, deterministic event sequences for the consumers' tests, built without the engine
// (which is written in parallel): what a discussion of a few turns looks like on the wire.
import type {
  Directive,
  DiscussionEvent,
  EndReason,
  EventOf,
  TopicRef,
} from '../../engine/events.js';
import type { Usage } from '../../engine/model.js';
import type { EngineSettings, Participant, Task } from '../../engine/table.js';

export const PARTICIPANTS: readonly Participant[] = [
  { seat: 1, name: 'Ada', fullName: 'Ada Lovelace', creativity: 0.3, prompt: 'You are Ada.' },
  {
    seat: 2,
    name: 'Bob',
    fullName: 'Robert Boyle',
    creativity: 0.9,
    prompt: 'You are Bob.',
    color: '#ff8800',
  },
  {
    seat: 3,
    name: 'Cy',
    fullName: 'Cyrus Field',
    creativity: 0.65,
    prompt: 'You are Cy.',
    model: 'llama3',
  },
];

export const QUESTIONS: readonly string[] = [
  'Should cities ban cars?',
  'What makes a good teacher?',
  'Is remote work here to stay?',
];

export const TASK: Task = {
  context: 'A friendly debate.',
  instructions: 'Keep replies short.',
  questions: QUESTIONS,
  summarize: 'Summarize the discussion.',
};

export function settings(overrides: Partial<EngineSettings> = {}): EngineSettings {
  return {
    turns: 6,
    wrapUpTurns: 2,
    topicChangeEvery: 3,
    askOpinionEvery: 4,
    introductions: true,
    summary: true,
    seed: 42,
    maxTokens: 300,
    temperature: { min: 0, max: 1 },
    ...overrides,
  };
}

export interface SyntheticOptions {
  readonly turns?: number;
  readonly participants?: readonly Participant[];
  readonly summary?: boolean;
  /** How the run ends; false: no discussion-ended event at all. */
  readonly end?: EndReason | false;
  readonly estimated?: boolean;
}

export function topicFor(turn: number): TopicRef {
  const index = Math.floor((turn - 1) / 3) % QUESTIONS.length;
  return { index, text: QUESTIONS[index] ?? '' };
}

export function turnText(turn: number, speaker: string): string {
  const base = `${speaker} on turn ${turn}: I think "${topicFor(turn).text}" deserves a closer look.`;
  return turn % 5 === 0 ? `${base}\n\nA second paragraph, with a thought more.` : base;
}

export function usageFor(turn: number, estimated = false): Usage {
  return { promptTokens: 100 + turn * 10, completionTokens: 20 + turn, estimated };
}

/** Splits a reply into the pieces a stream would deliver. */
export function deltas(turn: number, text: string): EventOf<'text-delta'>[] {
  const third = Math.ceil(text.length / 3);
  return [0, 1, 2]
    .map((i) => text.slice(i * third, (i + 1) * third))
    .filter((piece) => piece !== '')
    .map((piece) => ({ type: 'text-delta', turn, text: piece }));
}

export function startedEvent(options: SyntheticOptions = {}): EventOf<'discussion-started'> {
  return {
    type: 'discussion-started',
    seed: 42,
    settings: settings({ turns: options.turns ?? 6, summary: options.summary ?? true }),
    participants: options.participants ?? PARTICIPANTS,
    task: TASK,
    topic: topicFor(1),
  };
}

/**
 * A discussion: round-robin speakers, a topic change every three turns, "invite opinions" on
 * every fourth turn, wrap-up in the last two, a cut reply on turn 3, a summary by seat 1.
 * Lazy, so a test can draw from an endless run.
 */
export function* syntheticEvents(options: SyntheticOptions = {}): Generator<DiscussionEvent> {
  const participants = options.participants ?? PARTICIPANTS;
  const turns = options.turns ?? 6;
  const estimated = options.estimated ?? false;
  const started = startedEvent(options);
  yield started;

  let promptTokens = 0;
  let completionTokens = 0;
  for (let turn = 1; turn <= turns; turn++) {
    const speaker = participants[(turn - 1) % participants.length] ?? PARTICIPANTS[0];
    if (!speaker) return;
    const topic = topicFor(turn);
    if (turn > 1 && topic.index !== topicFor(turn - 1).index) {
      yield { type: 'topic-changed', turn, topic, reason: 'schedule' };
    }
    const turnsLeft = turns - turn;
    const directives: Directive[] = [];
    if (turn % 4 === 2) directives.push('invite-opinions');
    if (turnsLeft < started.settings.wrapUpTurns) directives.push('wrap-up');
    yield {
      type: 'turn-started',
      turn,
      kind: 'turn',
      seat: speaker.seat,
      speaker: speaker.name,
      model: speaker.model,
      topic,
      directives,
      turnsLeft,
      reason: turn === 1 ? 'first' : 'random',
    };
    const text = turnText(turn, speaker.name);
    const next = participants[turn % participants.length]?.name ?? 'Someone';
    const cut = turn === 3 ? { as: next, removed: `${next}: I disagree entirely.` } : undefined;
    yield* deltas(turn, cut ? `${text}\n${cut.removed}` : text);
    const usage = usageFor(turn, estimated);
    promptTokens += usage.promptTokens;
    completionTokens += usage.completionTokens;
    yield {
      type: 'turn-ended',
      turn,
      seat: speaker.seat,
      speaker: speaker.name,
      text,
      status: 'complete',
      usage,
      cut,
    };
  }

  if (options.summary ?? true) {
    const summarizer = participants[0] ?? PARTICIPANTS[0];
    if (!summarizer) return;
    const turn = turns + 1;
    const text = `In short: we covered ${turns} turns.`;
    yield {
      type: 'turn-started',
      turn,
      kind: 'summary',
      seat: summarizer.seat,
      speaker: summarizer.name,
      model: summarizer.model,
      topic: topicFor(turns),
      directives: [],
      turnsLeft: 0,
      reason: 'random',
    };
    yield* deltas(turn, text);
    const usage = usageFor(turn, estimated);
    promptTokens += usage.promptTokens;
    completionTokens += usage.completionTokens;
    const ended = { seat: summarizer.seat, speaker: summarizer.name, text, usage };
    yield { type: 'turn-ended', turn, ...ended, status: 'complete' };
    yield { type: 'summary', ...ended, status: 'complete' };
  }

  if (options.end !== false) {
    yield {
      type: 'discussion-ended',
      reason: options.end ?? 'completed',
      turns,
      usage: { promptTokens, completionTokens, estimated },
    };
  }
}

export function syntheticRun(options: SyntheticOptions = {}): DiscussionEvent[] {
  return [...syntheticEvents(options)];
}
