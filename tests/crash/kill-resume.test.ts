// kill -9 a real `roundtable run` at 20 seeded-random moments; each time the transcript must parse
// up to its last whole event and `roundtable resume` must finish the discussion exactly as an
// uninterrupted run would have.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { createRandom } from '../../src/engine/random.js';
import { parseEventsFile, type TranscriptRecord } from '../../src/transcript/events-file.js';
import { renderMarkdown } from '../../src/transcript/markdown.js';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';

const KILLS = 20;

let server: DummyServer;
beforeAll(async () => {
  // Seeded: the same request gets the same reply in every process, so runs can be compared.
  // Paced, so that a run lasts long enough to be killed in the middle of a turn.
  server = await startDummyServer({ seed: 99, tokensPerSecond: 400, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
});

function runArgs(table: string, out: string): string[] {
  return [
    'run',
    table,
    '--plain',
    '--base-url',
    server.url,
    '--model',
    'markov',
    '--turns',
    '5',
    '--seed',
    '21',
    '--max-tokens',
    '30',
    '--out',
    out,
  ];
}

function onlyDir(root: string): string {
  const entries = readdirSync(root);
  expect(entries).toHaveLength(1);
  return join(root, entries[0] ?? '');
}

interface Transcript {
  readonly records: readonly TranscriptRecord[];
  readonly events: readonly DiscussionEvent[];
  readonly markdown: string;
}

function readTranscript(dir: string): Transcript {
  const parsed = parseEventsFile(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
  return {
    records: parsed.records,
    events: parsed.events.map(({ ts: _ts, ...event }) => event as DiscussionEvent),
    markdown: readFileSync(join(dir, 'transcript.md'), 'utf8'),
  };
}

/**
 * What the discussion said: who had each turn on which topic (the last start of a turn counts: a
 * turn cut off by the kill was started again), every reply, the summary and the totals.
 */
function spoken(events: readonly DiscussionEvent[]) {
  const turns = new Map<number, unknown>();
  for (const e of events) {
    if (e.type === 'turn-started') {
      const { speaker, topic, directives, reason } = e;
      turns.set(e.turn, { speaker, topic, directives, reason });
    }
  }
  const said = events.filter(
    (e) => e.type === 'turn-ended' || e.type === 'summary' || e.type === 'discussion-ended',
  );
  return { turns: [...turns], said };
}

describe('kill -9 and resume', () => {
  it(`finishes the discussion after a kill at any of ${KILLS} random moments`, async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'));
      const reference = await runCli(runArgs(table, join(tmp, 'reference')));
      expect(reference.code).toBe(0);
      const expected = readTranscript(onlyDir(join(tmp, 'reference')));
      expect(expected.events.at(-1)).toMatchObject({
        type: 'discussion-ended',
        reason: 'completed',
      });
      // Kill anywhere from the first byte of output to a little way into the summary.
      const summaryAt = reference.stdout.indexOf('── Summary by');
      expect(summaryAt).toBeGreaterThan(0);
      const window = summaryAt + 20;

      const random = createRandom(20_261_121);
      let kills = 0;
      let attempts = 0;
      const moments: string[] = [];
      while (kills < KILLS) {
        attempts += 1;
        // A run that finished before the kill landed does not count; it is tried again.
        expect(attempts).toBeLessThan(KILLS * 3);
        const out = join(tmp, `run-${attempts}`);
        const at = 1 + random.int(window);
        let seen = 0;
        const { child, done } = spawnCli(runArgs(table, out), {
          onStdout: (text) => {
            seen += text.length;
            if (seen >= at && child.exitCode === null) child.kill('SIGKILL');
          },
        });
        const killed = await done;
        if (killed.signal !== 'SIGKILL') continue;
        const dir = onlyDir(out);
        const before = readTranscript(dir);
        if (before.events.at(-1)?.type === 'discussion-ended') continue;
        kills += 1;

        // events.jsonl parses up to the last whole event (parseEventsFile throws on any broken
        // line but a partial last one) and holds the run's start.
        expect(before.records[0]?.type).toBe('run');
        expect(before.events[0]?.type).toBe('discussion-started');
        const lastTurn = before.events.findLast((e) => e.type === 'turn-started');
        moments.push(`${at}:${lastTurn?.type === 'turn-started' ? lastTurn.turn : 0}`);

        const resumed = await runCli(['resume', dir, '--plain']);
        expect(resumed.stderr).not.toMatch(/\n\s+at /);
        expect(resumed.code).toBe(0);
        const after = readTranscript(dir);
        // The discussion, read back, is the uninterrupted one: every turn, topic, the summary
        // and the totals, each exactly once.
        expect(spoken(after.events)).toEqual(spoken(expected.events));
        expect(after.events.filter((e) => e.type === 'discussion-resumed')).toHaveLength(1);
        expect(after.records.filter((r) => r.type === 'run')).toHaveLength(2);
        // transcript.md is whole: what was appended live equals a rebuild from events.jsonl.
        expect(after.markdown).toBe(renderMarkdown(after.records));
        expect(after.markdown.match(/^## Summary$/gm)).toHaveLength(1);
        expect(after.markdown).toContain('*(resumed ');
      }
      // The kills really fell at different points of the discussion.
      expect(new Set(moments.map((m) => m.split(':')[1])).size).toBeGreaterThan(2);
    });
  }, 240_000);
});
