// Writes what a worker sent for a run, entry by entry, into the run's transcript folder (and the
// library, and the batch's progress), where a local batch would have written it: a segment's
// start opens or resumes the transcript, an event is recorded, and the run's end closes it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { RunHooks } from '../batch/executor.js';
import { clearFolder } from '../batch/run-folder.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { Library } from '../library/library.js';
import { EVENTS_FILE, readEvents } from '../transcript/events-file.js';
import { openTranscript, resumeTranscript } from '../transcript/writer.js';
import { RECORD_OWNER, type Tracked } from './jobs.js';
import type { Positions } from './positions.js';
import type { ReadEntry } from './protocol.js';

const DEFERRED = { deferred: true } as const;

export type Apply = (t: Tracked, read: ReadEntry) => Promise<void>;

export function applier(
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

/** Writes what the runs' library indexes hold. */
export function flushIndex(runs: Iterable<Tracked>): void {
  for (const t of runs) t.live?.flush();
}

async function isLastRecorded(dir: string, event: DiscussionEvent): Promise<boolean> {
  if (!existsSync(join(dir, EVENTS_FILE))) return false;
  const last = (await readEvents(dir)).events.at(-1);
  if (last === undefined) return false;
  const { ts: _ts, ...recorded } = last;
  return isDeepStrictEqual(recorded, JSON.parse(JSON.stringify(event)));
}
