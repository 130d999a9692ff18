// The OpenAI model adapter against a fake server: an abort, at any point of a request, ends it
// quietly and the server sees the client go.
import { describe, expect, it } from 'vitest';
import { openAIError, streamOf } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import { harness, json, request, run } from './test-utils/run-model.js';

const fake = fakeOpenAIPerTest();

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
