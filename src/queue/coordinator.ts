// `roundtable batch --queue`: the runs go on a BullMQ queue for `roundtable worker`s anywhere;
// their events come back through Redis and are written here, into the same transcript folders,
// library and results a local batch writes. A run whose worker died, or was stopped, is handed
// out again and resumed from its recorded events.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Executor, RunHooks } from '../batch/executor.js';
import { EVENTS_FILE, readEvents } from '../transcript/events-file.js';
import { type Apply, applier, flushIndex } from './apply-entry.js';
import { connectRedis, type QueueUrl } from './connection.js';
import { checkJobs, handOut, jobActive, type Tracked, withdrawWaiting } from './jobs.js';
import { Positions } from './positions.js';
import { KEY_PREFIX, QUEUE_NAME, type RunJob, stopKey } from './protocol.js';
import { parseEntry, RunLog } from './run-log.js';

export interface QueueOptions {
  readonly queue: QueueUrl;
  readonly batch: string;
  /** Where the coordinator keeps how far it has read each run's events (in the batch folder). */
  readonly positionsDir: string;
  /** How long a stopped batch waits for its workers to end the runs they hold. */
  readonly stopWaitMs?: number | undefined;
}

/** How long the coordinator lets events gather after a read that found some. */
const READ_PAUSE_MS = 100;
/**
 * How often the runs' events go into the library while they run (and whenever a run ends): a
 * transaction, and a new full-text segment, for a second of events rather than for each read.
 */
const INDEX_EVERY_MS = 1000;

export function queueExecutor(options: QueueOptions): Executor {
  return async ({ runs, runsDir, signal, library, hooks }) => {
    const redis = await connectRedis(options.queue, 'batch');
    const reader = redis.duplicate();
    reader.on('error', () => {});
    const { Queue } = (await import('bullmq')).default; // as for ioredis in connection.ts
    // BullMQ leaves a connection it was given open: it is closed below with the others.
    const queueConnection = redis.duplicate();
    queueConnection.on('error', () => {});
    const queue = new Queue<RunJob>(QUEUE_NAME, {
      connection: queueConnection,
      prefix: KEY_PREFIX,
    });
    const positions = new Positions(options.positionsDir);
    const tracked = new Map<string, Tracked>();
    try {
      await redis.del(stopKey(options.batch));
      for (const run of runs) {
        const dir = join(runsDir, run.spec.name);
        const t: Tracked = {
          run,
          dir,
          log: new RunLog(redis, options.batch, run.spec.key),
          position: positions.read(run.spec.key) ?? '0',
          writer: undefined,
          live: undefined,
          segments: await segmentsIn(dir),
          announced: false,
          checkDuplicate: true,
          ended: false,
        };
        tracked.set(run.spec.key, t);
      }
      const apply = applier(positions, library, hooks, runsDir);
      // What workers sent while no coordinator was reading (it was stopped or died) comes first;
      // a log this batch folder never read from is another life's, and is started afresh.
      for (const t of tracked.values()) {
        const known = positions.read(t.run.spec.key) !== undefined;
        if (!known && !(await jobActive(queue, t, options.batch))) continue;
        const rows = (await redis.xrange(t.log.keys.events, `(${t.position}`, '+')) as [
          string,
          string[],
        ][];
        for (const row of rows) await apply(t, parseEntry(row));
        t.live?.flush();
      }
      for (const t of tracked.values()) {
        if (!t.ended) await handOut(queue, t, options.batch);
      }
      await follow(reader, queue, tracked, apply, signal, options, redis, hooks);
      if (!signal.aborted) {
        // Every run ended and is written: Redis was only the relay.
        for (const t of tracked.values()) await t.log.remove();
      }
    } finally {
      flushIndex(tracked.values());
      positions.close();
      await queue.close();
      queueConnection.disconnect();
      reader.disconnect();
      redis.disconnect();
    }
  };
}

/** Reads every pending run's events as they come, until each has ended or the batch is stopped. */
async function follow(
  reader: Redis,
  queue: Queue<RunJob>,
  tracked: Map<string, Tracked>,
  apply: Apply,
  signal: AbortSignal,
  options: QueueOptions,
  redis: Redis,
  hooks: RunHooks,
): Promise<void> {
  let stopping = false;
  let stopDeadline = Number.POSITIVE_INFINITY;
  let lastCheck = 0;
  let lastIndexed = Date.now();
  for (;;) {
    const pending = [...tracked.values()].filter((t) => !t.ended);
    if (pending.length === 0) return;
    if (signal.aborted && !stopping) {
      stopping = true;
      stopDeadline = Date.now() + (options.stopWaitMs ?? 60_000);
      await redis.set(stopKey(options.batch), '1', 'PX', 10 * 60_000);
      await withdrawWaiting(queue, pending, options.batch);
    }
    if (stopping && Date.now() > stopDeadline) return;
    const keys = pending.map((t) => t.log.keys.events);
    const ids = pending.map((t) => t.position);
    const result = (await reader.xread('COUNT', 200, 'BLOCK', 500, 'STREAMS', ...keys, ...ids)) as
      | [string, [string, string[]][]][]
      | null;
    for (const [key, rows] of result ?? []) {
      const t = pending.find((p) => p.log.keys.events === key);
      if (t === undefined) continue;
      for (const row of rows) await apply(t, parseEntry(row));
    }
    if (Date.now() - lastIndexed >= INDEX_EVERY_MS) {
      lastIndexed = Date.now();
      flushIndex(pending);
    }
    // Let the workers' events gather: a read for many events rather than one each (the
    // coordinator shares the cores with the workers it waits for).
    if (result !== null && !stopping) await delay(READ_PAUSE_MS);
    if (Date.now() - lastCheck > 1_000) {
      lastCheck = Date.now();
      await checkJobs(queue, tracked.values(), options.batch, stopping, hooks);
    }
  }
}

async function segmentsIn(dir: string): Promise<number> {
  if (!existsSync(join(dir, EVENTS_FILE))) return 0;
  return (await readEvents(dir)).runs.length;
}
