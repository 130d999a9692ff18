// The server's other endpoints (models, health) and its bookkeeping: counts of replies and
// tokens, one log line a request, options checked when the app is built.
import { describe, expect, it } from 'vitest';
import { buildDummyApp, dummyStats } from './app.js';
import { appClient, turn5 } from './test-utils/app-client.js';

const client = appClient();
const { post, chat } = client;

const valid = { model: 'markov', messages: [{ role: 'user', content: 'hello' }] };

describe('other endpoints and bookkeeping', () => {
  it('lists its model and answers to any model id', async () => {
    const list = (await client.app.inject({ method: 'GET', url: '/v1/models' })).json<{
      object: string;
      data: { id: string; object: string }[];
    }>();
    expect(list.object).toBe('list');
    expect(list.data.map((model) => model.id)).toContain('markov');
    const one = await client.app.inject({ method: 'GET', url: '/v1/models/anything-at-all' });
    expect(one.json()).toMatchObject({ id: 'anything-at-all', object: 'model' });
  });

  it('reports health', async () => {
    const response = await client.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('counts replies and tokens', async () => {
    const before = { ...dummyStats(client.app) };
    const reply = await chat({ messages: turn5.messages, max_tokens: 30 });
    const after = dummyStats(client.app);
    expect(after.replies).toBe(before.replies + 1);
    expect(after.tokens).toBe(before.tokens + reply.usage.completion_tokens);
    expect(after.active).toBe(0);
  });

  it('logs one line per request at info level, none when silent', async () => {
    const lines: string[] = [];
    const logged = buildDummyApp({
      logLevel: 'info',
      logStream: { write: (line: string) => lines.push(line) },
    });
    try {
      await post('/v1/chat/completions', { ...valid, max_tokens: 9, ignore_eos: true }, logged);
      await post(
        '/v1/chat/completions',
        { ...valid, stream: true, max_tokens: 4, ignore_eos: true },
        logged,
      );
      await logged.inject({ method: 'GET', url: '/nope' });
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/ info POST \/v1\/chat\/completions 200 \d+\.\d ms 9 tokens\n$/);
      expect(lines[1]).toMatch(/ info POST \/v1\/chat\/completions 200 \d+\.\d ms 4 tokens\n$/);
      expect(lines[2]).toMatch(/ info GET \/nope 404 \d+\.\d ms\n$/);
    } finally {
      await logged.close();
    }
    const quiet: string[] = [];
    const silent = buildDummyApp({
      logLevel: 'warn',
      logStream: { write: (line: string) => quiet.push(line) },
    });
    try {
      await post('/v1/chat/completions', valid, silent);
      expect(quiet).toEqual([]);
    } finally {
      await silent.close();
    }
  });

  it('rejects impossible options with a message naming them', () => {
    expect(() => buildDummyApp({ contextWords: 0 })).toThrow(
      /contextWords must be an integer >= 1/,
    );
    expect(() => buildDummyApp({ tokensPerSecond: -1 })).toThrow(/tokensPerSecond/);
    expect(() => buildDummyApp({ logLevel: 'loud' as 'info' })).toThrow(/logLevel must be one of/);
  });
});
