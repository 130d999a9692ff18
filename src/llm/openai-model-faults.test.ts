import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelError } from '../engine/model.js';
import {
  closedPort,
  type FakeOpenAI,
  openAIError,
  startFakeOpenAI,
  streamOf,
} from './test-utils/fake-openai.js';
import { harness, request, retries, run, usages } from './test-utils/run-model.js';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

function asModelError(error: unknown): ModelError {
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  ({ kind: 'json', status, body, headers }) as const;

describe('errors that no retry can fix', () => {
  it.each([401, 403])('HTTP %i: auth error, fatal, asked once', async (status) => {
    fake.enqueue(json(status, openAIError('Incorrect API key provided', 'invalid_request_error')));
    const { model, sleeps } = harness(fake.baseUrl);
    const { error, chunks } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'auth', fatal: true, status });
    expect(e.message).toContain(fake.baseUrl);
    expect(e.message).toContain('OPENAI_API_KEY');
    expect(e.message).toContain('Incorrect API key provided');
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(chunks).toEqual([]);
  });

  it("puts the server's words after its own, so a URL they end in is not glued to a parenthesis", async () => {
    const words =
      'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.';
    fake.enqueue(json(401, openAIError(words, 'invalid_request_error')));
    const { error } = await run(harness(fake.baseUrl).model);
    const message = asModelError(error).message;
    expect(message).toMatch(
      /rejected the API key \(HTTP 401\) — set OPENAI_API_KEY to a valid key for this endpoint; the server said: Incorrect API key provided/,
    );
    expect(message).toMatch(/api-keys\.$/);
    // Every parenthesis opened is closed, and none follows the URL.
    expect(message.split('(').length).toBe(message.split(')').length);
  });

  it("names the endpoint's own key variable when it has one", async () => {
    fake.enqueue(json(401, openAIError('bad key')));
    const { error } = await run(harness(fake.baseUrl, { apiKeyEnv: 'OPENROUTER_API_KEY' }).model);
    expect(asModelError(error).message).toContain('set OPENROUTER_API_KEY');
  });

  it('HTTP 404: the model is named, fatal, asked once', async () => {
    fake.enqueue(
      json(
        404,
        openAIError(
          'The model `no-such-model` does not exist',
          'invalid_request_error',
          'model_not_found',
        ),
      ),
    );
    const { model, sleeps } = harness(fake.baseUrl, { name: 'local' });
    const { error } = await run(model, request({ model: 'no-such-model' }));

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'not-found', fatal: true, status: 404 });
    expect(e.message).toContain("model 'no-such-model' was not found at local (");
    expect(e.message).toContain(fake.baseUrl);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("other 4xx: bad request, fatal, with the server's own message", async () => {
    fake.enqueue(
      json(400, openAIError('max_tokens is too large: 999999. This model supports at most 4096')),
    );
    const { error } = await run(harness(fake.baseUrl).model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'bad-request', fatal: true, status: 400 });
    expect(e.message).toContain('max_tokens is too large: 999999');
    expect(fake.requests).toHaveLength(1);
  });

  it('429 for a used-up quota is fatal, not waited out', async () => {
    fake.enqueue(
      json(
        429,
        openAIError('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      ),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    const { error } = await run(model);

    expect(asModelError(error)).toMatchObject({ kind: 'rate-limit', fatal: true });
    expect(sleeps).toEqual([]);
  });
});

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

describe('a reply that breaks off after some text is kept and marked cut off, never retried', () => {
  // A retry would make the listener hear the start of the reply twice.
  const partials = {
    'the connection drops': [{ kind: 'drop' }, /the connection to .* broke/],
    'the stream stalls': [{ kind: 'hang' }, /no token from .* for 100 ms \(stall timeout\)/],
    'a malformed line arrives': [
      { kind: 'raw', data: 'data: {not json\n\n' },
      /sent a malformed event in the reply stream/,
    ],
    'the stream ends without finish_reason': [{ kind: 'done' }, /ended without a finish_reason/],
    'an error event arrives': [
      {
        kind: 'raw',
        data: `data: ${JSON.stringify(openAIError('overloaded', 'server_error'))}\n\n`,
      },
      /sent an error in the reply stream: overloaded/,
    ],
  } as const;

  it.each(Object.entries(partials))('when %s', async (_, [last, reason]) => {
    fake.enqueue({
      kind: 'stream',
      steps: [{ kind: 'text', text: 'So far ' }, { kind: 'text', text: 'so good' }, last],
    });
    const { model, sleeps } = harness(fake.baseUrl, { stallTimeoutMs: 100 });
    const { error, chunks } = await run(model);

    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'text', text: 'So far ' },
      { type: 'text', text: 'so good' },
      { type: 'cut-off', reason: expect.stringMatching(reason) },
      {
        type: 'usage',
        usage: { promptTokens: expect.any(Number), completionTokens: 4, estimated: true },
      },
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('keeps the valid text that follows a malformed event', async () => {
    fake.enqueue({
      kind: 'stream',
      steps: [
        { kind: 'text', text: 'Before, ' },
        { kind: 'raw', data: 'data: {"choices": [{"delta": {"content": "lost\n\n' },
        { kind: 'text', text: 'and after.' },
        { kind: 'finish' },
        { kind: 'done' },
      ],
    });
    const { text, chunks } = await run(harness(fake.baseUrl).model);
    expect(text).toBe('Before, and after.');
    expect(chunks.find((c) => c.type === 'cut-off')).toMatchObject({
      reason: expect.stringContaining('malformed event'),
    });
  });

  it('a reply that finished (finish_reason) before the connection dropped is complete', async () => {
    fake.enqueue({
      kind: 'stream',
      steps: [{ kind: 'text', text: 'All said.' }, { kind: 'finish' }, { kind: 'drop' }],
    });
    const { error, chunks } = await run(harness(fake.baseUrl).model);
    expect(error).toBeUndefined();
    expect(chunks.some((c) => c.type === 'cut-off')).toBe(false);
  });

  it('keeps server usage when the stream lacked only finish_reason', async () => {
    fake.enqueue({
      kind: 'stream',
      steps: [
        { kind: 'text', text: 'hi' },
        { kind: 'usage', prompt: 11, completion: 1 },
        { kind: 'done' },
      ],
    });
    const { chunks } = await run(harness(fake.baseUrl).model);
    expect(usages(chunks)).toEqual([{ promptTokens: 11, completionTokens: 1, estimated: false }]);
    expect(chunks.some((c) => c.type === 'cut-off')).toBe(true);
  });
});

describe('a reply that never ends', () => {
  it('is cut at its token budget (with a margin) when the server ignores max_tokens', async () => {
    // 10,000 chunks of 40 characters (some 100,000 tokens) for a reply of max_tokens 20.
    const steps = Array.from({ length: 10_000 }, () => ({
      kind: 'text' as const,
      text: 'and on and on and on and on and on and ',
    }));
    fake.enqueue({ kind: 'stream', steps: [...steps, { kind: 'hang' }] });
    const { error, text, chunks } = await run(
      harness(fake.baseUrl).model,
      request({ maxTokens: 20 }),
    );
    expect(error).toBeUndefined();
    // Cut soon after 2 × 20 + 32 = 72 estimated tokens (about 290 characters).
    expect(text.length).toBeGreaterThan(250);
    expect(text.length).toBeLessThan(400);
    expect(chunks.find((c) => c.type === 'cut-off')).toMatchObject({
      reason: expect.stringContaining('ran far past its 20-token budget'),
    });
    await fake.requests[0]?.closed;
    expect(fake.requests[0]?.clientDisconnected).toBe(true);
  });

  it('is cut when the whole reply outlasts the timeout, though tokens keep coming', async () => {
    const steps = Array.from({ length: 200 }, () => [
      { kind: 'text' as const, text: 'tick ' },
      { kind: 'delay' as const, ms: 20 },
    ]).flat();
    fake.enqueue({ kind: 'stream', steps: [...steps, { kind: 'finish' }, { kind: 'done' }] });
    // No silence reaches the stall timeout; the reply as a whole exceeds the 300 ms timeout.
    const { error, text, chunks } = await run(
      harness(fake.baseUrl, { timeoutMs: 300, stallTimeoutMs: 200 }).model,
    );
    expect(error).toBeUndefined();
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(200 * 5);
    expect(chunks.find((c) => c.type === 'cut-off')).toMatchObject({
      reason: expect.stringContaining('longer than the 300 ms timeout'),
    });
  });

  it('a timeout before any text is retried as a timeout', async () => {
    fake.enqueue(
      {
        kind: 'stream',
        steps: [
          { kind: 'delay', ms: 3000 },
          { kind: 'text', text: 'late' },
        ],
      },
      streamOf(['on time']),
    );
    // The timeout bounds the whole of the second attempt too: long enough for a loaded machine.
    const { text, chunks } = await run(
      harness(fake.baseUrl, { timeoutMs: 1500, stallTimeoutMs: 0 }).model,
    );
    expect(retries(chunks)[0]?.reason).toContain('within 1.5 s (request timeout)');
    expect(text).toBe('on time');
  });
});

describe('abort', () => {
  it('mid-stream: the generator returns, and the server sees the client go', async () => {
    fake.enqueue({
      kind: 'stream',
      steps: [{ kind: 'text', text: 'first words' }, { kind: 'hang' }],
    });
    const controller = new AbortController();
    const { model } = harness(fake.baseUrl);
    const seen: string[] = [];
    for await (const c of model(request(), controller.signal)) {
      seen.push(c.type === 'text' ? c.text : c.type);
      if (c.type === 'text') controller.abort();
    }

    expect(seen).toEqual(['first words']);
    await fake.requests[0]?.closed;
    expect(fake.requests[0]?.clientDisconnected).toBe(true);
  });

  it('before the response headers: the generator returns quietly', async () => {
    fake.enqueue({ kind: 'no-response' });
    const controller = new AbortController();
    const { model } = harness(fake.baseUrl);
    const pending = run(model, request(), controller.signal);
    // Abort once the server holds the request, so the abort cancels a live HTTP request.
    await vitestWaitFor(() => fake.requests.length === 1);
    controller.abort();
    const { chunks, error } = await pending;

    expect(error).toBeUndefined();
    expect(chunks).toEqual([]);
    await fake.requests[0]?.closed;
    expect(fake.requests[0]?.clientDisconnected).toBe(true);
  });

  it('during a backoff wait: no further attempt is made', async () => {
    fake.enqueue(json(500, openAIError('boom')), streamOf(['never asked for']));
    const controller = new AbortController();
    const { model } = harness(fake.baseUrl, {
      sleep: async () => {
        controller.abort();
      },
    });
    const { chunks, error } = await run(model, request(), controller.signal);

    expect(error).toBeUndefined();
    expect(chunks.map((c) => c.type)).toEqual(['retry']);
    expect(fake.requests).toHaveLength(1);
  });

  it('an already aborted signal makes no request', async () => {
    const controller = new AbortController();
    controller.abort();
    const { chunks } = await run(harness(fake.baseUrl).model, request(), controller.signal);
    expect(chunks).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('a consumer that stops reading closes the request', async () => {
    fake.enqueue({ kind: 'stream', steps: [{ kind: 'text', text: 'enough' }, { kind: 'hang' }] });
    const { model } = harness(fake.baseUrl);
    for await (const c of model(request(), new AbortController().signal)) {
      if (c.type === 'text') break;
    }
    await fake.requests[0]?.closed;
    expect(fake.requests[0]?.clientDisconnected).toBe(true);
  });
});

/** Polls a condition on the event loop (no wall-clock assertion; the test timeout bounds it). */
async function vitestWaitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
