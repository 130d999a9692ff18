// A small recorded discussion whose figures are worked out by hand in analyze-seats.test.ts and
// analyze-discussion.test.ts: every text, usage and time here is chosen so the expected numbers
// can be checked on paper.
import type { EngineSettings, Participant, Task } from '../../engine/table.js';
import type { TranscriptRecord } from '../../transcript/events-file.js';

export const FIXTURE_PARTICIPANTS: readonly Participant[] = [
  {
    seat: 1,
    name: 'Ann',
    fullName: 'Ann Arbor',
    creativity: 0.2,
    prompt: 'You are Ann.',
    model: 'm-a',
  },
  {
    seat: 2,
    name: 'Bob',
    fullName: 'Bob Bridge',
    creativity: 0.5,
    prompt: 'You are Bob.',
    model: 'm-b',
  },
  {
    seat: 3,
    name: 'Cy',
    fullName: 'Cy Canal',
    creativity: 0.8,
    prompt: 'You are Cy.',
    model: 'm-b',
  },
];

export const FIXTURE_TASK: Task = {
  context: 'A town decides what to do with an old railway line.',
  instructions: 'Two sentences a turn.',
  questions: ['Park or housing?', 'Who pays?', 'When do we start?'],
  summarize: 'Summarize.',
};

const SETTINGS: EngineSettings = {
  turns: 5,
  wrapUpTurns: 1,
  topicChangeEvery: 3,
  askOpinionEvery: 5,
  introductions: true,
  summary: true,
  seed: 7,
  maxTokens: 200,
  temperature: { min: 0, max: 1 },
};

const q = (index: number) => ({ index, text: FIXTURE_TASK.questions[index] ?? '' });
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 2, 10, 0, seconds)).toISOString();
const usage = (promptTokens: number, completionTokens: number) => ({
  promptTokens,
  completionTokens,
  estimated: false,
});

interface TurnSpec {
  readonly turn: number;
  readonly seat: number;
  readonly topic: number;
  readonly reason: 'first' | 'mention' | 'random';
  readonly text: string;
  readonly usage: ReturnType<typeof usage>;
  readonly from: number;
  readonly to: number;
  readonly failed?: boolean;
}

export const FIXTURE_TURNS: readonly TurnSpec[] = [
  {
    turn: 1,
    seat: 1,
    topic: 0,
    reason: 'first',
    text: 'Bob, the park is the best use of the land.',
    usage: usage(100, 10),
    from: 0,
    to: 5,
  },
  {
    turn: 2,
    seat: 2,
    topic: 0,
    reason: 'mention',
    text: 'The park is the best use of the land, Ann says, but housing matters.',
    usage: usage(200, 20),
    from: 5,
    to: 12,
  },
  {
    turn: 3,
    seat: 3,
    topic: 0,
    reason: 'random',
    text: '',
    usage: usage(50, 0),
    from: 12,
    to: 20,
    failed: true,
  },
  {
    turn: 4,
    seat: 3,
    topic: 1,
    reason: 'random',
    text: 'Taxes should pay for it, @Ann and @Bob agree.',
    usage: usage(300, 15),
    from: 20,
    to: 24,
  },
  {
    turn: 5,
    seat: 1,
    topic: 1,
    reason: 'random',
    text: 'Bob, the park is the best use of the land.',
    usage: usage(400, 10),
    from: 24,
    to: 30,
  },
];

const nameOf = (seat: number) => FIXTURE_PARTICIPANTS.find((p) => p.seat === seat)?.name ?? '?';

/** events.jsonl of the fixture discussion, record by record. */
export function fixtureRecords(): TranscriptRecord[] {
  const records: TranscriptRecord[] = [
    {
      type: 'run',
      version: 'test',
      tableDir: 'tables/railway',
      settings: {},
      title: 'Park or housing?',
      startedAt: at(-1),
      ts: at(-1),
    },
    {
      type: 'discussion-started',
      seed: 7,
      settings: SETTINGS,
      participants: FIXTURE_PARTICIPANTS,
      task: FIXTURE_TASK,
      topic: q(0),
      ts: at(0),
    },
  ];
  for (const spec of FIXTURE_TURNS) {
    const speaker = nameOf(spec.seat);
    if (spec.turn > 1 && spec.topic !== FIXTURE_TURNS[spec.turn - 2]?.topic) {
      records.push({
        type: 'topic-changed',
        turn: spec.turn,
        topic: q(spec.topic),
        reason: 'schedule',
        ts: at(spec.from),
      });
    }
    records.push({
      type: 'turn-started',
      turn: spec.turn,
      kind: 'turn',
      seat: spec.seat,
      speaker,
      model: FIXTURE_PARTICIPANTS[spec.seat - 1]?.model,
      topic: q(spec.topic),
      directives: spec.turn === 5 ? ['wrap-up'] : [],
      turnsLeft: 5 - spec.turn,
      reason: spec.reason,
      ts: at(spec.from),
    });
    if (spec.failed) {
      records.push({
        type: 'retry',
        turn: spec.turn,
        attempt: 1,
        delayMs: 1000,
        reason: '503 Service Unavailable',
        ts: at(spec.from + 2),
      });
      records.push({
        type: 'error',
        turn: spec.turn,
        speaker,
        kind: 'server',
        message: '503 Service Unavailable',
        fatal: false,
        ts: at(spec.to),
      });
    }
    records.push({
      type: 'turn-ended',
      turn: spec.turn,
      seat: spec.seat,
      speaker,
      text: spec.text,
      status: spec.failed ? 'failed' : 'complete',
      usage: spec.usage,
      ts: at(spec.to),
    });
  }
  records.push(
    {
      type: 'turn-started',
      turn: 6,
      kind: 'summary',
      seat: 1,
      speaker: 'Ann',
      model: 'm-a',
      topic: q(1),
      directives: [],
      turnsLeft: 0,
      reason: 'moderator',
      ts: at(30),
    },
    {
      type: 'summary',
      seat: 1,
      speaker: 'Ann',
      text: 'We chose the park.',
      usage: usage(500, 8),
      status: 'complete',
      ts: at(33),
    },
    {
      type: 'discussion-ended',
      reason: 'completed',
      turns: 5,
      usage: { promptTokens: 1550, completionTokens: 63, estimated: false },
      ts: at(34),
    },
  );
  return records;
}
