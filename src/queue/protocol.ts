// What the batch's coordinator and its workers say to each other through Redis: a BullMQ job per
// run (what to run), and a Redis stream per run (what was said), appended to only by the worker
// that owns the run now. Nothing else: no protocol of our own beside BullMQ's jobs.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { ConfigFile } from '../config/config-file.js';
import type { RunSettings } from '../config/settings.js';
import type { DiscussionEvent, SeatMemory } from '../engine/events.js';
import type { Table } from '../engine/table.js';
import type { RunInfo } from '../transcript/events-file.js';

/** The BullMQ queue every batch puts its runs on and every worker takes them from. */
export const QUEUE_NAME = 'roundtable-runs';
export const KEY_PREFIX = 'roundtable';

/** A batch's id: the same batch folder on the same machine is the same batch (so it resumes). */
export function batchId(out: string): string {
  return createHash('sha256')
    .update(`${hostname()}\0${resolve(out)}`)
    .digest('hex')
    .slice(0, 12);
}

export function runKeys(batch: string, run: string) {
  const base = `${KEY_PREFIX}:batch:${batch}:run:${run}`;
  return {
    /** The run's events, in order, each with the owner that appended it. */
    events: `${base}:events`,
    /** The job token of the worker that owns the run now; only it may append. */
    owner: `${base}:owner`,
  };
}

/** Set while a batch is being stopped (Ctrl-C on the coordinator): workers end its runs. */
export function stopKey(batch: string): string {
  return `${KEY_PREFIX}:batch:${batch}:stop`;
}

/** One run, as a job: everything a worker needs, no key (keys come from the worker's environment). */
export interface RunJob {
  readonly batch: string;
  readonly run: string;
  /** Shown in worker logs. */
  readonly label: string;
  readonly table: {
    readonly dir: string;
    readonly table: Table;
    readonly roleFiles: readonly (readonly [number, string])[];
    readonly config: ConfigFile;
    readonly configPath?: string | undefined;
  };
  readonly settings: RunSettings;
  /** Found by the batch's machine, which has the run library. */
  readonly memories?: readonly SeatMemory[] | undefined;
}

/** A stream entry: a new owner's segment begins (with its run record), or an engine event. */
export type LogEntry =
  | { readonly kind: 'segment'; readonly run: RunInfo }
  | { readonly kind: 'event'; readonly event: DiscussionEvent };

export interface ReadEntry {
  readonly id: string;
  readonly owner: string;
  readonly entry: LogEntry;
}
