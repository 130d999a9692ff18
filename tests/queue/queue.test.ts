// The queue with a real redis-server: three workers and a batch of 30 runs; one worker is killed
// with SIGKILL in the middle of a run. Every run still completes exactly once, its transcript
// written by the batch's machine, saying exactly what a local batch of the same grid says.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { resultRows, runFolders, spoken, writeGrid } from '../batch/helpers.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { startRecordingProxy } from '../helpers/recording-proxy.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

let redis: RedisServer;
let fast: DummyServer;
let paced: DummyServer;
beforeAll(async () => {
  redis = await startRedis();
  // The same seed: the same replies, whether fast (the reference) or paced (so that a worker
  // can be killed in the middle of a run).
  fast = await startDummyServer({ seed: 9, logLevel: 'silent' });
  paced = await startDummyServer({ seed: 9, tokensPerSecond: 250, logLevel: 'silent' });
}, 30_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), fast?.close(), paced?.close()]);
});

function gridOn(table: string, baseUrl: string, seeds: number[], limits: object = {}) {
  return {
    tables: [table],
    seeds,
    settings: [{ endpoint: 'box', turns: 6, maxTokens: 30 }],
    endpoints: { box: { baseUrl, model: 'markov', ...limits } },
  };
}

interface Worker {
  readonly child: ChildProcess;
  readonly done: Promise<unknown>;
  log: string;
}

function startWorker(home: string, extra: string[] = []): Worker {
  const worker: Worker = { child: undefined as never, done: undefined as never, log: '' };
  const { child, done } = spawnCli(
    ['worker', '--queue', redis.url, '--stalled-after', '2', ...extra],
    {
      env: { ROUNDTABLE_HOME: home },
      onStderr: (text) => {
        worker.log += text;
      },
    },
  );
  return Object.assign(worker, { child, done });
}

async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.done));
}

describe('batch --queue with roundtable workers', () => {
  it('survives a worker killed with SIGKILL mid-run: every run exactly once, nothing lost', async () => {
    await withTempDir(async (tmp) => {
      const home = join(tmp, 'home');
      const env = { ROUNDTABLE_HOME: home };
      const table = writeTable(join(tmp, 'table'));
      const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
      const reference = join(tmp, 'reference');
      const local = await runCli(
        ['batch', writeGrid(tmp, gridOn(table, fast.url, seeds), 'local.json'), '--out', reference],
        { env },
      );
      expect(local.code).toBe(0);
      const seedOf = (f: { events: readonly { type: string; seed?: number }[] }) =>
        f.events.find((e) => e.type === 'discussion-started')?.seed;
      const expected = new Map(runFolders(reference).map((f) => [seedOf(f), f]));
      expect(expected.size).toBe(30);

      const workers = [startWorker(home), startWorker(home), startWorker(home)];
      const out = join(tmp, 'queued');
      try {
        const grid = writeGrid(tmp, gridOn(table, paced.url, seeds), 'queued.json');
        const batch = spawnCli(['batch', grid, '--out', out, '--queue', redis.url, '--plain'], {
          env,
        });
        // Kill the first worker as soon as it is in the middle of a run.
        const victim = workers[0];
        if (victim === undefined) throw new Error('three workers');
        // Polls for a run it started at least 700 ms ago (so it has recorded turns to resume from)
        // and has not completed: a fixed pause after its first start missed it at load 20.
        const seen = new Map<string, number>();
        const midRun = () => {
          for (const line of victim.log.match(/started run \d+/g) ?? [])
            if (!seen.has(line)) seen.set(line, Date.now());
          return [...seen].filter(
            ([line, at]) =>
              Date.now() - at >= 700 &&
              !victim.log.includes(`completed ${line.replace('started ', '')} `),
          );
        };
        const deadline = Date.now() + 120_000;
        while (midRun().length === 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(midRun().length).toBeGreaterThan(0);
        victim.child.kill('SIGKILL');
        const result = await batch.done;
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.code).toBe(0);
      } finally {
        await stopWorkers(workers);
      }
      const folders = runFolders(out);
      expect(folders).toHaveLength(30);
      let resumed = 0;
      for (const folder of folders) {
        expect(folder.events.filter((e) => e.type === 'discussion-started')).toHaveLength(1);
        expect(folder.events.at(-1)).toMatchObject({
          type: 'discussion-ended',
          reason: 'completed',
        });
        if (folder.events.some((e) => e.type === 'discussion-resumed')) resumed += 1;
        // The same discussion a local batch had: no turn lost, none said twice.
        const same = [...expected.values()].find(
          (f) => f.name.split('-').pop() === folder.name.split('-').pop(),
        );
        expect(spoken(folder.events), folder.name).toEqual(spoken(same?.events ?? []));
      }
      // The killed worker's runs were taken up by others from their recorded events.
      expect(resumed).toBeGreaterThan(0);
      const rows = resultRows(out);
      expect(rows).toHaveLength(30);
      expect(new Set(rows.map((r) => r.key)).size).toBe(30);
      // The batch's machine indexed every run in its library.
      const history = await runCli(['history', '--limit', '100', '--json'], { env });
      expect(history.stdout.trim().split('\n').length).toBe(60);
    });
  }, 240_000);

  it('holds an endpoint limit across all workers together', async () => {
    const proxy = await startRecordingProxy(paced.url);
    const workers: Worker[] = [];
    try {
      await withTempDir(async (tmp) => {
        const home = join(tmp, 'home');
        const table = writeTable(join(tmp, 'table'));
        workers.push(startWorker(home), startWorker(home), startWorker(home));
        const grid = writeGrid(
          tmp,
          gridOn(table, proxy.baseUrl, [1, 2, 3, 4, 5, 6], { maxConcurrentRequests: 2 }),
        );
        const result = await runCli(
          ['batch', grid, '--out', join(tmp, 'b'), '--queue', redis.url],
          {
            env: { ROUNDTABLE_HOME: home },
          },
        );
        expect(result.code).toBe(0);
        expect(proxy.requests.length).toBe(6 * 7);
        // Six runs on three workers, two at a time each, yet never more than two requests at once.
        expect(proxy.maxInFlight()).toBe(2);
      });
    } finally {
      await stopWorkers(workers);
      await proxy.close();
    }
  }, 120_000);

  it('names a Redis that does not answer, and a bad queue URL', async () => {
    const down = await runCli(['worker', '--queue', 'redis://127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*is redis-server running there\?/,
    );
    const bad = await runCli(['worker', '--queue', 'http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--queue: expected a redis:\/\/ or rediss:\/\/ URL/);
  });
});
