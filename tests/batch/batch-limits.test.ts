// Per-endpoint limits hold for all of a batch's runs together, checked by a server that records
// every request: never more in flight than maxConcurrentRequests, never more requests or tokens in
// a minute than allowed, and a 429 holds back every run, not only the one that got it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { startRecordingProxy } from '../helpers/recording-proxy.js';
import { runFolders, writeGrid } from './helpers.js';

let upstream: DummyServer;
beforeAll(async () => {
  // Paced, so that replies overlap in time and concurrency is really tested.
  upstream = await startDummyServer({ seed: 5, tokensPerSecond: 300, logLevel: 'silent' });
});
afterAll(async () => {
  await upstream.close();
});

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

function gridFor(table: string, baseUrl: string, limits: Record<string, number>, seeds: number[]) {
  return {
    tables: [table],
    seeds,
    settings: [{ endpoint: 'rec', turns: 3, maxTokens: 30 }],
    endpoints: { rec: { baseUrl, model: 'markov', ...limits } },
  };
}

describe('per-endpoint limits in a batch', () => {
  it('never has more requests in flight than maxConcurrentRequests, and a 429 pauses every run', async () => {
    const proxy = await startRecordingProxy(upstream.url, {
      tooManyRequests: (n) => (n === 6 ? 1500 : undefined),
    });
    try {
      await withTempDir(async (tmp) => {
        const table = writeTable(join(tmp, 'table'));
        const grid = writeGrid(
          tmp,
          gridFor(table, proxy.baseUrl, { maxConcurrentRequests: 2 }, [1, 2, 3, 4, 5, 6, 7, 8]),
        );
        const result = await runCli(
          ['batch', grid, '--out', join(tmp, 'b'), '--concurrency', '4'],
          {
            env: { ROUNDTABLE_HOME: join(tmp, 'home') },
          },
        );
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.code).toBe(0);
        // 8 runs × (3 turns + a summary), and the one request that was answered 429 and retried.
        expect(proxy.requests.length).toBe(8 * 4 + 1);
        expect(proxy.maxInFlight()).toBe(2);
        const refused = proxy.requests.find((r) => r.status === 429);
        expect(refused).toBeDefined();
        // Every request after the 429, from any run, waited out the 1.5 s it asked for: the
        // client starts the pause when it reads the 429, after the proxy sent it, so nothing it
        // sends after that arrives sooner (10 ms for two processes' clocks). Only one already on
        // its way (the other slot of two) may arrive meanwhile, however late a loaded machine
        // delivers it; without the pause for every run, the other slot goes on sending.
        const sent = refused?.end ?? 0;
        const during = proxy.requests.filter((r) => r.start > sent && r.start < sent + 1490);
        expect(during.length).toBeLessThanOrEqual(1);
        expect(proxy.requests.filter((r) => r.start >= sent + 1490).length).toBeGreaterThan(20);
        // The refused run waited what the 429 asked, no more and no less: its retry, as it says.
        const retries = runFolders(join(tmp, 'b')).flatMap((run) =>
          run.events.filter((e) => e.type === 'retry'),
        );
        expect(retries.map((e) => e.type === 'retry' && e.delayMs)).toEqual([1500]);
      });
    } finally {
      await proxy.close();
    }
  }, 90_000);

  it('never sends more requests or tokens in a minute than allowed', async () => {
    const proxy = await startRecordingProxy(upstream.url);
    try {
      await withTempDir(async (tmp) => {
        const table = writeTable(join(tmp, 'table'));
        const limits = { requestsPerMinute: 10, tokensPerMinute: 6000 };
        const grid = writeGrid(tmp, gridFor(table, proxy.baseUrl, limits, [1, 2, 3, 4, 5, 6]));
        const { child, done } = spawnCli(
          ['batch', grid, '--out', join(tmp, 'b'), '--concurrency', '4', '--plain'],
          { env: { ROUNDTABLE_HOME: join(tmp, 'home') } },
        );
        // Let the batch run into its limits, then watch that nothing more gets through.
        await until(
          () => proxy.requests.length >= 3 && proxy.requests.every((r) => r.end !== undefined),
          20_000,
        );
        await new Promise((r) => setTimeout(r, 3000));
        const seen = proxy.requests.length;
        const tokens = proxy.requests.reduce((sum, r) => sum + r.tokens, 0);
        child.kill('SIGINT');
        const result = await done;
        expect(result.code).toBe(130);
        // All of it within the first minute: within both budgets, and the budgets were reached.
        expect(seen).toBeLessThanOrEqual(10);
        expect(tokens).toBeLessThanOrEqual(6000);
        expect(seen).toBeGreaterThanOrEqual(3);
        expect(10 - seen <= 1 || 6000 - tokens < 1400).toBe(true);
        expect(proxy.requests.length).toBe(seen);
      });
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
