import { stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { type LoadedConfig, loadConfigFile } from '../../config/config-file.js';
import { formatProblem } from '../../config/problems.js';
import { planSeating } from '../../config/seating.js';
import { SETTINGS } from '../../config/setting-descriptors.js';
import { type RunSettings, resolveSettings } from '../../config/settings.js';
import { TableFolder } from '../../config/table-folder.js';
import { resumePoint } from '../../engine/resume.js';
import type { Table } from '../../engine/table.js';
import { InputError } from '../../errors.js';
import { indexingForRun } from '../../library/for-run.js';
import { VERSION } from '../../package-info.js';
import { EVENTS_FILE, type RunRecord, readEvents } from '../../transcript/events-file.js';
import { lockTranscript } from '../../transcript/lock.js';
import { recordedDiscussion } from '../../transcript/recorded-discussion.js';
import { resumeTranscript } from '../../transcript/writer.js';
import { openSeating } from '../endpoint.js';
import { followsOutsideSymlinks } from '../flags.js';
import { withModeratorSeat } from '../moderator-seat.js';
import { notice } from '../notice.js';
import { printableSettings } from '../open-run.js';
import { paceFor } from '../pace.js';
import { preflight } from '../preflight.js';
import { resumeKeyRoutes } from '../resume-keys.js';
import { runPricing } from '../run-prices.js';
import { assertHumanSeatsUsable, type OutputFlags, outputMode, runSession } from '../session.js';

interface ResumeFlags extends OutputFlags {
  readonly baseUrl?: string | undefined;
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
  // Before reading: a run or resume writing this folder now must finish first.
  const lock = lockTranscript(dir, 'resume');
  try {
    return await resumeLocked(dir, flags, mode, lock);
  } finally {
    lock.release();
  }
}

async function resumeLocked(
  dir: string,
  flags: ResumeFlags,
  mode: ReturnType<typeof outputMode>,
  lock: ReturnType<typeof lockTranscript>,
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
  const settings = recordedSettings(run, `${eventsPath}, line ${runLine} (run record)`, flags);
  const tableDir = tableFolder(run, dir);
  const config = await tableEndpoints(tableDir, settings);
  // The recorded participants carry the endpoint and model each seat used.
  const seated = { table, config: config.config, configPath: config.configPath };
  // The recorded settings name where the LLM moderator ran, if the run had one.
  const { plan: seating } = withModeratorSeat(
    planSeating(seated, settings, process.env),
    seated,
    settings,
    process.env,
  );
  const keys = resumeKeyRoutes(seating, {
    flagBaseUrl: flags.baseUrl,
    config: config.config,
    configPath: config.configPath,
    env: process.env,
  });
  for (const warning of seating.warnings) notice(`warning: ${warning}`);
  for (const key of keys) {
    notice(`roundtable: sending ${key.variable} to ${key.url} (named by ${key.namedBy})`);
  }
  const budget = preflight(table, seating, settings);
  // Seeded like the original run, so an offline discussion resumes with the replies it would have had.
  const endpoint = await openSeating(seating, table, process.env, {
    seed: settings.seed,
    tokensPerSecond: paceFor(mode, flags.pace),
  });
  const indexing = indexingForRun();
  try {
    const fallback = endpoint.endpoints.find((e) => e.name === seating.defaultEndpoint.name);
    const { writer, previous } = await resumeTranscript({
      dir,
      lock,
      secrets: endpoint.secrets,
      observe: indexing.observe,
      run: {
        version: VERSION,
        tableDir,
        endpoint: seating.defaultEndpoint.name,
        baseUrl: fallback?.baseUrl,
        model: endpoint.seats.find((s) => s.endpoint === seating.defaultEndpoint.name)?.model,
        settings: printableSettings(settings),
      },
    });
    // What the folder held is indexed first: the library may never have seen this run.
    indexing.bind(dir, previous.records);
    if (mode !== 'json') {
      const next =
        point.nextTurn > started.settings.turns ? 'the summary' : `turn ${point.nextTurn}`;
      notice(`roundtable: resuming ${dir} from ${next}`);
    }
    return await runSession({
      table: endpoint.table,
      settings,
      // The engine settings as the discussion started with them: same turns, same seed.
      engineSettings: started.settings,
      endpoint,
      mode,
      transcript: writer,
      engine: {
        resume: { events },
        budget,
        pricing: await runPricing(endpoint, config.config, new Date()),
      },
      history: events,
    });
  } finally {
    indexing.close();
    await endpoint.close();
  }
}

/**
 * The run's settings as recorded, resolved again on their own and held to the same rules as a
 * live run's: no flag or environment variable of this shell changes a discussion that is being
 * continued (keys aside, which are never recorded, and `--base-url` for a server that moved).
 */
function recordedSettings(run: RunRecord, source: string, flags: ResumeFlags): RunSettings {
  const values = run.settings;
  const temperature = values.temperature as { min?: unknown; max?: unknown } | undefined;
  const config: Record<string, unknown> = {};
  for (const d of SETTINGS) {
    const value =
      d.key === 'temperatureMin'
        ? temperature?.min
        : d.key === 'temperatureMax'
          ? temperature?.max
          : values[d.key];
    if (value !== undefined) config[d.key] = value;
  }
  return resolveSettings({
    config,
    configPath: source,
    flags: flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl },
    env: {},
  });
}

/**
 * The table folder the run was started from. Recorded as an absolute path; an older record's
 * relative one is taken from here. A folder inside the transcript folder is refused: a table
 * travels beside its transcripts, not inside one that someone else could have written.
 */
function tableFolder(run: RunRecord, transcriptDir: string): string {
  const tableDir = resolve(run.tableDir);
  const inside = relative(resolve(transcriptDir), tableDir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new InputError(
      `${join(transcriptDir, EVENTS_FILE)}: the run record names a table folder inside the transcript folder (${run.tableDir}); resume only uses the table's own folder`,
    );
  }
  return tableDir;
}

/**
 * The named endpoints of the table's config, when the table folder is still there. Read as a live
 * run reads it: a regular file within the size limit, and no link out of the folder unless the
 * environment allows it.
 */
async function tableEndpoints(
  tableDir: string,
  settings: RunSettings,
): Promise<Pick<LoadedConfig, 'config' | 'configPath'>> {
  let folder: TableFolder;
  try {
    folder = await TableFolder.open(tableDir, {
      maxFileBytes: settings.maxFileBytes,
      followOutsideSymlinks: followsOutsideSymlinks(undefined, process.env),
    });
  } catch (error) {
    notice(`warning: ${(error as Error).message} (its config's endpoints are not used)`);
    return { config: {} };
  }
  const loaded = await loadConfigFile(folder);
  for (const problem of loaded.problems) {
    notice(`warning: ${formatProblem(problem)} (its endpoints are not used)`);
  }
  return loaded.problems.length > 0 ? { config: {}, configPath: loaded.configPath } : loaded;
}
