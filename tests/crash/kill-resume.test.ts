// kill -9 a real `roundtable run` during each of its requests, at a seeded-random event of the
// reply; each time the transcript must parse up to its last whole event and `roundtable resume`
// must finish the discussion exactly as an uninterrupted run would have. A proxy holds the run
// before that event until it is killed: every kill lands where it was drawn however loaded the
// machine is, no run finishes before its kill, and the server need not be paced. What is on disk
// at a kill depends on the request it cuts, not on how far into the reply: one kill per request
// reaches every state a kill can leave with as few runs as that takes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { createRandom } from '../../src/engine/random.js';
import { parseEventsFile, type TranscriptRecord } from '../../src/transcript/events-file.js';
import { renderMarkdown } from '../../src/transcript/markdown.js';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { type HoldPoint, type HoldProxy, startHoldProxy } from '../helpers/hold-proxy.js';

let server: DummyServer;
let proxy: HoldProxy;
beforeAll(async () => {
  // Seeded: the same request gets the same reply in every process, so runs can be compared.
  server = await startDummyServer({ seed: 99, logLevel: 'silent' });
  proxy = await startHoldProxy(server.url);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

function runArgs(table: string, out: string): string[] {
  return [
    'run',
    table,
    '--plain',
    '--base-url',
    proxy.baseUrl,
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
  it('finishes the discussion after a kill during any of its requests', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'));
      void proxy.arm();
      const reference = await runCli(runArgs(table, join(tmp, 'reference')));
      expect(reference.code).toBe(0);
      const expected = readTranscript(onlyDir(join(tmp, 'reference')));
      expect(expected.events.at(-1)).toMatchObject({
        type: 'discussion-ended',
        reason: 'completed',
      });
      // Every request of the run, the summary's last, each with the events of its reply.
      const replies = [...proxy.replies];
      expect(replies.length).toBeGreaterThan(5);

      const random = createRandom(20_261_121);
      const cutTurns = new Set<number>();
      for (const [index, events] of replies.entries()) {
        // From before the reply's first event to before its [DONE].
        const request = index + 1;
        const point: HoldPoint = { request, event: random.int(events) };
        const out = join(tmp, `run-${request}`);
        const holding = proxy.arm(point);
        const { child, done } = spawnCli(runArgs(table, out));
        await Promise.race([holding, done]);
        child.kill('SIGKILL');
        const killed = await done;
        expect(killed.signal, `run ended before ${JSON.stringify(point)}`).toBe('SIGKILL');
        proxy.arm();
        const dir = onlyDir(out);
        const before = readTranscript(dir);
        expect(before.events.at(-1)?.type).not.toBe('discussion-ended');

        // events.jsonl parses up to the last whole event (parseEventsFile throws on any broken
        // line but a partial last one) and holds the run's start.
        expect(before.records[0]?.type).toBe('run');
        expect(before.events[0]?.type).toBe('discussion-started');
        const lastTurn = before.events.findLast((e) => e.type === 'turn-started');
        cutTurns.add(lastTurn?.type === 'turn-started' ? lastTurn.turn : 0);

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
      // The kills fell in every turn of the discussion, the summary's included.
      const turns = expected.events.flatMap((e) => (e.type === 'turn-started' ? [e.turn] : []));
      expect([...cutTurns].sort((a, b) => a - b)).toEqual([...new Set(turns)]);
    });
  }, 240_000);
});
