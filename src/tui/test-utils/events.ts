// Event builders for the TUI's tests: the wire shapes of src/engine/events.ts, with defaults.
import type { Directive, DiscussionEvent, EventOf, TurnStatus } from '../../engine/events.js';
import type { Usage } from '../../engine/model.js';
import type { Participant } from '../../engine/table.js';
import type { HeaderInfo } from '../components/Header.js';

export const PEOPLE: readonly Participant[] = [
  { seat: 1, name: 'Alice', fullName: 'Alice Archer', creativity: 0.2, prompt: 'p', model: 'm-a' },
  {
    seat: 2,
    name: 'Bob',
    fullName: 'Bob Baker',
    creativity: 0.9,
    prompt: 'p',
    color: '#ff8800',
  },
  { seat: 3, name: 'Carol', fullName: 'Carol Chen', creativity: 0.5, prompt: 'p' },
];

export const QUESTIONS = ['Should cities ban cars?', 'What makes a good teacher?'];

export const HEADER: HeaderInfo = {
  title: 'example',
  context: 'A town hall about the future of the city centre.',
  seats: [
    { participant: PEOPLE[0] as Participant, model: 'm-a', runsOn: 'http://127.0.0.1:8000/v1' },
    { participant: PEOPLE[1] as Participant, runsOn: 'offline: Markov' },
    { participant: PEOPLE[2] as Participant, model: 'm-c', runsOn: 'http://127.0.0.1:9000/v1' },
  ],
};

const USAGE: Usage = { promptTokens: 100, completionTokens: 20, estimated: false };

export function started(
  turns = 10,
  participants: readonly Participant[] = PEOPLE,
): EventOf<'discussion-started'> {
  return {
    type: 'discussion-started',
    seed: 1,
    settings: {
      turns,
      wrapUpTurns: 2,
      topicChangeEvery: 5,
      askOpinionEvery: 5,
      introductions: true,
      summary: true,
      seed: 1,
      maxTokens: 300,
      temperature: { min: 0, max: 1 },
    },
    participants,
    task: { context: 'c', instructions: 'i', questions: QUESTIONS, summarize: 's' },
    topic: { index: 0, text: QUESTIONS[0] ?? '' },
  };
}

export function turnStarted(
  turn: number,
  seat: number,
  options: { directives?: Directive[]; kind?: 'turn' | 'summary'; turnsLeft?: number } = {},
): EventOf<'turn-started'> {
  const who = PEOPLE.find((p) => p.seat === seat);
  return {
    type: 'turn-started',
    turn,
    kind: options.kind ?? 'turn',
    seat,
    speaker: who?.name ?? `Seat${seat}`,
    model: who?.model,
    topic: { index: 0, text: QUESTIONS[0] ?? '' },
    directives: options.directives ?? [],
    turnsLeft: options.turnsLeft ?? 10 - turn,
    reason: 'random',
  };
}

export function delta(turn: number, text: string): EventOf<'text-delta'> {
  return { type: 'text-delta', turn, text };
}

export function turnEnded(
  turn: number,
  seat: number,
  text: string,
  options: { status?: TurnStatus; usage?: Usage } = {},
): EventOf<'turn-ended'> {
  return {
    type: 'turn-ended',
    turn,
    seat,
    speaker: PEOPLE.find((p) => p.seat === seat)?.name ?? `Seat${seat}`,
    text,
    status: options.status ?? 'complete',
    usage: options.usage ?? USAGE,
  };
}

/** A whole turn: started, streamed in words, ended. */
export function spokenTurn(turn: number, seat: number, text: string): DiscussionEvent[] {
  const words = text.split(/(?<= )/);
  return [
    turnStarted(turn, seat),
    ...words.map((word) => delta(turn, word)),
    turnEnded(turn, seat, text),
  ];
}
