// The summary's heading says why this seat sums up: a debate without its judge closes with
// "Summary", not "Verdict", and a reader of the plain output sees why (session 15 left it unsaid).
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import { createPlainRenderer } from './plain.js';
import { PARTICIPANTS, settings, TASK } from './test-utils/events.js';

const ada = PARTICIPANTS[0] as Participant;
const topic = { index: 0, text: 'Should cities ban cars?' };
const usage = { promptTokens: 100, completionTokens: 10, estimated: false };

function summaryLines(why: string | undefined): string[] {
  const events: DiscussionEvent[] = [
    {
      type: 'discussion-started',
      seed: 7,
      settings: settings({ turns: 4, format: 'debate' }),
      participants: [ada],
      task: TASK,
      topic,
    },
    {
      type: 'phase-started',
      phase: 3,
      kind: 'summary',
      title: 'Summary',
      parallel: false,
      seats: [1],
    },
    {
      type: 'turn-started',
      turn: 5,
      kind: 'summary',
      seat: 1,
      speaker: 'Ada',
      topic,
      directives: [],
      turnsLeft: 0,
      reason: 'moderator',
      why,
      phase: 3,
    },
    {
      type: 'summary',
      seat: 1,
      speaker: 'Ada',
      text: 'We agreed on little.',
      usage,
      status: 'complete',
    },
  ];
  let output = '';
  const renderer = createPlainRenderer(
    { write: (chunk: string) => (output += chunk) },
    { color: false, width: 80 },
  );
  for (const event of events) renderer(event);
  return output.split('\n').filter((line) => line.startsWith('──'));
}

describe('the summary heading in the plain output', () => {
  it('says why the seat sums up', () => {
    expect(summaryLines('no judge: the summary, by the seat heard most')).toEqual([
      '── Summary by Ada ── (no judge: the summary, by the seat heard most)',
    ]);
    expect(summaryLines('heard most; 3 turns, as many as Bob, and more words: 212 to 180')).toEqual(
      ['── Summary by Ada ── (heard most; 3 turns, as many as Bob, and more words: 212 to 180)'],
    );
  });

  it('says nothing it was not told (a transcript from before reasons)', () => {
    expect(summaryLines(undefined)).toEqual(['── Summary by Ada ──']);
  });
});
