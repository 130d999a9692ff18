// The OpenAI model adapter against a fake server: a reply that breaks off after some text, or
// never ends, is kept as far as it went and marked cut off, never retried.
import { describe, expect, it } from 'vitest';
import { openAIError, streamOf } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import { harness, request, retries, run, usages } from './test-utils/run-model.js';

const fake = fakeOpenAIPerTest();

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
