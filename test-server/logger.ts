import type { FastifyBaseLogger } from 'fastify';
import type { LogLevel, LogStream } from './options.js';

const RANK: Record<LogLevel | 'fatal' | 'trace', number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

function describe(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'string') return first;
  const message = typeof second === 'string' ? second : '';
  const error =
    first instanceof Error
      ? first
      : typeof first === 'object' && first !== null && 'err' in first && first.err instanceof Error
        ? first.err
        : undefined;
  return error === undefined ? message : `${message}${message === '' ? '' : ': '}${error.message}`;
}

/**
 * Plain one-line-per-event logs ("2026-11-21T10:00:00.000Z info POST /v1/chat/completions 200
 * 1.2 ms 57 tokens") instead of pino's JSON: a dummy server is read by people in a terminal.
 */
export function createLineLogger(level: LogLevel, stream: LogStream): FastifyBaseLogger {
  const threshold = RANK[level];
  const at =
    (name: keyof typeof RANK) =>
    (...args: unknown[]): void => {
      if (RANK[name] < threshold) return;
      stream.write(`${new Date().toISOString()} ${name} ${describe(args)}\n`);
    };
  const logger = {
    level,
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: () => {},
    // Request-scoped children would only add a request id we do not print.
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}
