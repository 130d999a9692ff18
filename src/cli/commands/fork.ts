import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { toEngineSettings } from '../../config/settings.js';
import type { DiscussionEvent, EventOf } from '../../engine/events.js';
import { resumePoint } from '../../engine/resume.js';
import type { EngineSettings, Table } from '../../engine/table.js';
import { InputError } from '../../errors.js';
import type { StoredEvent } from '../../transcript/events-file.js';
import { recordedDiscussion } from '../../transcript/recorded-discussion.js';
import { openTranscript } from '../../transcript/writer.js';
import { continueDiscussion, recordedSettings } from '../continue-discussion.js';
import { settingFlags } from '../flags.js';
import { changeSeats } from '../fork-seats.js';
import { notice } from '../notice.js';
import { numberFlag } from '../number-flag.js';
import { assertHumanSeatsUsable, type OutputFlags, outputMode } from '../session.js';
import { readTranscriptFolder } from '../transcript-folder.js';
import { webFlags } from '../web-flags.js';

interface ForkFlags extends OutputFlags {
  readonly at?: string;
  readonly out?: string;
  readonly seatModel?: string[];
  readonly persona?: string[];
}

/**
 * `roundtable fork <dir> --at <turn>`: a new discussion that starts from a recorded one's turns
 * 1 to `turn` and goes on from there like `resume`, with any setting (flags), seat model or
 * persona changed. Its transcript is a new folder whose `run` record names the parent and the
 * turn; the parent is only read.
 */
export async function forkCommand(
  dir: string,
  raw: Record<string, unknown>,
  command: Command,
): Promise<number> {
  const flags = raw as ForkFlags;
  const mode = outputMode(flags, process.stdout);
  const web = webFlags(raw);
  const at = numberFlag('--at', flags.at, { integer: true, min: 0 });
  if (at === undefined) throw new InputError('--at <turn> is required: the last turn to keep');
  const parent = await readTranscriptFolder(dir);
  if (!parent.events.some((e) => e.type === 'discussion-started')) {
    throw new InputError(
      `${parent.path}: the run stopped before the discussion began; there is nothing to fork`,
      parent.path,
    );
  }
  // The same checks as resume: one discussion of the recorded table, nothing out of it.
  const { run: parentRun, started } = recordedDiscussion(parent, parent.path);
  const kept = keptRecords(parent.events, at, parent.path);

  const given = settingFlags(command);
  const source = `${parent.path} (run record)`;
  const base = recordedSettings(parentRun, source);
  const settings = recordedSettings(parentRun, source, given);
  const engineSettings = changedSettings(
    started.settings,
    toEngineSettings(base),
    toEngineSettings(settings),
  );
  if (engineSettings.turns < at) {
    throw new InputError(
      `--turns ${engineSettings.turns} is fewer than the turns the fork keeps (--at ${at}): give at least ${at}`,
    );
  }
  const seats = await changeSeats(started.participants, {
    seatModels: flags.seatModel ?? [],
    personas: flags.persona ?? [],
    endpoint: given.endpoint === undefined ? undefined : settings.endpoint,
    model: given.model === undefined ? undefined : settings.model,
  });
  for (const warning of seats.warnings) notice(`warning: ${warning}`);
  const table: Table = { participants: seats.participants, task: started.task };
  // The fork's own start: its table and settings, the parent's first topic.
  const history = kept.map((record) =>
    record.type === 'discussion-started'
      ? { ...record, participants: table.participants, settings: engineSettings }
      : record,
  );
  const events: DiscussionEvent[] = history.map(
    ({ ts: _ts, ...event }) => event as DiscussionEvent,
  );
  const point = resumePoint(table, events);
  assertHumanSeatsUsable(table, mode);

  const parentDir = resolve(dir);
  const next = point.nextTurn > engineSettings.turns ? 'the summary' : `turn ${point.nextTurn}`;
  return continueDiscussion({
    table,
    settings,
    engineSettings,
    events,
    run: parentRun,
    transcriptDir: dir,
    command: 'fork',
    baseUrlFlag: typeof given.baseUrl === 'string' ? given.baseUrl : undefined,
    mode,
    web,
    pace: raw.pace,
    announce: (folder) =>
      `roundtable: forked ${dir} at turn ${at} into ${folder}; going on from ${next}`,
    openTranscript: async (run, secrets, observe) => {
      const writer = await openTranscript({
        root: flags.out ?? dirname(parentDir),
        dirName: `${basename(parentDir)}-fork-${at}`,
        title: parentRun.title,
        secrets,
        observe,
        history,
        run: { ...run, forkedFrom: { dir: parentDir, id: parentRun.id, turn: at } },
      });
      return { writer, records: [writer.run, ...history] };
    },
  });
}

/**
 * The parent's records up to the end of turn `at` (its last version, if it was spoken again
 * after a resume); with `at` 0, up to the first turn. A turn still open there is left out.
 */
function keptRecords(events: readonly StoredEvent[], at: number, source: string): StoredEvent[] {
  const isTurn = (e: StoredEvent, turn: number) => e.type === 'turn-ended' && e.turn === turn;
  if (at === 0) {
    const first = events.findIndex((e) => e.type === 'turn-started' || e.type === 'topic-changed');
    return first < 0 ? [...events] : events.slice(0, first);
  }
  const end = events.findLastIndex((e) => isTurn(e, at));
  const spoken = events.filter(
    (e): e is StoredEvent & EventOf<'turn-ended'> => e.type === 'turn-ended',
  );
  const summaries = new Set(
    events.flatMap((e) => (e.type === 'turn-started' && e.kind === 'summary' ? [e.turn] : [])),
  );
  const last = Math.max(0, ...spoken.filter((e) => !summaries.has(e.turn)).map((e) => e.turn));
  if (end < 0 || summaries.has(at) || at > last) {
    throw new InputError(
      `--at ${at}: ${source} has no turn ${at} to fork at; its turns are 1 to ${last} (0 forks from the start)`,
    );
  }
  return events.slice(0, end + 1);
}

/** The recorded engine settings with what the fork's flags changed, and nothing else. */
function changedSettings(
  recorded: EngineSettings,
  before: EngineSettings,
  after: EngineSettings,
): EngineSettings {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (
      JSON.stringify(value) !== JSON.stringify((before as unknown as Record<string, unknown>)[key])
    )
      changed[key] = value;
  }
  return { ...recorded, ...changed };
}
