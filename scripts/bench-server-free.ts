// The dummy server's request path without its model, for scripts/bench-server.ts: the direct
// route's HTTP server (direct-route.ts) reading each body through a JsonBodyMemo as the worker
// does, and answering every request with the same small completion. What it serves a second is
// the ceiling a model costing nothing would reach on this path: the part of a request no work
// on the model can take away. Run from source (tsx): `npx tsx scripts/bench-server-free.ts`;
// it prints "listening on <port>".
import type { FastifyBaseLogger } from 'fastify';
import { directServer, writeJson } from '../test-server/direct-route.js';
import { JsonBodyMemo } from '../test-server/json-body-memo.js';
import { BODY_SHARE } from '../test-server/model/markov-model.js';
import { resolveOptions } from '../test-server/options.js';

const reply = JSON.stringify({
  id: 'chatcmpl-free',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'markov',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'I think we should start from what we know.' },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 1, completion_tokens: 10, total_tokens: 11 },
});
const settings = resolveOptions({});
const silent = { error: () => {} } as unknown as FastifyBaseLogger;
const { factory, use } = directServer();
// Fastify's defaults, which it hands a server factory.
const server = factory((_req, res) => writeJson(res, 404, '{}'), {
  keepAliveTimeout: 72_000,
  requestTimeout: 0,
  connectionTimeout: 0,
  maxRequestsPerSocket: 0,
});
use({
  routes: new Map([
    [
      '/v1/chat/completions',
      (_body, exchange) => {
        writeJson(exchange.res, 200, reply);
        return undefined;
      },
    ],
  ]),
  bodies: new JsonBodyMemo(Math.floor(settings.cacheBytes * BODY_SHARE)),
  bodyLimit: settings.bodyLimit,
  log: silent,
  closing: () => false,
  later: (task) => task(),
  logLine: () => {},
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `listening on ${typeof address === 'object' && address !== null ? address.port : 0}\n`,
  );
});
