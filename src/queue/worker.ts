// `roundtable worker`: takes runs from the queue and runs them here, sending every event back
// through Redis to the machine that started the batch, which writes the transcript. A run whose
// worker died is taken up by another from the events already sent, so no turn is lost or said twice.
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { engineInputs, openRun } from '../cli/open-run.js';
import { toEngineSettings } from '../config/settings.js';
import { runDiscussion } from '../engine/discussion.js';
import type { EndReason, EventOf } from '../engine/events.js';
import { RedisLimiter } from '../limits/redis-limiter.js';
import { setLimiterFactory } from '../limits/registry.js';
import { connectRedis, type QueueUrl } from './connection.js';
import { KEY_PREFIX, QUEUE_NAME, type RunJob, stopKey } from './protocol.js';
import { EventRelay } from './relay.js';
import { loadedTableOf } from './run-job.js';
import { RunLog } from './run-log.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface WorkerOptions {
  readonly queue: QueueUrl;
  /** Runs at once in this worker. */
  readonly concurrency: number;
  /** A worker silent this long is given up for dead and its runs taken up by others. */
  readonly stalledAfterMs: number;
  readonly env: Env;
  readonly log: (line: string) => void;
  /** Aborting stops the worker: its running discussions end `interrupted`, to be taken up again. */
  readonly signal: AbortSignal;
  readonly startDummy?:
    | ((seed: number) => () => Promise<{ url: string; close(): Promise<void> }>)
    | undefined;
}

export interface JobResult {
  readonly reason: EndReason | 'lost' | 'already-ended';
}

/** Runs until `signal` aborts; resolves once every run it holds has ended. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const redis = await connectRedis(options.queue, 'worker');
  const { Worker } = (await import('bullmq')).default; // as for ioredis in connection.ts
  // Rate limits hold across every worker: they live in Redis.
  setLimiterFactory((key, limits) => new RedisLimiter(redis, key, limits));
  const running = new Set<AbortController>();
  // BullMQ leaves a connection it was given open: it is closed below.
  const connection = redis.duplicate();
  connection.on('error', () => {});
  const worker = new Worker<RunJob, JobResult>(
    QUEUE_NAME,
    (job, token, signal) => runJob(job, token ?? '', signal, redis, options, running),
    {
      connection,
      prefix: KEY_PREFIX,
      concurrency: options.concurrency,
      lockDuration: options.stalledAfterMs,
      stalledInterval: Math.max(500, Math.floor(options.stalledAfterMs / 2)),
      // A run may outlive several dead workers; it is never failed for that.
      maxStalledCount: 1_000,
      name: `${hostname()}:${process.pid}`,
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    },
  );
  worker.on('error', (error) => options.log(`queue error: ${error.message}`));
  options.log(
    `worker ${hostname()}:${process.pid} taking runs from ${options.queue.display} (${options.concurrency} at once)`,
  );
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  options.log(
    'stopping: running discussions end after the reply in flight; the batch hands them to another worker',
  );
  for (const controller of running) controller.abort();
  await worker.close();
  connection.disconnect();
  redis.disconnect();
}

async function runJob(
  job: Job<RunJob, JobResult>,
  owner: string,
  jobSignal: AbortSignal | undefined,
  redis: Redis,
  options: WorkerOptions,
  running: Set<AbortController>,
): Promise<JobResult> {
  const data = job.data;
  const log = new RunLog(redis, data.batch, data.run);
  // From here on a worker that held this run before (and was given up for dead) is fenced out.
  await log.claim(owner);
  const events = await log.events();
  const started = events.find(
    (e): e is EventOf<'discussion-started'> => e.type === 'discussion-started',
  );
  const last = events.at(-1);
  if (last?.type === 'discussion-ended' && last.reason !== 'interrupted') {
    return { reason: 'already-ended' };
  }
  const relay = new EventRelay(log, owner);
  const abort = new AbortController();
  running.add(abort);
  jobSignal?.addEventListener('abort', () => abort.abort(), { once: true });
  const opened = await openRun({
    loaded: loadedTableOf(data),
    settings: data.settings,
    env: options.env,
    deps: { startDummy: options.startDummy?.(data.settings.seed) },
  }).catch((error: unknown) => {
    running.delete(abort);
    throw error;
  });
  // Started once the run is open, so that a run refused at opening leaves no timer behind.
  const stopWatch = setInterval(() => {
    void redis.exists(stopKey(data.batch)).then((n) => {
      if (n === 1) abort.abort();
    });
  }, 1_000);
  try {
    options.log(
      `${started === undefined ? 'started' : 'resuming'} ${data.label} (batch ${data.batch})`,
    );
    if (!(await relay.add({ kind: 'segment', run: opened.runInfo }))) return lost(options, data);
    let reason: EndReason | undefined;
    let fenced = false;
    for await (const event of runDiscussion({
      ...engineInputs(opened),
      // A run taken up again goes on with the settings it started with.
      settings: started?.settings ?? toEngineSettings(data.settings),
      signal: abort.signal,
      resume: started === undefined ? undefined : { events },
      memories: data.memories,
    })) {
      // Text arrives whole with each turn's end; the deltas are for a screen, and there is none.
      if (event.type === 'text-delta' || fenced) continue;
      if (!(await relay.add({ kind: 'event', event }))) {
        fenced = true;
        abort.abort();
        continue;
      }
      if (event.type === 'discussion-ended') reason = event.reason;
    }
    if (fenced || !(await relay.flush())) return lost(options, data);
    options.log(`${reason === 'interrupted' ? 'stopped' : (reason ?? 'ended')} ${data.label}`);
    return { reason: reason ?? 'interrupted' };
  } finally {
    relay.close();
    clearInterval(stopWatch);
    running.delete(abort);
    await opened.close();
  }
}

function lost(options: WorkerOptions, data: RunJob): JobResult {
  options.log(`gave up ${data.label}: another worker has taken it over`);
  return { reason: 'lost' };
}
