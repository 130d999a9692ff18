// Going on with a recorded discussion, whether in its own folder (`resume`) or in a new one that
// starts from part of it (`fork`): the seating from the recorded seats, the endpoints opened
// again (keys from the environment, sent only where the user vouches for them), the engine
// resumed from the recorded events. Nothing read from a transcript is trusted: both commands
// check the records first (recordedDiscussion) and go through the same checks here.
import { isAbsolute, join, relative, resolve } from 'node:path';
import { type LoadedConfig, loadConfigFile } from '../config/config-file.js';
import { formatProblem } from '../config/problems.js';
import { type FlagValues, resolveSettings } from '../config/resolve-settings.js';
import { planSeating } from '../config/seating.js';
import { SETTINGS } from '../config/setting-descriptors.js';
import type { RunSettings } from '../config/settings.js';
import { TableFolder } from '../config/table-folder.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { EngineSettings, Table } from '../engine/table.js';
import { InputError } from '../errors.js';
import { indexingForRun } from '../library/for-run.js';
import { VERSION } from '../package-info.js';
import {
  EVENTS_FILE,
  type RunInfo,
  type RunRecord,
  type TranscriptRecord,
} from '../transcript/events-file.js';
import type { RecordObserver, TranscriptWriter } from '../transcript/writer.js';
import { checkBudgetFloor } from './budget-floor-check.js';
import { openSeating } from './endpoint.js';
import { followsOutsideSymlinks } from './flags.js';
import { withModeratorSeat } from './moderator-seat.js';
import { notice } from './notice.js';
import { printableSettings } from './open-run.js';
import { paceFor } from './pace.js';
import { preflight } from './preflight.js';
import { resumeKeyRoutes } from './resume-keys.js';
import { runPricing } from './run-prices.js';
import { type OutputMode, runSession } from './session.js';
import type { WebFlags } from './web-flags.js';

export interface ContinueOptions {
  readonly table: Table;
  readonly settings: RunSettings;
  readonly engineSettings: EngineSettings;
  /** The recorded events the engine goes on from (no `run`/`closed` records). */
  readonly events: readonly DiscussionEvent[];
  /** The recorded run record: its table folder's config may name the endpoints the seats used. */
  readonly run: RunRecord;
  /** The transcript folder the run was read from (a table inside it is refused). */
  readonly transcriptDir: string;
  /** `--base-url` as given on the command line: it vouches for the endpoint a key goes to. */
  readonly baseUrlFlag: string | undefined;
  /** Which command continues the discussion, for messages. */
  readonly command: 'resume' | 'fork';
  readonly mode: OutputMode;
  readonly web: WebFlags | undefined;
  readonly pace: unknown;
  /** What to say before the engine starts (not with --json), given the transcript folder. */
  announce(dir: string): string;
  /** Opens the transcript the new events go to, with the records it already holds. */
  openTranscript(
    run: RunInfo,
    secrets: readonly (string | undefined)[],
    observe: RecordObserver,
  ): Promise<{ writer: TranscriptWriter; records: readonly TranscriptRecord[] }>;
}

export async function continueDiscussion(options: ContinueOptions): Promise<number> {
  const { table, settings, mode } = options;
  const tableDir = tableFolder(options.run, options.transcriptDir, options.command);
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
    flagBaseUrl: options.baseUrlFlag,
    command: options.command,
    config: config.config,
    configPath: config.configPath,
    env: process.env,
  });
  for (const warning of seating.warnings) notice(`warning: ${warning}`);
  for (const key of keys) {
    notice(`roundtable: sending ${key.variable} to ${key.url} (named by ${key.namedBy})`);
  }
  const budget = preflight(table, seating, settings);
  // Seeded like the original run, so an offline discussion goes on with the replies it would have had.
  const endpoint = await openSeating(seating, table, process.env, {
    seed: settings.seed,
    tokensPerSecond: paceFor(mode, options.pace),
  });
  const indexing = indexingForRun();
  try {
    const pricing = await runPricing(endpoint, config.config, new Date());
    // Before the transcript is touched: a budget that cannot hold what is left is refused.
    const warning = await checkBudgetFloor({
      table: endpoint.table,
      settings,
      engineSettings: options.engineSettings,
      pricing,
      budget,
      events: options.events,
      command: options.command,
    });
    if (warning !== undefined) notice(`warning: ${warning}`);
    const fallback = endpoint.endpoints.find((e) => e.name === seating.defaultEndpoint.name);
    const { writer, records } = await options.openTranscript(
      {
        version: VERSION,
        tableDir,
        endpoint: seating.defaultEndpoint.name,
        baseUrl: fallback?.baseUrl,
        model: endpoint.seats.find((s) => s.endpoint === seating.defaultEndpoint.name)?.model,
        settings: printableSettings(settings),
      },
      endpoint.secrets,
      indexing.observe,
    );
    // What the folder held is indexed first: the library may never have seen this run.
    indexing.bind(writer.dir, records);
    if (mode !== 'json') notice(options.announce(writer.dir));
    return await runSession({
      table: endpoint.table,
      settings,
      engineSettings: options.engineSettings,
      endpoint,
      mode,
      transcript: writer,
      engine: {
        resume: { events: options.events },
        budget,
        pricing,
      },
      history: options.events,
      continuing: options.command,
      web: options.web && {
        flags: options.web,
        records: writer.run ? [...records, writer.run] : records,
      },
    });
  } finally {
    await indexing.close();
    await endpoint.close();
  }
}

/**
 * The run's settings as recorded, resolved again on their own and held to the same rules as a
 * live run's: no environment variable of this shell changes a discussion that is being continued
 * (keys aside, which are never recorded). `flags` are what the command line changes: `--base-url`
 * for a server that moved (resume), any setting (fork).
 */
export function recordedSettings(
  run: RunRecord,
  source: string,
  flags: FlagValues = {},
): RunSettings {
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
  return resolveSettings({ config, configPath: source, env: {}, flags });
}

/**
 * The table folder the run was started from. Recorded as an absolute path; an older record's
 * relative one is taken from here. A folder inside the transcript folder is refused: a table
 * travels beside its transcripts, not inside one that someone else could have written.
 */
function tableFolder(run: RunRecord, transcriptDir: string, command: string): string {
  const tableDir = resolve(run.tableDir);
  const inside = relative(resolve(transcriptDir), tableDir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new InputError(
      `${join(transcriptDir, EVENTS_FILE)}: the run record names a table folder inside the transcript folder (${run.tableDir}); ${command} only uses a table from its own folder`,
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
