// The four-seat table and settings the in-process benchmarks share, so their figures compare.
import type { EngineSettings, Table } from '../src/engine/table.js';

export function benchTable(model?: string): Table {
  return {
    participants: ['Ann', 'Bob', 'Cy', 'Dee'].map((name, i) => ({
      seat: i + 1,
      name,
      fullName: `${name} Example`,
      creativity: 0.25 * (i + 1),
      prompt:
        `You are ${name} Example, a participant with firm opinions about city planning. `.repeat(3),
      ...(model === undefined ? {} : { model }),
    })),
    task: {
      context:
        'A mid-sized city must decide what to do with a disused freight railway crossing it.',
      instructions: 'Keep each turn under 80 words. Speak to the others, not about them.',
      questions: [
        'Park, housing or tram?',
        'Who pays?',
        'How to keep it affordable?',
        'Who decides?',
      ],
      summarize: 'Summarize the discussion.',
    },
  };
}

export function benchSettings(turns: number): EngineSettings {
  return {
    turns,
    wrapUpTurns: 3,
    topicChangeEvery: 5,
    askOpinionEvery: 5,
    introductions: true,
    summary: false,
    seed: 1234,
    maxTokens: 200,
    temperature: { min: 0, max: 1 },
  };
}
