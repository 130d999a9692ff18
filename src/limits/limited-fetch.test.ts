import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAI, openAIError, startFakeOpenAI } from '../llm/test-utils/fake-openai.js';
import { harness, request, run } from '../llm/test-utils/run-model.js';
import { limitedFetch, requestTokens } from './limited-fetch.js';
import type { Limiter, Permit } from './limiter.js';
import { LocalLimiter } from './local-limiter.js';

let server: FakeOpenAI;
beforeEach(async () => {
  server = await startFakeOpenAI();
});
afterEach(async () => {
  await server.close();
});

/** A limiter that records what was asked of it, around a real one. */
function recording(inner: LocalLimiter) {
  const log: string[] = [];
  // When the last pause was asked, on the limiter's clock (performance.now).
  const paused = { at: Number.NaN };
  const limiter: Limiter = {
    async acquire(tokens, signal) {
      log.push(`acquire ${tokens}`);
      const permit = await inner.acquire(tokens, signal);
      return {
        release: () => {
          log.push('release');
          permit.release();
        },
      } satisfies Permit;
    },
    pause(ms) {
      log.push(`pause ${ms}`);
      paused.at = performance.now();
      inner.pause(ms);
    },
  };
  return { limiter, log, paused };
}

describe('limitedFetch', () => {
  it('holds the permit until the streamed reply has been read', async () => {
    const inner = new LocalLimiter({ maxConcurrentRequests: 1 });
    const { limiter, log } = recording(inner);
    server.enqueue({
      kind: 'stream',
      steps: [
        { kind: 'text', text: 'Hello' },
        { kind: 'delay', ms: 100 },
        { kind: 'text', text: ' there' },
        { kind: 'finish' },
        { kind: 'done' },
      ],
    });
    const { model } = harness(server.baseUrl, { fetch: limitedFetch(limiter) });
    const stream = model(request({ maxTokens: 50 }), new AbortController().signal);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ value: { type: 'text', text: 'Hello' } });
    // Mid-stream the request is still in flight: nobody else may start one.
    expect(inner.inFlight).toBe(1);
    while (!(await iterator.next()).done);
    expect(inner.inFlight).toBe(0);
    expect(log).toEqual([
      `acquire ${requestTokens(JSON.stringify(server.requests[0]?.body))}`,
      'release',
    ]);
    expect(requestTokens(JSON.stringify(server.requests[0]?.body))).toBeGreaterThan(50);
  });

  it('releases the permit when the reader gives up half way', async () => {
    const inner = new LocalLimiter({ maxConcurrentRequests: 1 });
    server.enqueue({ kind: 'stream', steps: [{ kind: 'text', text: 'Hi' }, { kind: 'hang' }] });
    const { model } = harness(server.baseUrl, { fetch: limitedFetch(inner) });
    const abort = new AbortController();
    const iterator = model(request(), abort.signal)[Symbol.asyncIterator]();
    await iterator.next();
    abort.abort();
    while (!(await iterator.next()).done);
    await server.requests[0]?.closed;
    expect(inner.inFlight).toBe(0);
  });

  it('pauses everyone sharing the endpoint for as long as a 429 asks', async () => {
    const inner = new LocalLimiter({});
    const { limiter, log, paused } = recording(inner);
    server.enqueue(
      {
        kind: 'json',
        status: 429,
        body: openAIError('slow down', 'rate_limit_error'),
        headers: { 'retry-after-ms': '250' },
      },
      { kind: 'json', status: 200, body: {} },
    );
    const fetch = limitedFetch(limiter);
    const { model } = harness(server.baseUrl, { fetch, retries: 0 });
    await run(model);
    const tokens = requestTokens(JSON.stringify(server.requests[0]?.body));
    expect(log).toEqual([`acquire ${tokens}`, 'pause 250', 'release']);
    // Another caller on the same limiter (another seat, another run) waits out the pause: it is
    // answered no sooner than 250 ms after the 429 was read, however long the run took to end
    // (timed from the run's end, a loaded machine failed it). 1 ms: timers run on the event
    // loop's clock, which can trail performance.now() by under a millisecond.
    await fetch(`${server.baseUrl}/models`);
    expect(performance.now() - paused.at).toBeGreaterThanOrEqual(249);
  });

  it('counts a chat request as its prompt estimate plus its reply budget', () => {
    const body = JSON.stringify({
      messages: [{ role: 'user', content: 'x'.repeat(400) }],
      max_tokens: 300,
    });
    expect(requestTokens(body)).toBe(3 + 3 + 100 + 300);
    expect(requestTokens(JSON.stringify({ max_completion_tokens: 7 }))).toBe(7);
    expect(requestTokens(undefined)).toBe(0);
    expect(requestTokens('not json')).toBe(0);
  });
});
