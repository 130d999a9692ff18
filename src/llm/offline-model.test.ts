import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import type { Model, ModelChunk, ModelRequest } from '../engine/model.js';
import { openOfflineModel } from './offline-model.js';
import { createOpenAIModel } from './openai-model.js';

const request: ModelRequest = {
  seat: 1,
  speaker: 'Ann',
  purpose: 'turn',
  model: 'markov',
  messages: [
    { role: 'system', content: 'You are Ann, a resident with firm views about the old railway.' },
    {
      role: 'user',
      content:
        'Bob: The viaduct needs repairs whatever we choose. A trail costs less than a tram. Housing pays for itself, but who would live by a railway that carries no trains?',
    },
  ],
  temperature: 0.7,
  maxTokens: 120,
};

async function reply(model: Model, signal = new AbortController().signal) {
  const chunks: ModelChunk[] = [];
  for await (const chunk of model(request, signal)) chunks.push(chunk);
  const text = chunks.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
  return { chunks, text, usage: chunks.find((c) => c.type === 'usage') };
}

let server: DummyServer;
beforeAll(async () => {
  server = await startDummyServer({ port: 0, seed: 5, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
});

describe('the offline model', () => {
  it('says, word for word, what the dummy server streams for the same request and seed', async () => {
    const served = await reply(
      createOpenAIModel({
        baseUrl: server.url,
        apiKey: '',
        model: 'markov',
        retries: 0,
        timeoutMs: 10_000,
        stallTimeoutMs: 10_000,
      }),
    );
    const local = await reply(await openOfflineModel({ seed: 5 }));
    expect(local.text.length).toBeGreaterThan(0);
    expect(local.text).toBe(served.text);
    expect(local.usage).toEqual(served.usage);
    expect(local.chunks.at(-1)?.type).toBe('usage');
  });

  it('streams at the pace it is given', async () => {
    const model = await openOfflineModel({ seed: 5, tokensPerSecond: 200 });
    const started = performance.now();
    const { usage } = await reply(model);
    const seconds = (performance.now() - started) / 1000;
    const tokens = usage?.type === 'usage' ? usage.usage.completionTokens : 0;
    expect(tokens).toBeGreaterThan(10);
    // Never faster than the pace (the last token is due at (tokens - 1) / pace).
    expect(seconds).toBeGreaterThanOrEqual((tokens - 1) / 200 - 0.01);
  });

  it('stops when the request is aborted', async () => {
    const model = await openOfflineModel({ seed: 5, tokensPerSecond: 20 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    const started = performance.now();
    const { chunks } = await reply(model, abort.signal);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(chunks.some((c) => c.type === 'usage')).toBe(false);
  });
});
