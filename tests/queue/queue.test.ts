// The queue with a real redis-server: three workers and a batch of 30 runs; one worker is killed
// with SIGKILL in the middle of a run. Every run still completes exactly once, its transcript
// written by the batch's machine, saying exactly what a local batch of the same grid says.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { resultRows, runFolders, spoken, writeGrid } from '../batch/helpers.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import {
  expectOnce,
  gridOn,
  inTheMiddle,
  startWorker,
  stopWorkers,
  until,
  withSixRuns,
} from './workers.js';

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
// Each test's workers are gone by its end, but BullMQ's keys stay, and one of them steers the
// next test's workers: a worker that checks for stalled runs every N ms sets `stalled-check` for
// N ms, and no worker on the queue checks again before it lapses. The endpoint-limit test's
// workers (--stalled-after 120: every 60 s) held off the fence test's takeover for up to a minute
// (55-58 s of its own 60 s wait, in every suite run; 10 s alone).
afterEach(async () => {
  await redis.flush();
});
afterAll(async () => {
  await Promise.all([redis?.stop(), fast?.close(), paced?.close()]);
});

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

      const workers = [
        startWorker(redis.url, home),
        startWorker(redis.url, home),
        startWorker(redis.url, home),
      ];
      const out = join(tmp, 'queued');
      try {
        const grid = writeGrid(tmp, gridOn(table, paced.url, seeds), 'queued.json');
        const batch = spawnCli(['batch', grid, '--out', out, '--queue', redis.url, '--plain'], {
          env,
        });
        // Kill the first worker as soon as it is in the middle of a run.
        const victim = workers[0];
        if (victim === undefined) throw new Error('three workers');
        await inTheMiddle(victim, 700, 120_000);
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
      const listed = history.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { status: string; turnsSpoken: number; dir: string });
      expect(listed).toHaveLength(60);
      // Whole: the coordinator writes each run's records into the library in batches.
      for (const folder of folders) {
        const run = listed.find((r) => r.dir.endsWith(folder.name) && r.dir.includes(out));
        const ended = folder.events.at(-1);
        expect(run?.status, folder.name).toBe('completed');
        expect(run?.turnsSpoken).toBe(ended?.type === 'discussion-ended' ? ended.turns : -1);
      }
    });
  }, 240_000);

  it('keeps budgetUsd: a queued run wraps up where the same run does on this machine', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = writeTable(join(tmp, 'table'));
      // A price for the offline model, so that dollars are spent and a dollar budget can bind.
      const grid = (name: string, budgetUsd?: number) =>
        writeGrid(
          tmp,
          {
            ...gridOn(table, fast.url, [3]),
            settings: [{ endpoint: 'box', turns: 12, maxTokens: 30, budgetUsd }],
            prices: { markov: { input: 100, output: 100 } },
          },
          name,
        );
      const batch = async (args: string[]) => {
        const result = await runCli(['batch', ...args], { env });
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.code).toBe(0);
        return runFolders(args[2] ?? '')[0]?.events ?? [];
      };
      await batch([grid('free.json'), '--out', join(tmp, 'free')]);
      const unbudgeted = resultRows(join(tmp, 'free'))[0]?.costUsd as number;
      const budgetUsd = Number((unbudgeted * 0.6).toFixed(4));
      const local = await batch([grid('local.json', budgetUsd), '--out', join(tmp, 'local')]);
      const worker = startWorker(redis.url, env.ROUNDTABLE_HOME);
      try {
        const queued = await batch([
          grid('queued.json', budgetUsd),
          '--out',
          join(tmp, 'queued'),
          '--queue',
          redis.url,
        ]);
        // The budget bound: fewer than the twelve turns, and the queued run is the same run.
        const ended = local.at(-1);
        expect(ended?.type === 'discussion-ended' && ended.turns).toBeLessThan(12);
        expect(local.some((e) => e.type === 'phase-ended' && e.reason === 'budget')).toBe(true);
        expect(spoken(queued)).toEqual(spoken(local));
        expect(resultRows(join(tmp, 'queued'))[0]?.costUsd).toBe(
          resultRows(join(tmp, 'local'))[0]?.costUsd,
        );
      } finally {
        await stopWorkers([worker]);
      }
    });
  }, 120_000);

  it('holds an endpoint limit across all workers together, each run completed exactly once', async () => {
    // Nobody dies here, so no lock as short as the other tests' 2 s: on a loaded machine a worker
    // starved that long loses its runs to another, which sends the request that was in flight
    // again (the test below); that is how this test once counted 44 requests, not 42.
    const limit = { maxConcurrentRequests: 2 };
    await withSixRuns(
      { server: paced.url, queue: redis.url },
      ['--stalled-after', '120'],
      limit,
      async ({ proxy, workers, home, grid, out }) => {
        const result = await runCli(['batch', grid, '--out', out, '--queue', redis.url], {
          env: { ROUNDTABLE_HOME: home },
        });
        expect(result.code).toBe(0);
        // Six runs on three workers, two at a time each, yet never more than two requests at once
        // (and two at once did happen: the limit, not the workload, held them back).
        expect(proxy.maxInFlight()).toBe(2);
        expectOnce(out, 6);
        // Each run's six turns and its summary asked for once: no request retried or repeated.
        expect(proxy.requests.filter((r) => r.status !== 200)).toEqual([]);
        expect(proxy.requests).toHaveLength(6 * 7);
        expect(workers.map((w) => w.log).join('')).not.toMatch(/resuming|gave up|queue error/);
      },
    );
  }, 120_000);

  it('fences out a worker that froze past --stalled-after: its runs go on elsewhere, no turn twice', async () => {
    // No concurrency limit: the frozen worker's permits would hold the others back until their
    // leases lapse, and the runs it holds would not be taken up for 15 s.
    await withSixRuns(
      { server: paced.url, queue: redis.url },
      [],
      {},
      async ({ proxy, workers, home, grid, out }) => {
        const batch = spawnCli(['batch', grid, '--out', out, '--queue', redis.url], {
          env: { ROUNDTABLE_HOME: home },
        });
        const [frozen, ...others] = workers;
        if (frozen === undefined) throw new Error('three workers');
        const held = await inTheMiddle(frozen, 500, 60_000);
        // What a machine under heavy load does to a process, for longer than its lock lasts:
        // stopped until another worker has taken up one of its runs.
        frozen.child.kill('SIGSTOP');
        await until(() => others.some((w) => held.some((run) => w.log.includes(` ${run} (`))));
        frozen.child.kill('SIGCONT');
        const result = await batch.done;
        expect(result.code).toBe(0);
        expectOnce(out, 6);
        // Awake again, it found its appends refused and let those runs go.
        expect(frozen.log).toMatch(/gave up run \d+/);
        // Every run taken over (this one's; on a loaded machine others lose their 2 s locks too)
        // cost at most the request its first worker had in flight, sent again by the one taking
        // it up. Counted by the takers: the frozen worker may not have found out about each of
        // its runs before the batch ended (a CI run saw it say "gave up" for one of two).
        const logs = workers.map((w) => w.log).join('\n');
        const takenOver = logs.match(/resuming run \d+/g)?.length ?? 0;
        expect(takenOver).toBeGreaterThanOrEqual(1);
        expect(proxy.requests.length).toBeGreaterThanOrEqual(6 * 7);
        expect(proxy.requests.length, logs).toBeLessThanOrEqual(6 * 7 + takenOver);
      },
    );
  }, 120_000);

  it('stops on Ctrl-C and, started again, finishes what it handed out, each run once', async () => {
    await withSixRuns(
      { server: paced.url, queue: redis.url },
      [],
      {},
      async ({ home, grid, out }) => {
        const args = ['batch', grid, '--out', out, '--queue', redis.url, '--plain'];
        const env = { ROUNDTABLE_HOME: home };
        let said = '';
        let stopped = false;
        const first = spawnCli(args, {
          env,
          // Ctrl-C once a run has ended, while others still run.
          onStderr: (text, child) => {
            said += text;
            if (!stopped && /done run \d+/.test(said)) {
              stopped = true;
              child.kill('SIGINT');
            }
          },
        });
        const result = await first.done;
        expect(result.code, result.stderr).toBe(130);
        expect(result.stderr).toMatch(/batch stopped; run the same command again to resume it/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        const again = await runCli(args, { env });
        expect(again.code, again.stderr).toBe(0);
        expectOnce(out, 6);
      },
    );
  }, 180_000);

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
