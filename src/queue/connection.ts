// Reaching Redis: the --queue URL checked, its password never shown, and a server that does not
// answer named clearly rather than retried forever in silence.
import type { Redis } from 'ioredis';
import { InputError, RoundtableError } from '../errors.js';

export interface QueueUrl {
  readonly url: string;
  /** The URL as it may be shown: without a password. */
  readonly display: string;
}

export function parseQueueUrl(text: string, flag = '--queue'): QueueUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(
      `${flag}: "${text}" is not a URL; expected redis://host:port (or rediss:// for TLS)`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new InputError(
      `${flag}: expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379, got ${url.protocol}//…`,
    );
  }
  const shown = new URL(url.href);
  if (shown.password !== '') shown.password = '***';
  return { url: url.href, display: shown.href.replace(/\/$/, '') };
}

/** How long to wait for Redis to answer before saying it does not. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A connection as BullMQ needs it (commands wait for a reconnect rather than fail); the first
 * connect is checked, so a wrong URL or a stopped server is an error at once.
 */
export async function connectRedis(queue: QueueUrl, name: string): Promise<Redis> {
  // `default` is ioredis's module.exports both bundled (esbuild gives a CommonJS package split
  // into its own chunk a default export only) and not (Node, tsx, vitest).
  const { Redis } = (await import('ioredis')).default;
  const redis = new Redis(queue.url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectionName: `roundtable-${name}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // After the first connect: keep trying, a little slower each time (a Redis restart).
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // ioredis reports connection trouble as events; the retry strategy handles them.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new RoundtableError(
      `cannot reach Redis at ${queue.display} (${(error as Error).message}); is redis-server running there? (see "Beyond one machine" in the README)`,
    );
  }
  return redis;
}
