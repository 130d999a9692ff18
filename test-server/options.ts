import type { FinishReason } from './reply.js';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['silent', 'error', 'warn', 'info', 'debug'];

/** Where log lines go: anything with `write(line)`, such as process.stderr. */
export interface LogStream {
  write(line: string): unknown;
}

/** How a reply ended: as the model chose, cut by the client leaving, or by the server closing. */
export type ReplyEnd = FinishReason | 'aborted' | 'shutdown';

export interface ReplyEndEvent {
  readonly id: string;
  readonly model: string;
  readonly streamed: boolean;
  /** Completion tokens actually generated (for an aborted stream: those written before it ended). */
  readonly tokens: number;
  readonly end: ReplyEnd;
}

export interface DummyServerOptions {
  /** Makes replies reproducible: the same body and seed give the same text. Random per request when absent. */
  seed?: number | undefined;
  /** Pace of streamed tokens (and the simulated latency of non-streamed replies); 0 = as fast as possible. */
  tokensPerSecond?: number | undefined;
  /** Delay before the first token (time to first token). */
  firstTokenMs?: number | undefined;
  /** Only the last N words of the prompt feed the chain: the dummy model's context window. */
  contextWords?: number | undefined;
  /** Largest accepted request body in bytes; larger ones get 413. */
  bodyLimit?: number | undefined;
  logLevel?: LogLevel | undefined;
  /** Where log lines are written (default process.stderr). */
  logStream?: LogStream | undefined;
  /**
   * Processes serving requests. 1 serves from this process; more forks that many cluster workers
   * (one event loop per core) and `app` is then undefined.
   */
  workers?: number | undefined;
  /**
   * Every reply runs to its max_tokens, as vLLM's `ignore_eos` does (a request's own
   * `ignore_eos` wins). For benchmarks that need turns of a chosen length.
   */
  ignoreEos?: boolean | undefined;
  /**
   * Bytes the model may keep of conversations and seats it has read, so that a request that
   * extends an earlier one reuses what was built for it (least recently used dropped first).
   */
  cacheBytes?: number | undefined;
  /** Called when a reply ends, however it ends; only in-process (workers = 1). */
  onReplyEnd?: ((event: ReplyEndEvent) => void) | undefined;
}

/** Chosen with scripts/bench-server.ts; see docs/benchmarks.md "## Dummy server". */
export const DEFAULT_CONTEXT_WORDS = 1000;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;

export interface ResolvedOptions {
  readonly seed: number | undefined;
  readonly tokensPerSecond: number;
  readonly firstTokenMs: number;
  readonly contextWords: number;
  readonly bodyLimit: number;
  readonly logLevel: LogLevel;
  readonly logStream: LogStream;
  readonly workers: number;
  readonly ignoreEos: boolean;
  readonly cacheBytes: number;
  readonly onReplyEnd: ((event: ReplyEndEvent) => void) | undefined;
}

function check(name: string, value: number, valid: boolean, expected: string): number {
  if (!valid) throw new RangeError(`dummy server: ${name} must be ${expected}, got ${value}`);
  return value;
}

/**
 * Fills in defaults and rejects impossible values with a message naming the option (the CLI
 * validates its flags first; this guards programmatic callers).
 */
export function resolveOptions(options: DummyServerOptions = {}): ResolvedOptions {
  const tokensPerSecond = options.tokensPerSecond ?? 0;
  const firstTokenMs = options.firstTokenMs ?? 0;
  const contextWords = options.contextWords ?? DEFAULT_CONTEXT_WORDS;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const workers = options.workers ?? 1;
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const logLevel = options.logLevel ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new RangeError(
      `dummy server: logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${logLevel}`,
    );
  }
  return {
    seed:
      options.seed === undefined
        ? undefined
        : check('seed', options.seed, Number.isSafeInteger(options.seed), 'an integer'),
    tokensPerSecond: check(
      'tokensPerSecond',
      tokensPerSecond,
      Number.isFinite(tokensPerSecond) && tokensPerSecond >= 0,
      'a number >= 0',
    ),
    firstTokenMs: check(
      'firstTokenMs',
      firstTokenMs,
      Number.isFinite(firstTokenMs) && firstTokenMs >= 0,
      'a number >= 0',
    ),
    contextWords: check(
      'contextWords',
      contextWords,
      Number.isInteger(contextWords) && contextWords >= 1,
      'an integer >= 1',
    ),
    bodyLimit: check(
      'bodyLimit',
      bodyLimit,
      Number.isInteger(bodyLimit) && bodyLimit >= 1,
      'an integer >= 1',
    ),
    logLevel,
    logStream: options.logStream ?? process.stderr,
    workers: check(
      'workers',
      workers,
      Number.isInteger(workers) && workers >= 1,
      'an integer >= 1',
    ),
    ignoreEos: options.ignoreEos ?? false,
    cacheBytes: check(
      'cacheBytes',
      cacheBytes,
      Number.isInteger(cacheBytes) && cacheBytes >= 0,
      'an integer >= 0',
    ),
    onReplyEnd: options.onReplyEnd,
  };
}
