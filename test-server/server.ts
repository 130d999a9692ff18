import cluster, { type Worker } from 'node:cluster';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildDummyApp } from './app.js';
import { type DummyServerOptions, type LogStream, resolveOptions } from './options.js';
import type { WorkerMessage, WorkerSettings } from './worker-protocol.js';

export interface StartDummyServerOptions extends DummyServerOptions {
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host?: string | undefined;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number | undefined;
  /**
   * Serve from worker processes even with one worker: they run with a bounded heap (see
   * WORKER_HEAP), which keeps a long-running server's memory flat; this process only supervises.
   */
  ownProcess?: boolean | undefined;
}

/**
 * V8's defaults let a busy server's heap grow to several times what it holds (the young
 * generation alone to 130 MB); these keep it near its live size, measured in
 * docs/benchmarks.md (100,000 conversations: see "Memory"). With a 256 MB old generation V8
 * sizes itself as on a small device and collects the old generation once it is 1.3x what was
 * live: a replayed discussion moves ~5 MB a pass into it (its chain, memos, states), so a
 * 32 MB heap was marked and compacted every pass, a third of the worker's CPU with its helper
 * threads. At 1.5x (what the CLI's discussions use, bin/roundtable.js) it is every other pass,
 * for ~10 MB of RSS: docs/benchmarks.md, "Session 11: the worker's garbage collection".
 */
export const WORKER_HEAP: readonly string[] = [
  '--max-semi-space-size=8',
  '--max-old-space-size=256',
  '--heap-growing-percent=50',
];

/**
 * The environment a worker starts with, beside its settings. glibc gives each thread that calls
 * malloc an arena of its own (up to 8 a core) and rarely hands a thread arena's freed memory
 * back: V8's helper threads (its compilers' zones, the collector's worklists) left 17–20 MB
 * resident in arenas, part of a worker's RSS step of 20–35 MB after 100,000 conversations
 * (docs/benchmarks.md, "Session 19: the worker's RSS"). Two arenas: the main thread's and one
 * for the helpers. A value the user set is kept.
 */
export function workerEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}

export interface DummyServer {
  /** Base URL for OpenAI clients, ending in /v1: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly port: number;
  /** The in-process Fastify app; undefined when workers > 1 serve from other processes. */
  readonly app: FastifyInstance | undefined;
  /** Process ids of the cluster workers (empty in-process). */
  readonly workerPids: readonly number[];
  /** Ends open streams (final chunk + [DONE]), stops listening, resolves when all is closed. Idempotent. */
  close(): Promise<void>;
}

function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/v1`;
}

/** Starts the Markov dummy server: in this process, or as `workers` cluster processes. */
export async function startDummyServer(
  options: StartDummyServerOptions = {},
): Promise<DummyServer> {
  const settings = resolveOptions(options);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`dummy server: port must be an integer from 0 to 65535, got ${port}`);
  }
  if (settings.workers > 1 || options.ownProcess === true)
    return startCluster(options, host, port, settings.workers, settings.logStream);

  const app = buildDummyApp(options);
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  let closing: Promise<void> | undefined;
  return {
    url: urlFor(host, actualPort),
    port: actualPort,
    app,
    workerPids: [],
    close: () => {
      closing ??= app.close();
      return closing;
    },
  };
}

/** The worker entry beside this module: worker.ts under tsx/vitest, worker.js once built. */
function workerEntry(): { exec: string; execArgv: string[] } {
  const here = import.meta.url;
  const extension = here.endsWith('.ts') ? '.ts' : '.js';
  const exec = fileURLToPath(new URL(`./worker${extension}`, here));
  const execArgv = [...process.execArgv];
  for (const flag of WORKER_HEAP) {
    const name = flag.split('=')[0] ?? flag;
    if (!execArgv.some((arg) => arg.startsWith(name))) execArgv.push(flag);
  }
  if (extension === '.ts' && !execArgv.some((arg) => arg.includes('tsx'))) {
    // Running from source without tsx in this process (vitest): give the workers tsx.
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    execArgv.push('--import', tsx);
  }
  return { exec, execArgv };
}

/** Forwards a worker's output to the log stream a whole line at a time. */
function forwardLines(source: NodeJS.ReadableStream | null, sink: LogStream): Promise<void> {
  if (source === null) return Promise.resolve();
  let partial = '';
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    const text = partial + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      partial = text;
      return;
    }
    sink.write(text.slice(0, end + 1));
    partial = text.slice(end + 1);
  });
  return new Promise((resolve) => {
    source.once('close', () => {
      if (partial !== '') sink.write(`${partial}\n`);
      partial = '';
      resolve();
    });
  });
}

/**
 * One event loop per worker process, sharing the port through the cluster module's round-robin:
 * a single Node process cannot use more than one core, and Markov generation is CPU-bound.
 */
async function startCluster(
  options: StartDummyServerOptions,
  host: string,
  port: number,
  count: number,
  logStream: LogStream,
): Promise<DummyServer> {
  const workerSettings: WorkerSettings = {
    host,
    port,
    seed: options.seed,
    tokensPerSecond: options.tokensPerSecond,
    firstTokenMs: options.firstTokenMs,
    contextWords: options.contextWords,
    bodyLimit: options.bodyLimit,
    logLevel: options.logLevel,
    ignoreEos: options.ignoreEos,
    cacheBytes: options.cacheBytes,
  };
  // Round-robin has the primary accept every connection and pass it to a worker over IPC:
  // ~2 ms of CPU a connection, which a client without keep-alive pays on every request. One
  // worker gains nothing from it, so it accepts on the shared socket itself.
  cluster.schedulingPolicy = count === 1 ? cluster.SCHED_NONE : cluster.SCHED_RR;
  // Logging to this process's stderr, the workers write their lines there themselves: read
  // from a pipe and written again here, they cost this process a tenth of a request's CPU.
  // Each of their writes holds whole lines and fits a pipe's atomic write (see worker.ts).
  const direct = logStream === process.stderr;
  cluster.setupPrimary({
    ...workerEntry(),
    silent: true,
    ...(direct ? { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] } : {}),
  });
  const workers = new Set<Worker>();
  /** Resolve when a worker's output has been forwarded to the end (its last log lines). */
  const drained: Promise<void>[] = [];
  let closing: Promise<void> | undefined;
  let boundPort = port;

  const fork = (): Promise<number> => {
    const worker = cluster.fork({
      ...workerEnvironment(),
      ROUNDTABLE_DUMMY_WORKER: JSON.stringify(workerSettings),
    });
    workers.add(worker);
    drained.push(forwardLines(worker.process.stdout, logStream));
    drained.push(forwardLines(worker.process.stderr, logStream));
    // An IPC write to a worker that died fails asynchronously; its exit is handled below.
    worker.on('error', () => {});
    return new Promise<number>((resolve, reject) => {
      let listening = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'failed') reject(new Error(message.message));
      });
      worker.once('listening', (address) => {
        listening = true;
        resolve(address.port);
      });
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (!listening) {
          reject(
            new Error(`dummy server worker exited before listening (${signal ?? `code ${code}`})`),
          );
        } else if (closing === undefined) {
          // A worker that dies on its own is replaced, so capacity does not silently shrink.
          logStream.write(
            `dummy server: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another\n`,
          );
          fork().catch((error: Error) => logStream.write(`dummy server: ${error.message}\n`));
        }
      });
    });
  };

  const shutdown = async (): Promise<void> => {
    const exits = [...workers].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) {
            resolve();
            return;
          }
          worker.once('exit', () => resolve());
          // A worker stuck for 10 s is killed rather than left behind.
          const timer = setTimeout(() => worker.process.kill('SIGKILL'), 10_000);
          timer.unref();
          // The channel can close between the check and the write (a worker that is already
          // exiting): the send then fails with EPIPE, and a signal does the same job.
          const signal = (): void => void worker.process.kill('SIGTERM');
          if (!worker.isConnected()) signal();
          else
            worker.send({ type: 'shutdown' } satisfies WorkerMessage, (error) => error && signal());
        }),
    );
    await Promise.all(exits);
    await Promise.all(drained);
  };

  try {
    // Workers ask for the same host and port; the primary binds once (port 0 picks one) and
    // shares that handle, so every worker ends up on the same port.
    const ports = await Promise.all(Array.from({ length: count }, fork));
    boundPort = ports[0] ?? port;
  } catch (error) {
    closing = shutdown();
    await closing;
    throw error;
  }
  return {
    url: urlFor(host, boundPort),
    port: boundPort,
    app: undefined,
    workerPids: [...workers].flatMap((worker) =>
      worker.process.pid === undefined ? [] : [worker.process.pid],
    ),
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}
