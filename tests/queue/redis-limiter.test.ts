// The limits a queue's workers share, kept in a real redis-server: each limiter here stands for a
// worker (a connection of its own), all on one endpoint. "A minute" is shortened to a second.
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Permit } from '../../src/limits/limiter.js';
import { RedisLimiter } from '../../src/limits/redis-limiter.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

let redis: RedisServer;
const connections: Redis[] = [];
let endpoint = 0;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterEach(() => {
  for (const c of connections.splice(0)) c.disconnect();
});
afterAll(async () => {
  await redis?.stop();
});

const WINDOW_MS = 1_000;

/** `n` workers' limiters for one new endpoint (fresh keys for each test). */
async function workers(n: number, limits: object, leaseMs?: number): Promise<RedisLimiter[]> {
  const { Redis } = await import('ioredis');
  endpoint += 1;
  return Array.from({ length: n }, () => {
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    connection.on('error', () => {});
    connections.push(connection);
    return new RedisLimiter(connection, `http://endpoint-${endpoint}/v1`, limits, {
      windowMs: WINDOW_MS,
      ...(leaseMs === undefined ? {} : { leaseMs }),
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('limits shared by every worker through Redis', () => {
  it('never lets more requests than maxConcurrentRequests be in flight across workers', async () => {
    const [a, b] = await workers(2, { maxConcurrentRequests: 2 });
    if (a === undefined || b === undefined) throw new Error('two workers');
    let inFlight = 0;
    let most = 0;
    const request = async (limiter: RedisLimiter) => {
      const permit = await limiter.acquire(0);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sleep(60);
      inFlight -= 1;
      permit.release();
    };
    await Promise.all([a, a, a, b, b, b].map(request));
    expect(most).toBe(2);
  });

  it('spreads requests and tokens over the window across workers', async () => {
    const [a, b] = await workers(2, { requestsPerMinute: 3 });
    if (a === undefined || b === undefined) throw new Error('two workers');
    const start = Date.now();
    const at: number[] = [];
    await Promise.all(
      [a, b, a, b].map(async (limiter) => {
        (await limiter.acquire(0)).release();
        at.push(Date.now() - start);
      }),
    );
    at.sort((x, y) => x - y);
    // Three at once, the fourth once the first has left the window.
    expect(at[2]).toBeLessThan(WINDOW_MS / 2);
    expect(at[3]).toBeGreaterThanOrEqual(WINDOW_MS - 50);

    const [c, d] = await workers(2, { tokensPerMinute: 100 });
    if (c === undefined || d === undefined) throw new Error('two workers');
    const t0 = Date.now();
    (await c.acquire(60)).release();
    (await d.acquire(60)).release();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(WINDOW_MS - 50);
  });

  it('holds every worker back while a 429 pause lasts', async () => {
    const [a, b] = await workers(2, { maxConcurrentRequests: 5 });
    if (a === undefined || b === undefined) throw new Error('two workers');
    a.pause(400);
    await sleep(20);
    const t0 = Date.now();
    (await b.acquire(0)).release();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
  });

  it('keeps a slot while its holder renews it, and frees a dead holder’s when its lease lapses', async () => {
    const [a, b] = await workers(2, { maxConcurrentRequests: 1 }, 300);
    if (a === undefined || b === undefined) throw new Error('two workers');
    const held: Permit = await a.acquire(0);
    // Three leases long: still held, since the holder renews it.
    const waiting = new AbortController();
    const blocked = b.acquire(0, waiting.signal);
    const outcome = await Promise.race([
      blocked.then(() => 'granted'),
      sleep(900).then(() => 'waiting'),
    ]);
    expect(outcome).toBe('waiting');
    waiting.abort();
    await expect(blocked).rejects.toThrow();
    // The holder dies (its connection gone, nothing renews): the slot is free a lease later.
    connections[0]?.disconnect();
    const t0 = Date.now();
    (await b.acquire(0)).release();
    expect(Date.now() - t0).toBeLessThan(2_000);
    held.release();
  });
});
