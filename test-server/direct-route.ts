// POST /v1/chat/completions and /v1/completions answered from Node's request event, ahead of
// Fastify (its `serverFactory` makes the server). Its routing, request and reply objects, hooks, content-type parser and reply pipeline
// ran on every request for nothing these routes use (see docs/benchmarks.md, "Session 16: the
// request path outside the model"). The body is read, parsed and answered with what Fastify's
// routes use (readJsonBody, the same route functions, errorAnswer), so the two answer alike
// (direct-route.test.ts). A request these do not take as it is goes on to Fastify, which answers
// it as before: another method or path (a query string too), a body without a Content-Length or
// over the limit, a content type other than JSON, or a server closing (Fastify's 503).
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Task } from './after-reply.js';
import type { JsonBodyMemo } from './json-body-memo.js';
import { errorAnswer, readJsonBody } from './protocol.js';

/** What a reply is written to and logged as, whichever way the request came in. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly res: ServerResponse;
  /** performance.now() when the request came in. */
  readonly started: number;
  readonly log: FastifyBaseLogger;
  /** Called before the reply is written (Fastify's route hands the response over to it). */
  readonly take: () => void;
}

/**
 * A generating route: a body in, a reply written (before it returns when it returns undefined);
 * bad input thrown (an ApiError).
 */
export type Route = (body: unknown, exchange: Exchange) => Promise<void> | undefined;

/** A whole JSON answer in one write, with the headers Fastify gives one. */
export function writeJson(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

export interface DirectRoutes {
  readonly routes: ReadonlyMap<string, Route>;
  readonly bodies: JsonBodyMemo;
  readonly bodyLimit: number;
  readonly log: FastifyBaseLogger;
  /** Whether the app is closing (then Fastify answers 503 and closes the connection). */
  readonly closing: () => boolean;
  readonly later: (task: Task) => void;
  readonly logLine: (exchange: Exchange, status: number) => void;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const nothing = (): void => {};

/**
 * Fastify's `serverFactory`: the HTTP server it would make, each request offered to the direct
 * routes first (once `use` gives them), else to Fastify's handler.
 */
export function directServer(): {
  readonly factory: (handler: Listener, options: Record<string, unknown>) => Server;
  readonly use: (direct: DirectRoutes) => void;
} {
  let routes: DirectRoutes | undefined;
  const factory = (handler: Listener, options: Record<string, unknown>): Server => {
    const server = createServer((options.http ?? {}) as ServerOptions, (req, res) => {
      if (routes === undefined || !answerDirectly(routes, req, res)) handler(req, res);
    });
    // What Fastify sets on a server it makes itself (lib/server.js), and leaves to a factory's.
    server.keepAliveTimeout = Number(options.keepAliveTimeout);
    server.requestTimeout = Number(options.requestTimeout);
    server.setTimeout(Number(options.connectionTimeout));
    const perSocket = Number(options.maxRequestsPerSocket);
    if (perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
  return {
    factory,
    use: (direct) => {
      routes = direct;
    },
  };
}

/** Answers a request if it is one the direct routes take as it is (then true). */
function answerDirectly(direct: DirectRoutes, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '';
  const route = req.method === 'POST' ? direct.routes.get(url) : undefined;
  const { headers } = req;
  // A missing Content-Length is NaN, which no comparison takes.
  const length = Number(headers['content-length']);
  if (
    route === undefined ||
    !(length <= direct.bodyLimit) ||
    headers['transfer-encoding'] !== undefined ||
    !JSON_TYPE.test(headers['content-type'] ?? '') ||
    direct.closing()
  )
    return false;
  const exchange: Exchange = {
    method: 'POST',
    url,
    res,
    started: performance.now(),
    log: direct.log,
    take: nothing,
  };
  const chunks: Buffer[] = [];
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
  });
  // A client gone before its body was whole: there is no one to answer.
  req.on('error', nothing);
  // Copied with Buffer.concat, as Fastify copies, one chunk or more: the body memo keeps a
  // seat's last body by its buffer, and the parser's chunks are Buffers of another map to V8.
  req.on('end', () => {
    const body = Buffer.concat(chunks, received);
    answer(direct, route, body, exchange);
  });
  return true;
}

function answer(direct: DirectRoutes, route: Route, raw: Buffer, exchange: Exchange): void {
  let body: unknown;
  try {
    body = readJsonBody(raw, direct.bodies);
  } catch (error) {
    // As Fastify answers a body its parser refused: the connection closed after it.
    refuse(direct, exchange, error, true);
    return;
  }
  let answered: Promise<void> | undefined;
  try {
    answered = route(body, exchange);
  } catch (error) {
    answered = Promise.reject(error);
  }
  answered?.catch((error: unknown) => refuse(direct, exchange, error, false));
}

/** Answers a failure as Fastify's error handler does (see errorAnswer). */
function refuse(direct: DirectRoutes, exchange: Exchange, error: unknown, close: boolean): void {
  const { res } = exchange;
  const { status, body, failed } = errorAnswer(error as Error, direct.bodyLimit);
  if (failed) direct.log.error({ err: error }, `${exchange.method} ${exchange.url} failed`);
  // Headers out already: the only honest signal left is to cut the connection.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (close) res.setHeader('connection', 'close');
  writeJson(res, status, JSON.stringify(body));
  direct.later(() => direct.logLine(exchange, status));
}
