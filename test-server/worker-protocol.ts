import type { LogLevel } from './options.js';

/** What the primary passes a cluster worker (as JSON in its environment). */
export interface WorkerSettings {
  host: string;
  port: number;
  seed: number | undefined;
  tokensPerSecond: number | undefined;
  firstTokenMs: number | undefined;
  contextWords: number | undefined;
  bodyLimit: number | undefined;
  logLevel: LogLevel | undefined;
  ignoreEos: boolean | undefined;
  cacheBytes: number | undefined;
}

/** Messages between the primary and its workers. */
export type WorkerMessage =
  | { readonly type: 'shutdown' }
  | { readonly type: 'failed'; readonly message: string };
