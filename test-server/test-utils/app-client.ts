// The dummy server's app for one test file, built before its tests and closed after them, with
// requests injected into it (no socket), and the OpenAI shapes of what it answers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildDummyApp } from '../app.js';
import type { DummyServerOptions } from '../options.js';
import { countTokens } from '../tokens.js';
import { type Chunk, fixture, sseChunks } from './sse.js';

/** A turn-5 request exactly as roundtable sends it. */
export const turn5 = JSON.parse(fixture('turn5-request.json')) as {
  model: string;
  messages: { role: string; content: string }[];
};

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: Usage;
}

export interface TextCompletion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; text: string; finish_reason: string }[];
  usage: Usage;
}

/** The prompt tokens the server counts for these messages. */
export const promptTokens = (messages: readonly { content: string }[]): number =>
  messages.reduce((sum, message) => sum + countTokens(message.content), 0);

export interface AppClient {
  /** The file's app (built in beforeAll). */
  readonly app: FastifyInstance;
  /** Posts a body (a string as is, anything else as JSON) to the file's app or `target`. */
  post(url: string, body: unknown, target?: FastifyInstance): Promise<LightMyRequestResponse>;
  /** A chat completion (model `markov` unless the body names one), checked to answer 200. */
  chat(body: Record<string, unknown>, target?: FastifyInstance): Promise<ChatCompletion>;
  /** A streamed chat completion's chunks, checked to answer 200 as an event stream. */
  chatStream(body: Record<string, unknown>): Promise<Chunk[]>;
}

/** An app for the calling test file, seed 7 and silent unless `options` say otherwise. */
export function appClient(
  options: DummyServerOptions = { seed: 7, logLevel: 'silent' },
): AppClient {
  let built: FastifyInstance | undefined;
  beforeAll(async () => {
    built = buildDummyApp(options);
    await built.ready();
  });
  afterAll(async () => {
    await built?.close();
  });
  const client: AppClient = {
    get app() {
      if (built === undefined) throw new Error('the app is built in beforeAll');
      return built;
    },
    post: (url, body, target = client.app) =>
      target.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async chat(body, target = client.app) {
      const response = await client.post(
        '/v1/chat/completions',
        { model: 'markov', ...body },
        target,
      );
      expect(response.statusCode).toBe(200);
      return response.json<ChatCompletion>();
    },
    async chatStream(body) {
      const response = await client.post('/v1/chat/completions', {
        model: 'markov',
        ...body,
        stream: true,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      return sseChunks(response.body);
    },
  };
  return client;
}
