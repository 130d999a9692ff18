// The batch's side of the runs' BullMQ jobs: a run handed out (again) from what its transcript
// holds, and its job's state checked, by id only (not the job's data, which holds the whole
// table: reading it once a second for every run was a tenth of the coordinator's work).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import type { RunHooks } from '../batch/executor.js';
import type { PreparedRun } from '../batch/prepare.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { LiveIndexer } from '../library/library.js';
import { EVENTS_FILE, readEvents } from '../transcript/events-file.js';
import type { TranscriptWriter } from '../transcript/writer.js';
import type { RunJob } from './protocol.js';
import { toRunJob } from './run-job.js';
import type { RunLog } from './run-log.js';

/** A run of the batch as the coordinator follows it. */
export interface Tracked {
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

/** Written as the owner of events the coordinator puts back from a transcript. */
export const RECORD_OWNER = 'transcript';

const ACTIVE: ReadonlySet<string> = new Set([
  'active',
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
]);

/** The job of the run's next segment. */
function jobId(t: Tracked, batch: string): string {
  return `${batch}-${t.run.spec.key}-${t.segments}`;
}

export async function jobActive(queue: Queue<RunJob>, t: Tracked, batch: string): Promise<boolean> {
  return ACTIVE.has(await queue.getJobState(jobId(t, batch)));
}

/** Puts the run on the queue unless a job for it is still waiting or running. */
export async function handOut(queue: Queue<RunJob>, t: Tracked, batch: string): Promise<void> {
  const id = jobId(t, batch);
  const state = await queue.getJobState(id);
  if (ACTIVE.has(state)) return;
  if (state !== 'unknown') await queue.remove(id);
  // The transcript is the record: the worker resumes from exactly what it holds.
  const recorded = existsSync(join(t.dir, EVENTS_FILE))
    ? (await readEvents(t.dir)).events.map(({ ts: _ts, ...e }) => e as DiscussionEvent)
    : [];
  const last = await t.log.reset(RECORD_OWNER, recorded);
  t.position = last ?? '0';
  t.checkDuplicate = false;
  await queue.add('run', toRunJob(batch, t.run), {
    jobId: id,
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}

/** A stopped batch takes back the runs no worker has started: the next `batch` hands them out. */
export async function withdrawWaiting(
  queue: Queue<RunJob>,
  pending: readonly Tracked[],
  batch: string,
): Promise<void> {
  for (const t of pending) {
    const id = jobId(t, batch);
    if ((await queue.getJobState(id)) === 'waiting') await queue.remove(id);
  }
}

/**
 * A run whose segment ended `interrupted` without the batch being stopped (its worker was
 * stopped) is handed out again; a run whose job failed (a worker could not even start it) ends
 * with its error. A stopped batch waits only for the runs still held by a worker.
 */
export async function checkJobs(
  queue: Queue<RunJob>,
  tracked: Iterable<Tracked>,
  batch: string,
  stopping: boolean,
  hooks: RunHooks,
): Promise<void> {
  for (const t of tracked) {
    if (t.ended) continue;
    const id = jobId(t, batch);
    const state = await queue.getJobState(id);
    if (ACTIVE.has(state) || t.writer !== undefined) continue;
    if (stopping) {
      t.ended = true;
      await hooks.ended(t.run, t.announced ? 'interrupted' : undefined);
      continue;
    }
    if (state === 'failed') {
      t.ended = true;
      const why = (await queue.getJob(id))?.failedReason ?? 'the job failed';
      await hooks.ended(t.run, undefined, `a worker could not run it: ${why}`);
      continue;
    }
    // Completed (or gone) without an end: the worker was stopped or lost the run; hand it out again.
    await handOut(queue, t, batch);
  }
}
