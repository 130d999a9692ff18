import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { DiscussionEvent, EventOf } from '../../engine/events.js';
import { resumePoint } from '../../engine/resume.js';
import type { Table } from '../../engine/table.js';
import { InputError } from '../../errors.js';
import { EVENTS_FILE, readEvents } from '../../transcript/events-file.js';
import { resumeTranscript } from '../../transcript/writer.js';
import { continueDiscussion, recordedSettings } from '../continue-discussion.js';
import { assertHumanSeatsUsable, type OutputFlags, outputMode } from '../session.js';
import { webFlags } from '../web-flags.js';

/**
 * `roundtable resume <dir>`: goes on with an interrupted, failed or crashed discussion from its
 * events.jsonl, with the table, settings and seed it was recorded with and the endpoints it
 * used (keys from the environment again), appending to the same transcript.
 */
export async function resumeCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const mode = outputMode(raw as OutputFlags, process.stdout);
  const web = webFlags(raw);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => undefined,
  );
  if (isDir !== true) {
    throw new InputError(
      `${dir}: ${isDir === undefined ? 'transcript folder not found' : 'is a file, not a transcript folder'} (expected the folder roundtable run wrote, holding ${EVENTS_FILE})`,
      dir,
    );
  }
  const eventsPath = normalize(join(dir, EVENTS_FILE));
  // Tolerates a partial last line (a crash mid-write); names the line of any other damage.
  const recorded = await readEvents(dir);
  const lastRun = recorded.runs.at(-1);
  if (lastRun === undefined) {
    throw new InputError(
      `${eventsPath} has no run record: it was not written by roundtable run`,
      eventsPath,
    );
  }
  const events: DiscussionEvent[] = recorded.events.map(({ ts: _ts, ...event }) => event);
  const started = events.find(
    (e): e is EventOf<'discussion-started'> => e.type === 'discussion-started',
  );
  if (started === undefined) {
    throw new InputError(
      `${eventsPath}: the run stopped before the discussion began (no discussion-started event); there is nothing to resume, start it again with roundtable run ${lastRun.tableDir}`,
      eventsPath,
    );
  }
  const table: Table = { participants: started.participants, task: started.task };
  const point = resumePoint(table, events);
  if (point.completed) {
    throw new InputError(
      `${eventsPath}: this discussion already completed (${point.turnsTaken} turns${point.summaryDone ? ' and the summary' : ''}); there is nothing to resume`,
      eventsPath,
    );
  }
  assertHumanSeatsUsable(table, mode);

  const next = point.nextTurn > started.settings.turns ? 'the summary' : `turn ${point.nextTurn}`;
  return continueDiscussion({
    table,
    settings: recordedSettings(lastRun, eventsPath),
    // The engine settings as the discussion started with them: same turns, same seed.
    engineSettings: started.settings,
    events,
    tableDir: lastRun.tableDir,
    mode,
    web,
    pace: raw.pace,
    announce: () => `roundtable: resuming ${dir} from ${next}`,
    openTranscript: async (run, secrets, observe) => {
      const { writer, previous } = await resumeTranscript({ dir, secrets, observe, run });
      return { writer, records: previous.records };
    },
  });
}
