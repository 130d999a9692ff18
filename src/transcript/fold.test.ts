import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../render/test-utils/events.js';
import { type FoldInput, foldTranscript } from './fold.js';

describe('foldTranscript', () => {
  it('holds every turn once, the summary apart, and the usage of every request', () => {
    const events = syntheticRun({ turns: 4 });
    const folded = foldTranscript(events);
    expect(folded.turns.map((t) => [t.turn, t.speaker, t.status])).toEqual([
      [1, 'Ada', 'complete'],
      [2, 'Bob', 'complete'],
      [3, 'Cy', 'complete'],
      [4, 'Ada', 'complete'],
    ]);
    expect(folded.turns[2]?.cut?.as).toBe('Ada');
    expect(folded.turns[1]).toMatchObject({ reason: 'random', directives: ['invite-opinions'] });
    // The synthetic writer follows the summary's turn-ended with a summary event: one summary.
    expect(folded.summary).toMatchObject({ kind: 'summary', speaker: 'Ada', turn: 5, attempts: 1 });
    const ended = events.at(-1);
    expect(ended?.type === 'discussion-ended' && ended.usage).toEqual({
      ...folded.usage,
      estimated: false,
    });
    expect(folded.end?.reason).toBe('completed');
    expect(folded.seatUsage.get(1)?.completionTokens).toBe(21 + 24 + 25);
  });

  it('keeps a turn’s retries and errors with it, and its times', () => {
    const records: FoldInput[] = [
      ...syntheticRun({ turns: 1, summary: false, end: false }).map((event, i) => ({
        ...event,
        ts: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      })),
    ];
    const ended = records.findIndex((r) => r.type === 'turn-ended');
    records.splice(
      ended,
      0,
      { type: 'retry', turn: 1, attempt: 1, delayMs: 500, reason: '429', ts: 'x' },
      { type: 'error', turn: 1, kind: 'server', message: 'boom', fatal: false, ts: 'y' },
    );
    const [turn] = foldTranscript(records).turns;
    expect(turn?.retries).toEqual([{ attempt: 1, delayMs: 500, reason: '429' }]);
    expect(turn?.errors).toEqual([{ kind: 'server', message: 'boom', fatal: false }]);
    expect(turn?.startedAt).toBe('2026-01-01T00:00:01.000Z');
  });

  it('counts a turn spoken again after a resume as a second attempt', () => {
    const first = syntheticRun({ turns: 2, summary: false, end: false });
    const redo = first.slice(first.findIndex((e) => e.type === 'turn-started' && e.turn === 2));
    const records: FoldInput[] = [
      ...first,
      { type: 'closed', reason: 'interrupted', ts: 'a' },
      { type: 'discussion-resumed', fromTurn: 2, ts: 'b' },
      ...redo,
    ];
    const folded = foldTranscript(records);
    expect(folded.turns.map((t) => [t.turn, t.attempts])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(folded.end).toEqual({ reason: 'interrupted', at: 'a' });
  });

  it('keeps turns of a parallel phase apart: several started at once, ended in any order', () => {
    const [started, first, second] = syntheticRun({ turns: 2, summary: false, end: false }).filter(
      (e) => e.type === 'discussion-started' || e.type === 'turn-started',
    );
    const ends = syntheticRun({ turns: 2, summary: false, end: false }).filter(
      (e) => e.type === 'turn-ended',
    );
    if (!started || !first || !second || ends.length !== 2) throw new Error('fixture');
    const folded = foldTranscript([
      started,
      first,
      second,
      { type: 'retry', turn: 1, attempt: 1, delayMs: 10, reason: '503' },
      ends[1] as FoldInput,
      ends[0] as FoldInput,
    ]);
    expect(folded.turns.map((t) => [t.turn, t.speaker, t.retries.length, t.reason])).toEqual([
      [1, 'Ada', 1, 'first'],
      [2, 'Bob', 0, 'random'],
    ]);
  });
});
