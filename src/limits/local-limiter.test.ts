import { describe, expect, it } from 'vitest';
import type { Permit } from './limiter.js';
import { LocalLimiter } from './local-limiter.js';
import { FakeClock } from './test-utils/fake-clock.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Asks for `count` permits and records when each was granted. */
function ask(limiter: LocalLimiter, clock: FakeClock, count: number, tokens = 0) {
  const granted: { at: number; permit: Permit }[] = [];
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    void limiter.acquire(tokens).then((permit) => {
      granted.push({ at: clock.now(), permit });
      order.push(i);
    });
  }
  return { granted, order };
}

describe('LocalLimiter', () => {
  it('lets no more than maxConcurrentRequests through until one is released', async () => {
    const clock = new FakeClock();
    const limiter = new LocalLimiter({ maxConcurrentRequests: 2 }, { clock });
    const { granted, order } = ask(limiter, clock, 5);
    await settle();
    expect(granted).toHaveLength(2);
    granted[0]?.permit.release();
    granted[0]?.permit.release(); // a second release does not free a second slot
    await settle();
    expect(granted).toHaveLength(3);
    expect(limiter.inFlight).toBe(2);
    for (const g of [...granted]) g.permit.release();
    await settle();
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('spreads requests over a sliding minute', async () => {
    const clock = new FakeClock();
    const limiter = new LocalLimiter({ requestsPerMinute: 3 }, { clock });
    const { granted } = ask(limiter, clock, 7);
    await settle();
    expect(granted.map((g) => g.at)).toEqual([0, 0, 0]);
    await clock.advance(59_999);
    expect(granted).toHaveLength(3);
    await clock.advance(1);
    expect(granted.map((g) => g.at)).toEqual([0, 0, 0, 60_000, 60_000, 60_000]);
    await clock.advance(60_000);
    expect(granted.at(-1)?.at).toBe(120_000);
    // In no window of a minute were more than three let through.
    const times = granted.map((g) => g.at);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(3);
  });

  it('counts tokens per minute, and lets a request bigger than the budget go alone', async () => {
    const clock = new FakeClock();
    const limiter = new LocalLimiter({ tokensPerMinute: 1000 }, { clock });
    const granted: [string, number][] = [];
    const take = (label: string, tokens: number) =>
      limiter.acquire(tokens).then(() => granted.push([label, clock.now()]));
    void take('a', 600);
    void take('b', 300);
    void take('c', 200); // 1,100 > 1,000: waits for a's tokens to age out
    void take('huge', 5000);
    void take('d', 10);
    await settle();
    expect(granted).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
    await clock.advance(30_000);
    expect(granted).toHaveLength(2);
    await clock.advance(30_000);
    expect(granted.slice(2)).toEqual([['c', 60_000]]);
    // The huge one waits for an empty window, and d, behind it, waits too (first come first).
    await clock.advance(59_999);
    expect(granted).toHaveLength(3);
    await clock.advance(1);
    expect(granted.slice(3)).toEqual([['huge', 120_000]]);
    await clock.advance(60_000);
    expect(granted.slice(4)).toEqual([['d', 180_000]]);
  });

  it('holds everyone back while a 429 pause lasts; a shorter pause does not shorten it', async () => {
    const clock = new FakeClock();
    const limiter = new LocalLimiter({}, { clock });
    limiter.pause(5_000);
    limiter.pause(1_000);
    const { granted } = ask(limiter, clock, 3);
    await clock.advance(4_999);
    expect(granted).toHaveLength(0);
    await clock.advance(1);
    expect(granted.map((g) => g.at)).toEqual([5_000, 5_000, 5_000]);
  });

  it('takes a waiting request out of the line when its signal aborts', async () => {
    const clock = new FakeClock();
    const limiter = new LocalLimiter({ maxConcurrentRequests: 1 }, { clock });
    const first = await limiter.acquire(0);
    const abort = new AbortController();
    const waiting = limiter.acquire(0, abort.signal);
    const after = limiter.acquire(0);
    abort.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(limiter.waiting).toBe(1);
    first.release();
    await expect(after).resolves.toBeDefined();
    await expect(limiter.acquire(0, AbortSignal.abort())).rejects.toThrow(/aborted/);
  });
});
