import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import type { Table } from '../engine/table.js';
import { PARTICIPANTS, syntheticRun, TASK } from '../render/test-utils/events.js';
import { Library } from './library.js';
import { recallMemories } from './memory.js';
import { type TempHome, tempHome, writeRun } from './test-utils/transcripts.js';

let home: TempHome;
let library: Library;

beforeEach(async () => {
  home = await tempHome();
  library = Library.open({ env: home.env, warn: () => {} });
});
afterEach(async () => {
  library.close();
  await home.remove();
});

const transcripts = () => join(home.root, 'transcripts');

/** A synthetic run asked `questions`, written and indexed from its folder. */
async function pastRun(
  questions: readonly string[],
  startedAt: string,
  options: { end?: 'completed' | 'interrupted'; outcome?: unknown } = {},
) {
  const events = syntheticRun({ end: options.end ?? 'completed' }).map(
    (e): DiscussionEvent =>
      e.type === 'discussion-started' ? { ...e, task: { ...e.task, questions } } : e,
  );
  const run = await writeRun(transcripts(), { events, now: new Date(startedAt) });
  if (options.outcome !== undefined) {
    writeFileSync(join(run.dir, 'outcome.json'), JSON.stringify(options.outcome));
  }
  library.indexFolder(run.dir);
  return run;
}

/** The table about to run: Ada asks for memory, Bob does not. */
function table(questions: readonly string[]): Table {
  const [ada, bob, cy] = PARTICIPANTS;
  if (!ada || !bob || !cy) throw new Error('fixture');
  return {
    participants: [{ ...ada, memory: true }, bob, cy],
    task: { ...TASK, questions },
  };
}

const recall = (t: Table, options: Partial<Parameters<typeof recallMemories>[2]> = {}) =>
  recallMemories(library.db, t, { before: new Date('2026-12-01T00:00:00Z'), ...options });

describe('seat memory', () => {
  it('gives a seat its last words and the summary of related earlier runs it sat in', async () => {
    const related = await pastRun(['Should cities ban cars?'], '2026-11-01T10:00:00Z');
    await pastRun(['Which bridge needs painting first?'], '2026-11-02T10:00:00Z');
    // A run that did not end is not something to remember.
    await pastRun(['Should cities ban cars?'], '2026-11-03T10:00:00Z', { end: 'interrupted' });

    const memories = recall(table(['Should big cities ban private cars downtown?']));
    expect(memories).toHaveLength(1);
    const [ada] = memories;
    expect(ada?.seat).toBe(1);
    expect(ada?.sources).toEqual([
      {
        runId: related.id,
        title: 'Should the railway line reopen?',
        startedAt: '2026-11-01T10:00:00.000Z',
        kinds: ['turn', 'summary'],
      },
    ]);
    expect(ada?.note).toBe(
      '- On “Should the railway line reopen?” (2026-11-01): you said last: “Ada on turn 4: I think "What makes a good teacher?" deserves a closer look.”; the summary said: “In short: we covered 6 turns.”.',
    );
  });

  it('prefers the seat’s closing position and the table’s outcome from outcome.json', async () => {
    await pastRun(['Should cities ban cars?'], '2026-11-01T10:00:00Z', {
      outcome: {
        questions: [
          {
            outcome: 'Ban cars from the centre',
            positions: [
              { seat: 1, speaker: 'Ada', position: 'Ban them', because: 'the air is bad' },
              { seat: 2, speaker: 'Bob', position: 'Keep them' },
            ],
          },
        ],
      },
    });
    const [ada] = recall(table(['Should cities ban cars?']));
    expect(ada?.sources[0]?.kinds).toEqual(['position', 'outcome']);
    expect(ada?.note).toMatch(
      /you said: |your position was: “Ban them, because the air is bad”; the table decided: “Ban cars from the centre”/,
    );
  });

  it('remembers nothing newer than the run, none of its own batch, nothing unrelated', async () => {
    await pastRun(['Should cities ban cars?'], '2026-11-01T10:00:00Z');
    const t = table(['Should cities ban cars?']);
    expect(recall(t)).toHaveLength(1);
    expect(recall(t, { before: new Date('2026-10-01T00:00:00Z') })).toEqual([]);
    expect(recall(t, { excludeUnder: transcripts() })).toEqual([]);
    expect(recall(table(['Is the harbour too small?']))).toEqual([]);
    const nobody = { ...t, participants: PARTICIPANTS };
    expect(recall(nobody)).toEqual([]);
  });
});
