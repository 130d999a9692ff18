import { expect } from 'vitest';
import { type Model, type ModelChunk, ModelError, type ModelRequest } from '../../engine/model.js';
import type { EndpointOptions } from '../endpoint.js';
import { createOpenAIModel } from '../openai-model.js';

export const TEST_KEY = 'sk-test-SECRET-1234567890abcdef';

export function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    seat: 1,
    speaker: 'Ada',
    purpose: 'turn',
    messages: [
      { role: 'system', content: 'You are Ada.' },
      { role: 'user', content: 'Bob: What do you think?' },
    ],
    temperature: 0.7,
    maxTokens: 256,
    ...overrides,
  };
}

export interface Harness {
  readonly model: Model;
  /** Every delay the adapter asked to sleep, in order; sleeping itself is instant. */
  readonly sleeps: number[];
}

/** A model on `baseUrl` with instant, recorded sleeps and pinned jitter. */
export function harness(baseUrl: string, overrides: Partial<EndpointOptions> = {}): Harness {
  const sleeps: number[] = [];
  const model = createOpenAIModel({
    baseUrl,
    apiKey: TEST_KEY,
    model: 'default-model',
    timeoutMs: 5_000,
    stallTimeoutMs: 5_000,
    retries: 2,
    backoff: { baseMs: 1_000, maxMs: 30_000 },
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { model, sleeps };
}

export interface Run {
  readonly chunks: ModelChunk[];
  readonly text: string;
  readonly error: unknown;
}

/** Drains a reply; a thrown error is captured, not rethrown, so tests can inspect both. */
export async function run(
  model: Model,
  req: ModelRequest = request(),
  signal: AbortSignal = new AbortController().signal,
): Promise<Run> {
  const chunks: ModelChunk[] = [];
  let error: unknown;
  try {
    for await (const chunk of model(req, signal)) chunks.push(chunk);
  } catch (caught) {
    error = caught;
  }
  const text = chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');
  return { chunks, text, error };
}

export function retries(chunks: readonly ModelChunk[]) {
  return chunks.filter((c) => c.type === 'retry');
}

export function usages(chunks: readonly ModelChunk[]) {
  return chunks.flatMap((c) => (c.type === 'usage' ? [c.usage] : []));
}

export function asModelError(error: unknown): ModelError {
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

/** A fake server's JSON reply. */
export const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  ({ kind: 'json', status, body, headers }) as const;
