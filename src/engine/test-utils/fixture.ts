import type { EngineSettings, Participant, Table } from '../table.js';

/** Four seats of clearly different creativity; one with its own model, endpoint and budget. */
export const fixtureParticipants: readonly Participant[] = [
  {
    seat: 1,
    name: 'Ann',
    fullName: 'Ann Lee',
    creativity: 0.2,
    prompt: 'You are Ann Lee, a structural engineer. You want numbers before opinions.',
  },
  {
    seat: 2,
    name: 'Bob',
    fullName: 'Robert Brown',
    creativity: 0.5,
    prompt: 'You are Robert Brown, a city planner who has seen many plans fail.',
    model: 'planner-7b',
    endpoint: 'local',
  },
  {
    seat: 3,
    name: 'Cy',
    fullName: 'Cyrus Vance',
    creativity: 0.8,
    prompt: 'You are Cyrus Vance, a painter who thinks cities are for people, not cars.',
    maxTokens: 300,
  },
  {
    seat: 4,
    name: 'Dee',
    fullName: 'Deirdre Ng',
    creativity: 1,
    prompt: 'You are Deirdre Ng, a futurist with a weakness for bold ideas.',
  },
];

export const fixtureTable: Table = {
  participants: fixtureParticipants,
  task: {
    context: 'A mid-sized city must decide what to do with a disused freight railway crossing it.',
    instructions: 'Keep each turn under 80 words. Speak to the others, not about them.',
    questions: [
      'Should the railway become a park, housing, or a tram line?',
      'Who should pay for it?',
      'How do we keep the neighbourhood affordable?',
    ],
    summarize:
      'Summarize the discussion in five bullet points: where the table agreed, where it did not, and what it recommends.',
  },
};

export function fixtureSettings(overrides: Partial<EngineSettings> = {}): EngineSettings {
  return {
    turns: 10,
    wrapUpTurns: 3,
    topicChangeEvery: 5,
    askOpinionEvery: 5,
    introductions: true,
    summary: true,
    seed: 42,
    maxTokens: 200,
    temperature: { min: 0, max: 1 },
    ...overrides,
  };
}

/** A table of `count` seats named P1, P2, … for statistics and edge cases. */
export function numberedTable(count: number, questions = 4): Table {
  return {
    participants: Array.from({ length: count }, (_, i) => ({
      seat: i + 1,
      name: `P${i + 1}`,
      fullName: `Participant ${i + 1}`,
      creativity: 0.5,
      prompt: `You are participant ${i + 1}.`,
    })),
    task: {
      context: 'A test.',
      instructions: 'Be brief.',
      questions: Array.from({ length: questions }, (_, i) => `Question ${i + 1}?`),
      summarize: 'Summarize.',
    },
  };
}
