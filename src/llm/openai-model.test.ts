import { describe, expect, it } from 'vitest';
import { openAIError, streamOf } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import { harness, request, retries, run, TEST_KEY, usages } from './test-utils/run-model.js';

const fake = fakeOpenAIPerTest();

describe('streaming a reply', () => {
  it('yields every delta in order, then one usage chunk last', async () => {
    fake.enqueue(streamOf(['Hel', 'lo, ', 'Bob', '!'], { usage: { prompt: 42, completion: 4 } }));
    const { chunks, error } = await run(harness(fake.baseUrl).model);

    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo, ' },
      { type: 'text', text: 'Bob' },
      { type: 'text', text: '!' },
      { type: 'usage', usage: { promptTokens: 42, completionTokens: 4, estimated: false } },
    ]);
  });

  it('estimates usage, marked as such, when the server reports none', async () => {
    fake.enqueue(streamOf(['abcdefghi']));
    const req = request({
      messages: [
        { role: 'system', content: 'x'.repeat(40) },
        { role: 'user', content: 'y'.repeat(8) },
      ],
    });
    const { chunks } = await run(harness(fake.baseUrl).model, req);

    // 3 to prime the reply + (3 + 40/4) + (3 + 8/4); the reply: ceil(9/4).
    expect(usages(chunks)).toEqual([{ promptTokens: 21, completionTokens: 3, estimated: true }]);
  });

  it("sends the seat's model, temperature, max_tokens and messages, asking for usage", async () => {
    fake.enqueue(streamOf(['ok']));
    const req = request({ model: 'seat-model', temperature: 0.35, maxTokens: 123 });
    await run(harness(fake.baseUrl).model, req);

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(sent?.body).toEqual({
      model: 'seat-model',
      messages: req.messages,
      temperature: 0.35,
      max_tokens: 123,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('falls back to the endpoint model when the request names none', async () => {
    fake.enqueue(streamOf(['ok']));
    await run(harness(fake.baseUrl, { model: 'endpoint-default' }).model, request());
    expect(fake.requests[0]?.body).toMatchObject({ model: 'endpoint-default' });
  });

  it('sends no Authorization header when the endpoint has no key', async () => {
    fake.enqueue(streamOf(['ok']));
    const { error } = await run(harness(fake.baseUrl, { apiKey: '' }).model);
    expect(error).toBeUndefined();
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('keeps a reply cut by max_tokens (finish_reason length) as a normal reply', async () => {
    fake.enqueue(
      streamOf(['one', ' two'], { finish: 'length', usage: { prompt: 9, completion: 2 } }),
    );
    const { text, chunks, error } = await run(harness(fake.baseUrl).model);
    expect(error).toBeUndefined();
    expect(text).toBe('one two');
    expect(usages(chunks)).toEqual([{ promptTokens: 9, completionTokens: 2, estimated: false }]);
  });

  it('accepts an empty reply that the server finished properly', async () => {
    fake.enqueue(streamOf([], { usage: { prompt: 5, completion: 0 } }));
    const { chunks, error } = await run(harness(fake.baseUrl).model);
    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'usage', usage: { promptTokens: 5, completionTokens: 0, estimated: false } },
    ]);
  });

  it('asks again without stream_options when an older server rejects it, without a retry', async () => {
    fake.enqueue(
      {
        kind: 'json',
        status: 400,
        body: openAIError('Unrecognized request argument supplied: stream_options'),
      },
      streamOf(['fine']),
      streamOf(['again']),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    const first = await run(model);

    expect(first.error).toBeUndefined();
    expect(first.text).toBe('fine');
    expect(retries(first.chunks)).toEqual([]);
    expect(sleeps).toEqual([]);
    expect(usages(first.chunks)[0]?.estimated).toBe(true);
    expect(fake.requests[1]?.body).not.toHaveProperty('stream_options');

    // The endpoint remembers: the next request goes without it straight away.
    await run(model);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]?.body).not.toHaveProperty('stream_options');
  });

  it('switches to max_completion_tokens when the model asks for it, and stays switched', async () => {
    fake.enqueue(
      {
        kind: 'json',
        status: 400,
        body: openAIError(
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          'invalid_request_error',
          'unsupported_parameter',
        ),
      },
      streamOf(['reasoned']),
      streamOf(['again']),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    const first = await run(model, request({ maxTokens: 300 }));
    await run(model, request({ maxTokens: 300 }));

    expect(first.error).toBeUndefined();
    expect(first.text).toBe('reasoned');
    expect(retries(first.chunks)).toEqual([]);
    expect(sleeps).toEqual([]);
    for (const sent of fake.requests.slice(1)) {
      expect(sent.body).toMatchObject({ max_completion_tokens: 300 });
      expect(sent.body).not.toHaveProperty('max_tokens');
    }
    expect(fake.requests).toHaveLength(3);
  });

  it('reuses one keep-alive connection for consecutive requests to an endpoint', async () => {
    fake.enqueue(streamOf(['a'], { usage: { prompt: 1, completion: 1 } }));
    fake.enqueue(streamOf(['b'], { usage: { prompt: 1, completion: 1 } }));
    fake.enqueue(streamOf(['c'], { usage: { prompt: 1, completion: 1 } }));
    const { model } = harness(fake.baseUrl);
    for (let i = 0; i < 3; i++) {
      await run(model);
      // undici returns the socket to its pool a tick after the body ends, as between turns.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(fake.requests).toHaveLength(3);
    expect(fake.connections()).toBe(1);
  });
});
