// `roundtable batch --queue`: the runs go on a BullMQ queue for `roundtable worker`s anywhere;
// their events come back through Redis and are written here, into the same transcript folders,
// library and results a local batch writes. A run whose worker died, or was stopped, is handed
// out again and resumed from its recorded events.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Executor, RunHooks } from '../batch/executor.js';
import type { PreparedRun } from '../batch/prepare.js';
import { clearFolder } from '../batch/run-folder.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { Library, LiveIndexer } from '../library/library.js';
import { EVENTS_FILE, readEvents } from '../transcript/events-file.js';
import { openTranscript, resumeTranscript, type TranscriptWriter } from '../transcript/writer.js';
import { connectRedis, type QueueUrl } from './connection.js';
import { Positions } from './positions.js';
import { KEY_PREFIX, QUEUE_NAME, type ReadEntry, type RunJob, stopKey } from './protocol.js';
import { toRunJob } from './run-job.js';
import { parseEntry, RunLog } from './run-log.js';

export interface QueueOptions {
  readonly queue: QueueUrl;
  readonly batch: string;
  /** Where the coordinator keeps how far it has read each run's events (in the batch folder). */
  readonly positionsDir: string;
  /** How long a stopped batch waits for its workers to end the runs they hold. */
  readonly stopWaitMs?: number | undefined;
}

const DEFERRED = { deferred: true } as const;
/** How long the coordinator lets events gather after a read that found some. */
const READ_PAUSE_MS = 100;
/**
 * How often the runs' events go into the library while they run (and whenever a run ends): a
 * transaction, and a new full-text segment, for a second of events rather than for each read.
 */
const INDEX_EVERY_MS = 1000;
const ACTIVE = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);
/** Written as the owner of events the coordinator puts back from a transcript. */
const RECORD_OWNER = 'transcript';

interface Tracked {
  readonly run: PreparedRun;
  readonly dir: string;
  readonly log: RunLog;
  /** The last entry written to the transcript; '0' before any. */
  position: string;
  writer: TranscriptWriter | undefined;
  /** The run's library index, written a batch of entries at a time (see `flushIndex`). */
  live: LiveIndexer | undefined;
  /** Segments (run records) the transcript holds: the next job's number. */
  segments: number;
  announced: boolean;
  /** After a restart, the first entry may be one written just before the coordinator died. */
  checkDuplicate: boolean;
  ended: boolean;
}

export function queueExecutor(options: QueueOptions): Executor {
  return async ({ runs, runsDir, signal, library, hooks }) => {
    const redis = await connectRedis(options.queue, 'batch');
    const reader = redis.duplicate();
    reader.on('error', () => {});
    const { Queue } = await import('bullmq');
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

async function jobActive(queue: Queue<RunJob>, t: Tracked, batch: string): Promise<boolean> {
  const job = await queue.getJob(`${batch}-${t.run.spec.key}-${t.segments}`);
  return job !== undefined && ACTIVE.has(await job.getState());
}

/** Puts the run on the queue unless a job for it is still waiting or running. */
async function handOut(queue: Queue<RunJob>, t: Tracked, batch: string): Promise<void> {
  const jobId = `${batch}-${t.run.spec.key}-${t.segments}`;
  const job = await queue.getJob(jobId);
  const state = job === undefined ? undefined : await job.getState();
  if (state !== undefined && ACTIVE.has(state)) return;
  if (job !== undefined) await job.remove();
  // The transcript is the record: the worker resumes from exactly what it holds.
  const recorded = existsSync(join(t.dir, EVENTS_FILE))
    ? (await readEvents(t.dir)).events.map(({ ts: _ts, ...e }) => e as DiscussionEvent)
    : [];
  const last = await t.log.reset(RECORD_OWNER, recorded);
  t.position = last ?? '0';
  t.checkDuplicate = false;
  await queue.add('run', toRunJob(batch, t.run), {
    jobId,
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}

type Apply = (t: Tracked, read: ReadEntry) => Promise<void>;

function applier(
  positions: Positions,
  library: Library | undefined,
  hooks: RunHooks,
  runsDir: string,
): Apply {
  return async (t, { id, owner, entry }) => {
    if (owner === RECORD_OWNER) {
      // Put back from the transcript when the run was handed out: already written.
      t.position = id;
      return;
    }
    if (entry.kind === 'segment') {
      await t.writer?.close('interrupted');
      t.live?.flush();
      const previous = existsSync(join(t.dir, EVENTS_FILE)) ? await readEvents(t.dir) : undefined;
      const live = library?.liveIndexer(t.dir, previous?.records ?? [], DEFERRED);
      t.live = live;
      if (previous !== undefined && previous.runs.length > 0) {
        t.writer = (
          await resumeTranscript({ dir: t.dir, run: entry.run, observe: live?.observe })
        ).writer;
      } else {
        clearFolder(t.dir);
        t.writer = await openTranscript({
          root: runsDir,
          dirName: t.run.spec.name,
          title: t.run.loaded.table.task.questions[0],
          run: entry.run,
          observe: live?.observe,
        });
      }
      t.segments += 1;
      if (!t.announced) {
        t.announced = true;
        hooks.started(t.run, previous !== undefined && previous.events.length > 0);
      }
    } else {
      const event = entry.event;
      if (t.checkDuplicate && (await isLastRecorded(t.dir, event))) {
        t.checkDuplicate = false;
        t.position = id;
        return;
      }
      if (t.writer === undefined) {
        // A restarted coordinator picks the segment up where the transcript stops.
        const previous = existsSync(join(t.dir, EVENTS_FILE)) ? await readEvents(t.dir) : undefined;
        if (previous === undefined || previous.runs.length === 0) {
          t.position = id;
          return;
        }
        const live = library?.liveIndexer(t.dir, previous.records, DEFERRED);
        t.live = live;
        t.writer = (
          await resumeTranscript({ dir: t.dir, run: undefined, observe: live?.observe })
        ).writer;
        if (!t.announced) {
          t.announced = true;
          hooks.started(t.run, true);
        }
      }
      t.writer.write(event);
      hooks.event(t.run, event);
      if (event.type === 'discussion-ended') {
        await t.writer.close(event.reason);
        t.writer = undefined;
        // The run is whole in the library as soon as it has ended.
        t.live?.flush();
        if (event.reason !== 'interrupted') {
          t.ended = true;
          await hooks.ended(t.run, event.reason);
        }
      }
    }
    t.checkDuplicate = false;
    t.position = id;
    positions.write(t.run.spec.key, id);
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
      // Runs not started yet stay on no one's hands: the next `batch` hands them out again.
      for (const t of pending) {
        const job = await queue.getJob(`${options.batch}-${t.run.spec.key}-${t.segments}`);
        if (job !== undefined && (await job.getState()) === 'waiting') await job.remove();
      }
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
      await checkJobs(queue, tracked, options, stopping, hooks);
    }
  }
}

/**
 * A run whose segment ended `interrupted` without the batch being stopped (its worker was
 * stopped) is handed out again; a run whose job failed (a worker could not even start it) ends
 * with its error. A stopped batch waits only for the runs still held by a worker.
 */
async function checkJobs(
  queue: Queue<RunJob>,
  tracked: Map<string, Tracked>,
  options: QueueOptions,
  stopping: boolean,
  hooks: RunHooks,
): Promise<void> {
  for (const t of tracked.values()) {
    if (t.ended) continue;
    const jobId = `${options.batch}-${t.run.spec.key}-${t.segments}`;
    const job = await queue.getJob(jobId);
    const state = job === undefined ? 'missing' : await job.getState();
    if (ACTIVE.has(state) || t.writer !== undefined) continue;
    if (stopping) {
      t.ended = true;
      await hooks.ended(t.run, t.announced ? 'interrupted' : undefined);
      continue;
    }
    if (state === 'failed') {
      t.ended = true;
      const why = job?.failedReason ?? 'the job failed';
      await hooks.ended(t.run, undefined, `a worker could not run it: ${why}`);
      continue;
    }
    // Completed (or gone) without an end: the worker was stopped or lost the run; hand it out again.
    await handOut(queue, t, options.batch);
  }
}

/** Writes what the runs' library indexes hold. */
function flushIndex(runs: Iterable<Tracked>): void {
  for (const t of runs) t.live?.flush();
}

async function segmentsIn(dir: string): Promise<number> {
  if (!existsSync(join(dir, EVENTS_FILE))) return 0;
  return (await readEvents(dir)).runs.length;
}

async function isLastRecorded(dir: string, event: DiscussionEvent): Promise<boolean> {
  if (!existsSync(join(dir, EVENTS_FILE))) return false;
  const last = (await readEvents(dir)).events.at(-1);
  if (last === undefined) return false;
  const { ts: _ts, ...recorded } = last;
  return isDeepStrictEqual(recorded, JSON.parse(JSON.stringify(event)));
}
