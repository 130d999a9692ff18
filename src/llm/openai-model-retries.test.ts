// The OpenAI model adapter against a fake server: what is retried before the first token (429,
// 5xx, refused connections, timeouts, stalls, broken streams), how long it waits, and what it says.
import { describe, expect, it } from 'vitest';
import { closedPort, openAIError, streamOf } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import {
  asModelError,
  harness,
  json,
  request,
  retries,
  run,
  usages,
} from './test-utils/run-model.js';

const fake = fakeOpenAIPerTest();

describe('retries before the first token', () => {
  it('429: honors Retry-After in seconds, says so, then streams the reply', async () => {
    fake.enqueue(
      json(429, openAIError('Rate limit reached', 'requests'), { 'retry-after': '7' }),
      streamOf(['after ', 'waiting']),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    const { chunks, text, error } = await run(model);

    expect(error).toBeUndefined();
    expect(sleeps).toEqual([7000]);
    expect(retries(chunks)).toEqual([
      { type: 'retry', attempt: 1, delayMs: 7000, reason: expect.stringContaining('HTTP 429') },
    ]);
    // The retry notice comes before any text.
    expect(chunks[0]?.type).toBe('retry');
    expect(text).toBe('after waiting');
    expect(fake.requests).toHaveLength(2);
  });

  it('429: retry-after-ms wins over Retry-After', async () => {
    fake.enqueue(
      json(429, openAIError('slow down'), { 'retry-after-ms': '1500', 'retry-after': '9' }),
      streamOf(['ok']),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    await run(model);
    expect(sleeps).toEqual([1500]);
  });

  it('429 asking for a wait longer than a minute fails at once, non-fatal, saying why', async () => {
    fake.enqueue(json(429, openAIError('slow down'), { 'retry-after': '3600' }));
    const { model, sleeps } = harness(fake.baseUrl);
    const { error } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'rate-limit', fatal: false });
    expect(e.message).toContain('asks to wait 3600 s');
    expect(sleeps).toEqual([]);
  });

  it('429 without Retry-After backs off exponentially', async () => {
    fake.enqueue(json(429, openAIError('a')), json(429, openAIError('b')), streamOf(['ok']));
    const { model, sleeps } = harness(fake.baseUrl, { backoff: { baseMs: 400, maxMs: 10_000 } });
    await run(model);
    // random() = 0 pins the jitter to its floor: half of 400, then half of 800.
    expect(sleeps).toEqual([200, 400]);
  });

  it('5xx is retried, then the reply streams', async () => {
    fake.enqueue(
      json(500, openAIError('internal error', 'server_error')),
      json(503, openAIError('overloaded', 'server_error')),
      streamOf(['recovered'], { usage: { prompt: 3, completion: 1 } }),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    const { chunks, error } = await run(model);

    expect(error).toBeUndefined();
    expect(retries(chunks).map((r) => [r.attempt, r.reason])).toEqual([
      [1, expect.stringContaining('HTTP 500: internal error')],
      [2, expect.stringContaining('HTTP 503: overloaded')],
    ]);
    expect(sleeps).toHaveLength(2);
    expect(chunks.at(-2)).toEqual({ type: 'text', text: 'recovered' });
    expect(usages(chunks)).toEqual([{ promptTokens: 3, completionTokens: 1, estimated: false }]);
  });

  it('retries exhausted: a non-fatal error that says how many attempts were made', async () => {
    fake.enqueue(json(502, {}), json(502, {}), json(502, {}), streamOf(['never asked for']));
    const { model, sleeps } = harness(fake.baseUrl, { retries: 2 });
    const { error, chunks } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'server', fatal: false, status: 502 });
    expect(e.message).toContain('gave up after 3 attempts');
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(retries(chunks).map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('retries: 0 means one attempt and the plain error', async () => {
    fake.enqueue(json(500, openAIError('boom')));
    const { model, sleeps } = harness(fake.baseUrl, { retries: 0 });
    const { error } = await run(model);
    expect(asModelError(error).message).not.toContain('gave up');
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('connection refused: says so, names the URL, retries', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const { model, sleeps } = harness(baseUrl, { retries: 1 });
    const { error, chunks } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'connection', fatal: false });
    expect(e.message).toContain(`could not connect to ${baseUrl}`);
    expect(e.message).toContain('is the server running?');
    expect(sleeps).toHaveLength(1);
    expect(retries(chunks)).toHaveLength(1);
  });

  it('request timeout: no response headers in time, retried, then a timeout error', async () => {
    fake.enqueue({ kind: 'no-response' }, { kind: 'no-response' });
    // Long enough for a loaded machine to get each request to the server before it times out.
    const { model, sleeps } = harness(fake.baseUrl, { timeoutMs: 500, retries: 1 });
    const { error, chunks } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'timeout', fatal: false });
    expect(e.message).toContain('within 500 ms (request timeout)');
    expect(retries(chunks)[0]?.reason).toContain('request timeout');
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('stall timeout: headers but no token in time, retried on a fresh request', async () => {
    fake.enqueue({ kind: 'stream', steps: [{ kind: 'hang' }] }, streamOf(['finally']));
    const { model } = harness(fake.baseUrl, { stallTimeoutMs: 250 });
    const { error, chunks, text } = await run(model);

    expect(error).toBeUndefined();
    expect(retries(chunks)[0]?.reason).toContain('for 250 ms (stall timeout)');
    expect(text).toBe('finally');
    // The stalled request was abandoned, not left open.
    await fake.requests[0]?.closed;
    expect(fake.requests[0]?.clientDisconnected).toBe(true);
  });

  it('a slow but steady stream is not a stall', async () => {
    const gap = { kind: 'delay', ms: 150 } as const;
    fake.enqueue({
      kind: 'stream',
      steps: [
        gap,
        { kind: 'text', text: 'slow ' },
        gap,
        { kind: 'text', text: 'but steady' },
        gap,
        { kind: 'finish' },
        { kind: 'done' },
      ],
    });
    // Each gap is well under the stall timeout though the whole reply takes longer than it.
    const { model } = harness(fake.baseUrl, { stallTimeoutMs: 400 });
    const { error, text, chunks } = await run(model);
    expect(error).toBeUndefined();
    expect(text).toBe('slow but steady');
    expect(retries(chunks)).toEqual([]);
  });

  it('a slow consumer is not mistaken for a stalled server', async () => {
    fake.enqueue(streamOf(['every ', 'word ', 'kept']));
    const { model } = harness(fake.baseUrl, { stallTimeoutMs: 50 });
    const seen: string[] = [];
    for await (const c of model(request(), new AbortController().signal)) {
      if (c.type === 'text') seen.push(c.text);
      // A renderer busy for longer than the stall timeout between two chunks.
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(seen.join('')).toBe('every word kept');
  });

  it('stallTimeoutMs 0 waits as long as the server takes', async () => {
    fake.enqueue({
      kind: 'stream',
      steps: [
        { kind: 'delay', ms: 30 },
        { kind: 'text', text: 'patience' },
        { kind: 'finish' },
        { kind: 'done' },
      ],
    });
    const { error, text, chunks } = await run(harness(fake.baseUrl, { stallTimeoutMs: 0 }).model);
    expect(error).toBeUndefined();
    expect(text).toBe('patience');
    expect(retries(chunks)).toEqual([]);
  });

  it('a connection dropped before any text is retried', async () => {
    fake.enqueue({ kind: 'stream', steps: [{ kind: 'drop' }] }, streamOf(['second try']));
    const { model } = harness(fake.baseUrl);
    const { error, text, chunks } = await run(model);

    expect(error).toBeUndefined();
    expect(retries(chunks)).toHaveLength(1);
    expect(text).toBe('second try');
  });

  it('a malformed SSE line before any text is retried', async () => {
    fake.enqueue(
      { kind: 'stream', steps: [{ kind: 'raw', data: 'data: {"choices": [\n\n' }] },
      streamOf(['clean']),
    );
    const { model } = harness(fake.baseUrl);
    const { error, text, chunks } = await run(model);

    expect(error).toBeUndefined();
    expect(retries(chunks)[0]?.reason).toContain('malformed');
    expect(text).toBe('clean');
  });

  it('an error event in the stream before any text is retried', async () => {
    fake.enqueue(
      {
        kind: 'stream',
        steps: [
          {
            kind: 'raw',
            data: `data: ${JSON.stringify(openAIError('engine overloaded', 'server_error'))}\n\n`,
          },
        ],
      },
      streamOf(['ok']),
    );
    const { model } = harness(fake.baseUrl);
    const { error, chunks } = await run(model);

    expect(error).toBeUndefined();
    expect(retries(chunks)[0]?.reason).toContain('engine overloaded');
  });

  it('a stream that ends with neither text nor finish_reason: retried, then a protocol error', async () => {
    const empty = { kind: 'stream', steps: [{ kind: 'done' }] } as const;
    fake.enqueue(empty, empty);
    const { model } = harness(fake.baseUrl, { retries: 1 });
    const { error } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'protocol', fatal: false });
    expect(e.message).toContain('without a finish_reason');
    expect(fake.requests).toHaveLength(2);
  });
});
