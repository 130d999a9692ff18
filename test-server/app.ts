import { maxHeaderSize } from 'node:http';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { AfterReply } from './after-reply.js';
import { directServer, type Exchange, type Route, writeJson } from './direct-route.js';
import { completionBody, type Generation } from './generation.js';
import { JsonBodyMemo } from './json-body-memo.js';
import { createLineLogger } from './logger.js';
import { BODY_SHARE, type MarkovModel } from './model/markov-model.js';
import {
  type DummyServerOptions,
  type ReplyEnd,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { acceptJsonBodies, answerClientErrors, answerErrorsLikeOpenAI } from './protocol.js';
import { MarkovEndpoint } from './requests.js';
import {
  clientGone,
  collectReplies,
  type Pace,
  replyLatency,
  streamReplies,
  type Taken,
  takeReplies,
} from './respond.js';

/** The model ids /v1/models lists. The server answers to any model name and echoes it back. */
export const DUMMY_MODELS: readonly string[] = ['markov'];

/** Counters for observing the server from tests and benchmarks (in-process only). */
export interface DummyStats {
  /** Replies being generated or streamed right now. */
  active: number;
  /** Replies that ended, however they ended. */
  replies: number;
  /** Replies cut short because the client went away. */
  aborted: number;
  /** Completion tokens generated, over all replies. */
  tokens: number;
  /** Tokens written to streams so far, counted as they are written (not when a reply ends). */
  streamed: number;
}

const statsOf = new WeakMap<FastifyInstance, DummyStats>();
const modelOf = new WeakMap<FastifyInstance, { model: MarkovModel; flush: () => void }>();
/** Replies written by the routes log their own line (499 when the client left). */
const selfLogged = new WeakSet<FastifyRequest>();

export function dummyStats(app: FastifyInstance): Readonly<DummyStats> {
  const stats = statsOf.get(app);
  if (stats === undefined) throw new Error('dummyStats: not an app built by buildDummyApp');
  return stats;
}

/**
 * The app's model, for tests and benchmarks that look at its caches: with the bookkeeping of the
 * replies written so far done (see after-reply.ts).
 */
export function dummyModel(app: FastifyInstance): MarkovModel {
  const held = modelOf.get(app);
  if (held === undefined) throw new Error('dummyModel: not an app built by buildDummyApp');
  held.flush();
  return held.model;
}

function logLine(exchange: Exchange, status: number, tokens?: number): void {
  const suffix = tokens === undefined ? '' : ` ${tokens} tokens`;
  const ms = performance.now() - exchange.started;
  exchange.log.info(`${exchange.method} ${exchange.url} ${status} ${ms.toFixed(1)} ms${suffix}`);
}

/** One info line per request Fastify answers, written when the response is complete. */
class RequestLines extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override defaultErrorLog(): void {}
  override requestCompleted(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    if (selfLogged.has(request)) return;
    request.log.info(
      `${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`,
    );
  }
}

/** The built-in Markov "model" behind an OpenAI-compatible HTTP API. */
export function buildDummyApp(options: DummyServerOptions = {}): FastifyInstance {
  const settings: ResolvedOptions = resolveOptions(options);
  const logger = createLineLogger(settings.logLevel, settings.logStream);
  // The server Fastify would make, with the generating routes answered ahead of it.
  const server = directServer();
  const app = Fastify({
    serverFactory: server.factory,
    loggerInstance: logger,
    logController: new RequestLines(),
    bodyLimit: settings.bodyLimit,
    clientErrorHandler: answerClientErrors(maxHeaderSize),
  });
  const stats: DummyStats = { active: 0, replies: 0, aborted: 0, tokens: 0, streamed: 0 };
  statsOf.set(app, stats);
  const later = new AfterReply((error) =>
    logger.error({ err: error }, 'dummy server: bookkeeping after a reply failed'),
  );
  const generator = new MarkovEndpoint(settings, later);
  modelOf.set(app, { model: generator.model, flush: later.flush });
  const pace: Pace = {
    tokensPerSecond: settings.tokensPerSecond,
    firstTokenMs: settings.firstTokenMs,
  };
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();
  const bodies = new JsonBodyMemo(Math.floor(settings.cacheBytes * BODY_SHARE));

  acceptJsonBodies(app, bodies);
  answerErrorsLikeOpenAI(app, settings.bodyLimit);

  /** Books a reply's end: counters first (so a hook sees them settled), then the hook. */
  function finished(generation: Generation, streamed: boolean, end: ReplyEnd): number {
    let tokens = 0;
    for (const writer of generation.writers) tokens += writer.tokens;
    stats.active--;
    stats.replies++;
    stats.tokens += tokens;
    if (end === 'aborted') stats.aborted++;
    settings.onReplyEnd?.({ id: generation.id, model: generation.model, streamed, tokens, end });
    return tokens;
  }

  type Book = (end: ReplyEnd) => number;

  async function stream(
    exchange: Exchange,
    generation: Generation,
    includeUsage: boolean,
    book: Book,
  ): Promise<void> {
    exchange.take();
    const { res } = exchange;
    const gone = clientGone(res);
    let end: ReplyEnd = 'aborted';
    try {
      end = await streamReplies(res, generation, {
        includeUsage,
        pace,
        gone,
        shutdown: shutdown.signal,
        onWritten: (tokens) => {
          stats.streamed += tokens;
        },
      });
    } catch (error) {
      // Headers are out: the only honest signal left is to cut the connection.
      exchange.log.error({ err: error }, `${exchange.method} ${exchange.url} stream failed`);
      res.destroy();
    }
    const tokens = book(end);
    logLine(exchange, end === 'aborted' ? 499 : 200, tokens);
  }

  /** Writes a whole reply whose texts are all made. */
  function write(exchange: Exchange, generation: Generation, book: Book, texts: string[]): void {
    const end = shutdown.signal.aborted
      ? 'shutdown'
      : (generation.writers.at(-1)?.finishReason ?? 'stop');
    const tokens = book(end);
    const json = JSON.stringify(completionBody(generation, texts));
    exchange.take();
    writeJson(exchange.res, 200, json);
    later.defer(() => logLine(exchange, 200, tokens));
  }

  async function answer(
    exchange: Exchange,
    generation: Generation,
    book: Book,
    taken: Taken,
  ): Promise<void> {
    const { res } = exchange;
    const gone = clientGone(res);
    const texts = await collectReplies(generation, pace, gone, shutdown.signal, taken);
    if (texts === 'aborted') {
      const tokens = book('aborted');
      exchange.take();
      res.destroy();
      logLine(exchange, 499, tokens);
      return;
    }
    write(exchange, generation, book, texts);
  }

  /** How the request asks for its reply. */
  interface StreamFields {
    readonly stream?: boolean | null | undefined;
    readonly stream_options?:
      | { readonly include_usage?: boolean | null | undefined }
      | null
      | undefined;
  }

  /**
   * Runs one reply, tracked so that close() can finish it first; a whole reply made at once and
   * due at once is written before this returns (undefined then), with no promise, no listener
   * for the client going and no turn of the event loop: nothing could come between.
   */
  function serve(
    exchange: Exchange,
    generation: Generation,
    /** Streamed or whole, with a usage chunk or not, as the request's own fields ask. */
    asked: StreamFields,
  ): Promise<void> | undefined {
    const streamed = asked.stream === true;
    const includeUsage = asked.stream_options?.include_usage === true;
    stats.active++;
    let booked = false;
    const book: Book = (end) => {
      booked = true;
      return finished(generation, streamed, end);
    };
    let work: Promise<void>;
    try {
      if (streamed) {
        work = stream(exchange, generation, includeUsage, book);
      } else {
        const taken = takeReplies(generation);
        if (taken.done && replyLatency(generation, pace) <= 0) {
          write(exchange, generation, book, taken.texts);
          return undefined;
        }
        work = answer(exchange, generation, book, taken);
      }
    } catch (error) {
      if (!booked) book('aborted');
      throw error;
    }
    // A reply that failed on the way still leaves the counters right.
    running.add(work);
    return work.finally(() => {
      running.delete(work);
      if (!booked) book('aborted');
    });
  }

  /** The generating routes, as Fastify's and as the direct ones (see direct-route.ts). */
  const routes = new Map<string, Route>([
    [
      '/v1/chat/completions',
      (body, exchange) => {
        const { generation, body: asked } = generator.chat(body);
        return serve(exchange, generation, asked);
      },
    ],
    [
      '/v1/completions',
      (body, exchange) => {
        const { generation, body: asked } = generator.completion(body);
        return serve(exchange, generation, asked);
      },
    ],
  ]);
  for (const [path, route] of routes) {
    app.post(path, async (request, reply) => {
      await route(request.body, {
        method: request.method,
        url: request.url,
        res: reply.raw,
        started: performance.now() - reply.elapsedTime,
        log: request.log,
        take: () => {
          selfLogged.add(request);
          reply.hijack();
        },
      });
    });
  }
  server.use({
    routes,
    bodies,
    bodyLimit: settings.bodyLimit,
    log: logger,
    closing: () => shutdown.signal.aborted,
    later: later.defer,
    logLine,
  });

  const modelObject = (id: string) => ({
    id,
    object: 'model',
    created: 1_700_000_000,
    owned_by: 'roundtable',
  });
  app.get('/v1/models', async () => ({ object: 'list', data: DUMMY_MODELS.map(modelObject) }));
  app.get<{ Params: { model: string } }>('/v1/models/:model', async (request) =>
    modelObject(request.params.model),
  );
  app.get('/health', async () => ({ status: 'ok' }));

  // Close open replies first (streams get a final chunk and [DONE]) so close() never waits on
  // a client, then let Fastify close the listener.
  app.addHook('preClose', async () => {
    shutdown.abort();
    await Promise.allSettled([...running]);
  });
  return app;
}
