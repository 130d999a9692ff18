// A 40-turn discussion, through the real CLI, against a server that fails in every way a real
// endpoint does. The run must finish, and every fault must be visible in its transcript.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from '../../src/engine/events.js';
import { parseEventsFile, type TranscriptRecord } from '../../src/transcript/events-file.js';
import { renderMarkdown } from '../../src/transcript/markdown.js';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';
import { type Fault, type FaultServer, okText, startFaultServer } from '../helpers/fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The faults each turn meets, one per request; turns not listed get one normal reply. */
type Plan = ReadonlyMap<number, readonly Fault[]>;

/** One fault per request, in the order the (strictly sequential) requests arrive. */
function scheduleFor(plan: Plan, turns: number): Fault[] {
  const schedule: Fault[] = [];
  for (let turn = 1; turn <= turns + 1; turn++)
    schedule.push(...(plan.get(turn) ?? [{ kind: 'ok' }]));
  return schedule;
}

const ok: Fault = { kind: 'ok' };
const PARTIAL = 'I was saying that the viaduct';
const NO_FINISH = 'Short and without an ending';

const PLAN: Plan = new Map<number, Fault[]>([
  [2, [{ kind: 'rate-limit', retryAfter: '1' }, ok]],
  [5, [{ kind: 'server-error' }, ok]],
  [8, [{ kind: 'drop-before-text' }, ok]],
  [11, [{ kind: 'drop-after-text', text: PARTIAL }]],
  [14, [{ kind: 'stall' }, ok]],
  [17, [{ kind: 'malformed' }, ok]],
  [20, [{ kind: 'malformed', afterText: PARTIAL }]],
  [23, [{ kind: 'no-finish' }, ok]],
  [26, [{ kind: 'no-finish', text: NO_FINISH }]],
  [29, [{ kind: 'slow-first-token', ms: 300 }]],
  // Retries (1) run out: the turn fails and, with onError skip, the next speaker goes on.
  [32, [{ kind: 'server-error' }, { kind: 'server-error', status: 503 }]],
]);

const FLAGS = ['--timeout', '5', '--stall-timeout', '1', '--retries', '1', '--max-tokens', '60'];

function onlyDir(root: string): string {
  const entries = readdirSync(root);
  expect(entries).toHaveLength(1);
  return join(root, entries[0] ?? '');
}

function readTranscript(dir: string): {
  records: readonly TranscriptRecord[];
  events: readonly DiscussionEvent[];
  markdown: string;
} {
  const parsed = parseEventsFile(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
  expect(parsed.truncated).toBe(false);
  return {
    records: parsed.records,
    events: parsed.events,
    markdown: readFileSync(join(dir, 'transcript.md'), 'utf8'),
  };
}

const ofType = <T extends DiscussionEvent['type']>(events: readonly DiscussionEvent[], type: T) =>
  events.filter((e): e is EventOf<T> => e.type === type);

describe('a flaky endpoint', () => {
  it('a 40-turn discussion survives every fault, and the transcript shows each one', async () => {
    const schedule = scheduleFor(PLAN, 40);
    const fault = await startFaultServer({ schedule: (index) => schedule[index] });
    server = fault;
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 4);
      const out = join(tmp, 'out');
      const result = await runCli([
        'run',
        table,
        '--plain',
        '--base-url',
        fault.baseUrl,
        '--model',
        'fault-model',
        '--turns',
        '40',
        '--seed',
        '5',
        '--out',
        out,
        ...FLAGS,
      ]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.code).toBe(0);
      // Every scheduled request was made, and no more: each fault was met, each retry happened.
      expect(fault.chatRequests().map((r) => r.fault)).toEqual(schedule.map((f) => f.kind));

      const { records, events, markdown } = readTranscript(onlyDir(out));
      expect(events.at(-1)).toMatchObject({
        type: 'discussion-ended',
        reason: 'completed',
        turns: 40,
      });
      const ended = ofType(events, 'turn-ended');
      expect(ended.map((e) => e.turn)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(ofType(events, 'summary')).toMatchObject([{ status: 'complete' }]);

      const turn = (n: number) => ended[n - 1];
      const retriesOf = (n: number) => ofType(events, 'retry').filter((e) => e.turn === n);
      // Retried faults: one retry each, saying what went wrong; then the turn is complete.
      const retried: [number, RegExp][] = [
        [2, /HTTP 429/],
        [5, /HTTP 500/],
        [8, /broke before any text/],
        [14, /stall timeout/],
        [17, /malformed/],
        [23, /without a finish_reason/],
      ];
      for (const [n, reason] of retried) {
        expect(retriesOf(n), `turn ${n}`).toHaveLength(1);
        expect(retriesOf(n)[0]?.reason, `turn ${n}`).toMatch(reason);
        expect(turn(n), `turn ${n}`).toMatchObject({
          status: 'complete',
          text: expect.any(String),
        });
      }
      expect(ofType(events, 'retry')).toHaveLength(retried.length + 1);
      // Retry-After is honoured to the millisecond.
      expect(retriesOf(2)[0]?.delayMs).toBe(1000);

      // Broken after text: the reply keeps what arrived, is not retried, is recorded as cut off
      // (saying why), and its usage is estimated.
      for (const n of [11, 20]) {
        expect(retriesOf(n), `turn ${n}`).toEqual([]);
        expect(turn(n)).toMatchObject({ status: 'cut-off', text: PARTIAL });
        expect(turn(n)?.cutOff, `turn ${n}`).toEqual(expect.any(String));
        expect(turn(n)?.usage.estimated).toBe(true);
      }
      expect(turn(26)).toMatchObject({ status: 'cut-off', text: NO_FINISH });
      expect(turn(26)?.usage.estimated).toBe(true);
      // A slow first token within the stall timeout is no fault at all.
      expect(retriesOf(29)).toEqual([]);
      expect(turn(29)?.text).toMatch(/^Point \d+ from the flaky server/);

      // Retries exhausted: a failed turn with its error, and the discussion goes on.
      expect(turn(32)).toMatchObject({ status: 'failed', text: '' });
      const errors = ofType(events, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ turn: 32, kind: 'server', fatal: false });
      expect(errors[0]?.message).toMatch(/503/);
      expect(turn(33)?.status).toBe('complete');
      const failed = ended.filter((e) => e.status === 'failed');
      expect(failed.map((e) => e.turn)).toEqual([32]);

      // The other turns carry the server's words, unharmed.
      const served = new Set(schedule.map((_, i) => okText(i)));
      for (const e of ended) {
        if (![11, 20, 26, 32].includes(e.turn))
          expect(served.has(e.text), `turn ${e.turn}`).toBe(true);
      }

      // transcript.md is complete, matches events.jsonl and shows the faults to a reader.
      expect(markdown).toBe(renderMarkdown(records));
      expect(markdown).toContain('retry 1 after 1.0 s');
      expect(markdown.match(/retry 1 after/g)).toHaveLength(retried.length + 1);
      expect(markdown).toContain('error (server)');
      expect(markdown).toContain('*(no reply)*');
      expect(markdown).toContain('## Summary');
      expect(markdown).toContain('- Turns: 40');
      // The plain output tells the same story as it happens.
      expect(result.stdout).toMatch(/retry 1 in 1\.0s/);
      expect(result.stdout).toContain('[failed]');
      expect(result.stdout.match(/\[cut off: /g)).toHaveLength(3);
      expect(result.stdout).toMatch(/Finished: 40 turns \(3 cut off\)/);
    });
  }, 60_000);

  it('with --on-error stop, ends cleanly at the failed turn; resume then finishes it', async () => {
    let healthy = false;
    const down: Fault = { kind: 'server-error' };
    const fault = await startFaultServer({
      schedule: (index) => (healthy || index < 3 ? ok : down),
    });
    server = fault;
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 3);
      const out = join(tmp, 'out');
      const args = ['--base-url', fault.baseUrl, '--model', 'fault-model', ...FLAGS];
      const stopped = await runCli([
        'run',
        table,
        '--plain',
        '--turns',
        '8',
        '--seed',
        '9',
        '--on-error',
        'stop',
        '--out',
        out,
        ...args,
      ]);
      expect(stopped.stderr).not.toMatch(/\n\s+at /);
      // Clean (transcript written) but not a success: a script must be able to tell.
      expect(stopped.code).toBe(1);
      const dir = onlyDir(out);
      expect(stopped.stderr).toContain(`Transcript: ${dir}`);
      const first = readTranscript(dir);
      expect(first.events.at(-1)).toMatchObject({
        type: 'discussion-ended',
        reason: 'failed',
        turns: 4,
      });
      expect(ofType(first.events, 'turn-ended').at(-1)).toMatchObject({
        turn: 4,
        status: 'failed',
      });
      expect(first.markdown).toBe(renderMarkdown(first.records));
      expect(first.markdown).toContain('error (server)');

      healthy = true;
      const resumed = await runCli(['resume', dir, '--plain']);
      expect(resumed.stderr).not.toMatch(/\n\s+at /);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toContain('from turn 4');
      const after = readTranscript(dir);
      expect(after.events.at(-1)).toMatchObject({
        type: 'discussion-ended',
        reason: 'completed',
        turns: 8,
      });
      // The failed turn is spoken again, by the same seat; the run record says how it resumed.
      const fourth = ofType(after.events, 'turn-started').filter((e) => e.turn === 4);
      expect(fourth).toHaveLength(2);
      expect(fourth[1]?.speaker).toBe(fourth[0]?.speaker);
      expect(
        ofType(after.events, 'turn-ended').filter((e) => e.status === 'complete'),
      ).toHaveLength(8);
      expect(after.records.filter((r) => r.type === 'run').at(-1)).toMatchObject({ resumed: true });
      expect(after.markdown).toBe(renderMarkdown(after.records));
    });
  }, 60_000);
});
