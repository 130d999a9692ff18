import { describe, expect, it } from 'vitest';
import type { Model, ModelChunk, ModelRequest } from '../engine/model.js';
import { createRouterModel } from './router.js';

function recorder(label: string): { model: Model; seen: ModelRequest[] } {
  const seen: ModelRequest[] = [];
  const model: Model = async function* (request) {
    seen.push(request);
    yield { type: 'text', text: `${label}:${request.model}` };
  };
  return { model, seen };
}

const request = (seat: number, extra: Partial<ModelRequest> = {}): ModelRequest => ({
  seat,
  speaker: `P${seat}`,
  purpose: 'turn',
  messages: [{ role: 'user', content: 'hi' }],
  temperature: 0.5,
  maxTokens: 10,
  ...extra,
});

async function text(model: Model, r: ModelRequest): Promise<string> {
  let out = '';
  for await (const chunk of model(r, new AbortController().signal)) {
    if (chunk.type === 'text') out += chunk.text;
  }
  return out;
}

describe('createRouterModel', () => {
  const a = recorder('a');
  const b = recorder('b');
  const router = createRouterModel({
    endpoints: new Map([
      ['a', a.model],
      ['b', b.model],
    ]),
    seats: new Map([
      [1, { endpoint: 'a', model: 'model-1' }],
      [2, { endpoint: 'b', model: 'model-2' }],
    ]),
  });

  it('sends each seat to its endpoint with its model, whatever the request says', async () => {
    expect(await text(router, request(1))).toBe('a:model-1');
    expect(await text(router, request(2, { endpoint: 'a', model: 'stale' }))).toBe('b:model-2');
    expect(a.seen.map((r) => [r.seat, r.endpoint, r.model])).toEqual([[1, 'a', 'model-1']]);
    expect(b.seen.map((r) => [r.seat, r.endpoint, r.model])).toEqual([[2, 'b', 'model-2']]);
  });

  it('falls back on the endpoint and model a request names, and fails fatally without one', async () => {
    expect(await text(router, request(7, { endpoint: 'b', model: 'm7' }))).toBe('b:m7');
    const chunks: ModelChunk[] = [];
    const error = await (async () => {
      for await (const chunk of router(
        request(8, { endpoint: 'nowhere', model: 'x' }),
        new AbortController().signal,
      )) {
        chunks.push(chunk);
      }
    })().catch((e: unknown) => e);
    expect(chunks).toEqual([]);
    expect(error).toMatchObject({
      name: 'ModelError',
      kind: 'bad-request',
      fatal: true,
      message: 'no endpoint is set up for seat 8 (P8): endpoint "nowhere" is not open',
    });
  });
});
