import { join, normalize } from 'node:path';
import type { FlagValues } from '../../config/resolve-settings.js';
import { resumePoint } from '../../engine/resume.js';
import type { Table } from '../../engine/table.js';
import { InputError } from '../../errors.js';
import { EVENTS_FILE, readEvents } from '../../transcript/events-file.js';
import { lockTranscript, type TranscriptLock } from '../../transcript/lock.js';
import { recordedDiscussion } from '../../transcript/recorded-discussion.js';
import { resumeTranscript } from '../../transcript/writer.js';
import { continueDiscussion, recordedSettings } from '../continue-discussion.js';
import {
  assertHumanSeatsUsable,
  type OutputFlags,
  type OutputMode,
  outputMode,
} from '../session.js';
import { assertTranscriptFolder } from '../transcript-folder.js';
import { webFlags } from '../web-flags.js';

interface ResumeFlags extends OutputFlags {
  readonly baseUrl?: string | undefined;
  readonly budgetTokens?: string | undefined;
  readonly budgetUsd?: string | undefined;
  readonly pace?: string | undefined;
}

/**
 * `roundtable resume <dir>`: goes on with an interrupted, failed or crashed discussion from its
 * events.jsonl, with the table, settings and seed it was recorded with and the endpoints it
 * used (keys from the environment again), appending to the same transcript. Nothing read is
 * trusted: the folder is locked first, every record is checked against the schemas a live run
 * is held to, and a key goes only to an endpoint the user's own config, environment or command
 * line names.
 */
export async function resumeCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const flags = raw as ResumeFlags;
  const mode = outputMode(flags, process.stdout);
  const web = webFlags(raw);
  await assertTranscriptFolder(dir);
  // Before reading: a run or resume writing this folder now must finish first.
  const lock = lockTranscript(dir, 'resume');
  try {
    return await resumeLocked(dir, flags, mode, web, lock);
  } finally {
    lock.release();
  }
}

async function resumeLocked(
  dir: string,
  flags: ResumeFlags,
  mode: OutputMode,
  web: ReturnType<typeof webFlags>,
  lock: TranscriptLock,
): Promise<number> {
  const eventsPath = normalize(join(dir, EVENTS_FILE));
  // Tolerates a partial last line (a crash mid-write); names the line of any other damage.
  const parsed = await readEvents(dir);
  if (parsed.runs.length === 0) {
    throw new InputError(
      `${eventsPath} has no run record: it was not written by roundtable run`,
      eventsPath,
    );
  }
  const { run, started, events } = recordedDiscussion(parsed, eventsPath);
  const table: Table = { participants: started.participants, task: started.task };
  const point = resumePoint(table, events);
  if (point.completed) {
    throw new InputError(
      `${eventsPath}: this discussion already completed (${point.turnsTaken} turns${point.summaryDone ? ' and the summary' : ''}); there is nothing to resume`,
      eventsPath,
    );
  }
  assertHumanSeatsUsable(table, mode);

  const runLine = parsed.lines[parsed.records.lastIndexOf(run)];
  const going = point.endOnly
    ? `${dir} holds the whole discussion but not its end: writing the end${point.summaryRecordMissing ? " (the summary's record of action items and open questions was not written: asking the summarizer for it)" : ''}`
    : `resuming ${dir} from ${point.nextTurn > started.settings.turns ? 'the closing phases' : `turn ${point.nextTurn}`}`;
  const overrides: FlagValues = {
    ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }),
    ...(flags.budgetTokens === undefined ? {} : { budgetTokens: flags.budgetTokens }),
    ...(flags.budgetUsd === undefined ? {} : { budgetUsd: flags.budgetUsd }),
  };
  const settings = recordedSettings(run, `${eventsPath}, line ${runLine} (run record)`, overrides);
  return continueDiscussion({
    table,
    settings,
    // The engine settings as the discussion started with them: same turns, same seed. The
    // budget is the latest run record's (a resume may raise it), so each resume keeps to it.
    engineSettings: {
      ...started.settings,
      budgetTokens: settings.budgetTokens,
      budgetUsd: settings.budgetUsd,
    },
    events,
    run,
    transcriptDir: dir,
    command: 'resume',
    baseUrlFlag: flags.baseUrl,
    mode,
    web,
    pace: flags.pace,
    announce: () => `roundtable: ${going}`,
    openTranscript: async (info, secrets, observe) => {
      const { writer, previous } = await resumeTranscript({
        dir,
        lock,
        secrets,
        observe,
        run: info,
      });
      return { writer, records: previous.records };
    },
  });
}
