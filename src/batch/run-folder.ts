// Where one run of a batch stands, from its transcript folder alone: the folder is the record, so
// a restarted batch (or another worker) knows what is done, what to resume and what to start.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import { EVENTS_FILE, type ParsedEvents, readEvents } from '../transcript/events-file.js';

export type FolderState =
  /** Nothing recorded yet (or nothing but a start that never reached the discussion). */
  | { readonly kind: 'new' }
  /** Cut off (Ctrl-C, a crash, kill -9): go on from the recorded events. */
  | {
      readonly kind: 'resume';
      readonly events: readonly DiscussionEvent[];
      readonly previous: ParsedEvents;
    }
  /** Ended for good: completed or stopped, or failed (resumed only when failures are retried). */
  | {
      readonly kind: 'ended';
      readonly reason: EndReason;
      readonly events: readonly DiscussionEvent[];
    };

export async function folderState(dir: string): Promise<FolderState> {
  if (!existsSync(join(dir, EVENTS_FILE))) return { kind: 'new' };
  const previous = await readEvents(dir);
  const events: DiscussionEvent[] = previous.events.map(
    ({ ts: _ts, ...event }) => event as DiscussionEvent,
  );
  if (!events.some((e) => e.type === 'discussion-started')) return { kind: 'new' };
  const last = events.at(-1);
  // A resumed run's earlier segments end too; only the last event says how it stands now.
  if (last?.type === 'discussion-ended' && last.reason !== 'interrupted') {
    return { kind: 'ended', reason: last.reason, events };
  }
  return { kind: 'resume', events, previous };
}

/** A folder that holds no discussion yet is started afresh, in the same place. */
export function clearFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
