import { describe, expect, it } from 'vitest';
import { rebuildNote } from './rebuild-note.js';

const skip = (name: string) => ({
  dir: `/home/ann/transcripts/${name}`,
  reason: `/home/ann/transcripts/${name}/events.jsonl line 3: not valid JSON`,
});

describe('the note of a rebuilt library', () => {
  it('counts the runs it found again', () => {
    expect(rebuildNote(1, [])).toBe('rebuilt it from 1 transcript folder');
    expect(rebuildNote(0, [])).toBe('rebuilt it from 0 transcript folders');
  });

  it('gives the one folder it skipped whole, with the reason', () => {
    expect(rebuildNote(4, [skip('a')])).toBe(
      'rebuilt it from 4 transcript folders; skipped /home/ann/transcripts/a: /home/ann/transcripts/a/events.jsonl line 3: not valid JSON',
    );
  });

  it('names at most three of many by their folder name, and where to see them all', () => {
    expect(rebuildNote(2, ['a', 'b', 'c'].map(skip))).toBe(
      'rebuilt it from 2 transcript folders. 3 folders could not be read and were skipped (a, b, c); `roundtable reindex` lists each with the reason',
    );
    const many = rebuildNote(
      9,
      Array.from({ length: 200 }, (_, i) => skip(`run-${i}`)),
    );
    expect(many).toBe(
      'rebuilt it from 9 transcript folders. 200 folders could not be read and were skipped (run-0, run-1, run-2 and 197 more); `roundtable reindex` lists each with the reason',
    );
  });
});
