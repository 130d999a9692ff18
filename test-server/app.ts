import { maxHeaderSize } from 'node:http';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
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
import { clientGone, collectReplies, type Pace, streamReplies } from './respond.js';

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
const modelOf = new WeakMap<FastifyInstance, MarkovModel>();
const tokensOfRequest = new WeakMap<FastifyRequest, number>();
/** Hijacked replies log their own line (499 when the client left); Fastify's would be early. */
const selfLogged = new WeakSet<FastifyRequest>();

export function dummyStats(app: FastifyInstance): Readonly<DummyStats> {
  const stats = statsOf.get(app);
  if (stats === undefined) throw new Error('dummyStats: not an app built by buildDummyApp');
  return stats;
}

/** The app's model, for tests and benchmarks that look at its caches. */
export function dummyModel(app: FastifyInstance): MarkovModel {
  const model = modelOf.get(app);
  if (model === undefined) throw new Error('dummyModel: not an app built by buildDummyApp');
  return model;
}

function logLine(request: FastifyRequest, status: number, ms: number, tokens?: number): void {
  const suffix = tokens === undefined ? '' : ` ${tokens} tokens`;
  request.log.info(`${request.method} ${request.url} ${status} ${ms.toFixed(1)} ms${suffix}`);
}

/** One info line per request, written when the response is complete. */
class RequestLines extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override defaultErrorLog(): void {}
  override requestCompleted(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    if (selfLogged.has(request)) return;
    logLine(request, reply.statusCode, reply.elapsedTime, tokensOfRequest.get(request));
  }
}

/** The built-in Markov "model" behind an OpenAI-compatible HTTP API. */
export function buildDummyApp(options: DummyServerOptions = {}): FastifyInstance {
  const settings: ResolvedOptions = resolveOptions(options);
  const app = Fastify({
    loggerInstance: createLineLogger(settings.logLevel, settings.logStream),
    logController: new RequestLines(),
    bodyLimit: settings.bodyLimit,
    clientErrorHandler: answerClientErrors(maxHeaderSize),
  });
  const stats: DummyStats = { active: 0, replies: 0, aborted: 0, tokens: 0, streamed: 0 };
  statsOf.set(app, stats);
  const generator = new MarkovEndpoint(settings);
  modelOf.set(app, generator.model);
  const pace: Pace = {
    tokensPerSecond: settings.tokensPerSecond,
    firstTokenMs: settings.firstTokenMs,
  };
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();

  acceptJsonBodies(app, new JsonBodyMemo(Math.floor(settings.cacheBytes * BODY_SHARE)));
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
    request: FastifyRequest,
    reply: FastifyReply,
    generation: Generation,
    includeUsage: boolean,
    book: Book,
  ): Promise<void> {
    selfLogged.add(request);
    reply.hijack();
    const gone = clientGone(reply.raw);
    let end: ReplyEnd = 'aborted';
    try {
      end = await streamReplies(reply.raw, generation, {
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
      request.log.error({ err: error }, `${request.method} ${request.url} stream failed`);
      reply.raw.destroy();
    }
    const tokens = book(end);
    logLine(request, end === 'aborted' ? 499 : 200, reply.elapsedTime, tokens);
  }

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    generation: Generation,
    book: Book,
  ): Promise<unknown> {
    const gone = clientGone(reply.raw);
    const texts = await collectReplies(generation, pace, gone, shutdown.signal);
    if (texts === 'aborted') {
      const tokens = book('aborted');
      selfLogged.add(request);
      reply.hijack();
      reply.raw.destroy();
      logLine(request, 499, reply.elapsedTime, tokens);
      return undefined;
    }
    const end = shutdown.signal.aborted
      ? 'shutdown'
      : (generation.writers.at(-1)?.finishReason ?? 'stop');
    tokensOfRequest.set(request, book(end));
    return completionBody(generation, texts);
  }

  /** Runs one reply, tracked so that close() can finish it first. */
  interface StreamFields {
    readonly stream?: boolean | null | undefined;
    readonly stream_options?:
      | { readonly include_usage?: boolean | null | undefined }
      | null
      | undefined;
  }

  async function serve(
    request: FastifyRequest,
    reply: FastifyReply,
    generation: Generation,
    /** Streamed or whole, with a usage chunk or not, as the request's own fields ask. */
    asked: StreamFields,
  ): Promise<unknown> {
    const streamed = asked.stream === true;
    const includeUsage = asked.stream_options?.include_usage === true;
    stats.active++;
    let booked = false;
    const book: Book = (end) => {
      booked = true;
      return finished(generation, streamed, end);
    };
    const work = streamed
      ? stream(request, reply, generation, includeUsage, book)
      : answer(request, reply, generation, book);
    running.add(work);
    try {
      return await work;
    } finally {
      running.delete(work);
      // A reply that failed on the way still leaves the counters right.
      if (!booked) book('aborted');
    }
  }

  app.post('/v1/chat/completions', async (request, reply) => {
    const { generation, body } = generator.chat(request.body);
    return serve(request, reply, generation, body);
  });

  app.post('/v1/completions', async (request, reply) => {
    const { generation, body } = generator.completion(request.body);
    return serve(request, reply, generation, body);
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
