// Seat memory as a person meets it: a seat with `memory: true` starts its next run (and a batch's
// runs) with a note of what it said before on a related question, shown and recorded with where
// it came from; a batch does not remember its own runs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { parseEventsFile } from '../../src/transcript/events-file.js';
import { runFolders, writeGrid } from '../batch/helpers.js';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';

function remembering(table: string): string {
  const role = join(table, 'participants', 'role1.json');
  writeFileSync(role, JSON.stringify({ ...JSON.parse(readFileSync(role, 'utf8')), memory: true }));
  return table;
}

function recorded(dir: string) {
  const parsed = parseEventsFile(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
  return { id: parsed.runs[0]?.id ?? '', events: parsed.events as readonly DiscussionEvent[] };
}

const memoriesIn = (events: readonly DiscussionEvent[]) =>
  events.flatMap((e) => (e.type === 'seat-memory' ? [e] : []));

describe('seat memory', () => {
  it('gives a seat its earlier words on a related question, in the events and on screen', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = remembering(writeTable(join(tmp, 'table')));
      const out = join(tmp, 'transcripts');
      const args = ['run', table, '--plain', '--turns', '3', '--max-tokens', '40', '--out', out];
      const first = await runCli([...args, '--seed', '1'], { env });
      expect(first.code).toBe(0);
      // Nothing to remember yet.
      const [firstDir] = readdirSync(out).map((name) => join(out, name));
      const before = recorded(firstDir ?? '');
      expect(memoriesIn(before.events)).toEqual([]);

      const second = await runCli([...args, '--seed', '2'], { env });
      expect(second.code).toBe(0);
      const secondDir = readdirSync(out)
        .map((name) => join(out, name))
        .find((dir) => dir !== firstDir);
      const after = recorded(secondDir ?? '');
      const [memory] = memoriesIn(after.events);
      expect(after.events[1]).toBe(memory);
      expect(memory).toMatchObject({ seat: 1, speaker: 'Ann' });
      expect(memory?.sources.map((s) => s.runId)).toEqual([before.id]);
      // Ann's own last turn of the first run is what she is reminded of.
      const annSaid = before.events.flatMap((e) =>
        e.type === 'turn-ended' && e.speaker === 'Ann' && e.status === 'complete' ? [e.text] : [],
      );
      const firstWords = (annSaid.at(-1) ?? '').split(/\s+/).slice(0, 6).join(' ');
      expect(firstWords).not.toBe('');
      expect(memory?.note).toContain(firstWords);
      expect(second.stdout).toContain(`(Ann remembers 1 earlier run: ${before.id} (`);
      const markdown = readFileSync(join(secondDir ?? '', 'transcript.md'), 'utf8');
      expect(markdown).toContain('Ann remembers 1 earlier run');
      expect(markdown).toContain(`> - On “Park, housing or tram?”`);

      // A batch remembers runs from before it, never its own.
      const grid = writeGrid(tmp, { tables: [table], seeds: [3, 4], settings: [{ turns: 3 }] });
      const batch = await runCli(
        ['batch', grid, '--out', join(tmp, 'batch'), '--concurrency', '1'],
        {
          env,
        },
      );
      expect(batch.code).toBe(0);
      for (const folder of runFolders(join(tmp, 'batch'))) {
        const ids = memoriesIn(folder.events).flatMap((m) => m.sources.map((s) => s.runId));
        expect(ids.sort()).toEqual([before.id, after.id].sort());
      }
    });
  }, 120_000);
});
