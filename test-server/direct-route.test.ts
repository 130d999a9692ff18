// The generating routes answered ahead of Fastify (direct-route.ts) answer as Fastify's routes do:
// the same status, headers and body for the same request, good or bad, whole or streamed, and the
// same log line; what they do not take as it is, Fastify answers.
import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDummyApp } from './app.js';
import { turn5 } from './test-utils/app-client.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let app: FastifyInstance;
let base = '';
/** Requests Fastify routed (its onRequest hook ran for them). */
const routed: string[] = [];
const lines: string[] = [];

beforeAll(async () => {
  app = buildDummyApp({
    seed: 7,
    logLevel: 'info',
    logStream: { write: (line: string) => lines.push(line) },
  });
  app.addHook('onRequest', async (request) => {
    routed.push(`${request.method} ${request.url}`);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
});

function send(
  path: string,
  body: string,
  headers: Record<string, string> = {},
  to = base,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${to}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.end(body);
  });
}

/** What may differ between two answers to one request: the reply's id, its time, the date. */
function comparable(answer: Answer) {
  const { date: _date, 'content-length': _length, ...headers } = answer.headers;
  return {
    status: answer.status,
    headers,
    body: answer.body
      .replace(/"(chatcmpl|cmpl)-[0-9a-f]{24}"/g, '"$1-ID"')
      .replace(/"created":\d+/g, '"created":0'),
  };
}

const chat = (fields: object) => JSON.stringify({ model: 'markov', ...fields });
const BODIES: readonly [string, string, string][] = [
  ['a turn of roundtable', '/v1/chat/completions', chat({ messages: turn5.messages })],
  [
    'two choices, capped',
    '/v1/chat/completions',
    chat({ messages: turn5.messages, n: 2, max_tokens: 12, temperature: 0.5 }),
  ],
  [
    'a stream with usage',
    '/v1/chat/completions',
    chat({
      messages: [{ role: 'user', content: 'hello there' }],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 20,
    }),
  ],
  [
    'a structured answer',
    '/v1/chat/completions',
    chat({
      messages: [{ role: 'user', content: 'your position?' }],
      response_format: { type: 'json_object' },
    }),
  ],
  ['a text completion', '/v1/completions', chat({ prompt: 'Once upon a time', max_tokens: 8 })],
  ['malformed JSON', '/v1/chat/completions', '{"model": "markov", "messages": ['],
  ['no messages', '/v1/chat/completions', chat({})],
  ['an empty body', '/v1/chat/completions', ''],
  [
    'a "__proto__" key',
    '/v1/chat/completions',
    '{"model":"markov","__proto__":{"x":1},"messages":[]}',
  ],
  [
    'a knob it does not know',
    '/v1/chat/completions',
    chat({ model: 'markov?nope=1', messages: [] }),
  ],
];

describe('the direct routes', () => {
  it.each(BODIES)('answer %s as Fastify does', async (_name, path, body) => {
    routed.length = 0;
    const direct = await send(path, body);
    // A query string is not a path the direct routes take: Fastify answers it.
    const viaFastify = await send(`${path}?via=fastify`, body);
    expect(routed).toEqual([`POST ${path}?via=fastify`]);
    expect(comparable(direct)).toEqual(comparable(viaFastify));
    expect(Number(direct.headers['content-length'] ?? Buffer.byteLength(direct.body))).toBe(
      Buffer.byteLength(direct.body),
    );
  });

  it('log a line a request as Fastify does, after the reply', async () => {
    lines.length = 0;
    await send('/v1/chat/completions', chat({ messages: turn5.messages, max_tokens: 7 }));
    await send('/v1/chat/completions?x', chat({ messages: turn5.messages, max_tokens: 7 }));
    await send('/v1/chat/completions', chat({}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/ info POST \/v1\/chat\/completions 200 \d+\.\d ms 7 tokens\n$/);
    expect(lines[1]).toMatch(/ info POST \/v1\/chat\/completions\?x 200 \d+\.\d ms 7 tokens\n$/);
    expect(lines[2]).toMatch(/ info POST \/v1\/chat\/completions 400 \d+\.\d ms\n$/);
  });

  it('are served by the server Fastify would make (its keep-alive and timeouts)', async () => {
    const answer = await send('/v1/chat/completions', chat({ messages: turn5.messages }));
    expect(answer.headers['keep-alive']).toBe('timeout=72');
    expect(app.server.keepAliveTimeout).toBe(72_000);
    expect(app.server.requestTimeout).toBe(0);
    expect(app.server.timeout).toBe(0);
  });

  it('leave to Fastify what they do not take as it is', async () => {
    routed.length = 0;
    const body = chat({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 });
    const asForm = await send('/v1/chat/completions', body, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const chunked = await send('/v1/chat/completions', body, { 'transfer-encoding': 'chunked' });
    const wrongPath = await send('/v1/chat/completion', body);
    expect([asForm.status, chunked.status, wrongPath.status]).toEqual([200, 200, 404]);
    expect(routed).toEqual([
      'POST /v1/chat/completions',
      'POST /v1/chat/completions',
      'POST /v1/chat/completion',
    ]);
  });

  it('answer a body over the limit as Fastify does (413)', async () => {
    const small = buildDummyApp({ bodyLimit: 2_000, logLevel: 'silent' });
    await small.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = small.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const big = chat({ messages: [{ role: 'user', content: 'word '.repeat(1_000) }] });
      const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'request_too_large',
      );
    } finally {
      await small.close();
    }
  });
});
