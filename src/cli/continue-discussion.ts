// Going on with a recorded discussion, whether in its own folder (`resume`) or in a new one that
// starts from part of it (`fork`): the seating from the recorded seats, the endpoints opened
// again (keys from the environment), the engine resumed from the recorded events.
import { join, normalize } from 'node:path';
import { type LoadedConfig, loadConfigFile } from '../config/config-file.js';
import { formatProblem } from '../config/problems.js';
import { planSeating } from '../config/seating.js';
import { SETTINGS } from '../config/setting-descriptors.js';
import { type FlagValues, type RunSettings, resolveSettings } from '../config/settings.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { EngineSettings, Table } from '../engine/table.js';
import { indexingForRun } from '../library/for-run.js';
import { VERSION } from '../package-info.js';
import type { RunInfo, RunRecord, TranscriptRecord } from '../transcript/events-file.js';
import type { RecordObserver, TranscriptWriter } from '../transcript/writer.js';
import { contextBudget } from './context-windows.js';
import { openSeating } from './endpoint.js';
import { notice } from './notice.js';
import { printableSettings } from './open-run.js';
import { paceFor } from './pace.js';
import { type OutputMode, runSession } from './session.js';
import type { WebFlags } from './web-flags.js';

export interface ContinueOptions {
  readonly table: Table;
  readonly settings: RunSettings;
  readonly engineSettings: EngineSettings;
  /** The recorded events the engine goes on from (no `run`/`closed` records). */
  readonly events: readonly DiscussionEvent[];
  /** The table folder the run came from: its config may name the endpoints the seats used. */
  readonly tableDir: string;
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
  const config = await tableEndpoints(options.tableDir);
  // The recorded participants carry the endpoint and model each seat used.
  const seating = planSeating(
    { table, config: { endpoints: config.config.endpoints }, configPath: config.configPath },
    settings,
    process.env,
  );
  for (const warning of seating.warnings) notice(`warning: ${warning}`);
  const budget = contextBudget(seating, settings);
  // Seeded like the original run, so an offline discussion goes on with the replies it would have had.
  const endpoint = await openSeating(seating, table, process.env, {
    seed: settings.seed,
    tokensPerSecond: paceFor(mode, options.pace),
  });
  const indexing = indexingForRun();
  try {
    const fallback = endpoint.endpoints.find((e) => e.name === seating.defaultEndpoint.name);
    const { writer, records } = await options.openTranscript(
      {
        version: VERSION,
        tableDir: options.tableDir,
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
      engine: { resume: { events: options.events }, budget },
      history: options.events,
      web: options.web && { flags: options.web, records: [...records, writer.run] },
    });
  } finally {
    indexing.close();
    await endpoint.close();
  }
}

/**
 * The run's settings as recorded, resolved again on their own: no environment variable of this
 * shell changes a discussion that is being continued (keys aside, which are never recorded and
 * come from the environment). `flags` are the changes a fork asks for.
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
  return resolveSettings({ config, configPath: `${source} (run record)`, env: {}, flags });
}

/** The named endpoints of the table's config, when the table folder is still there. */
async function tableEndpoints(
  tableDir: string,
): Promise<Pick<LoadedConfig, 'config' | 'configPath'>> {
  const loaded = await loadConfigFile(tableDir, (relative) => normalize(join(tableDir, relative)));
  for (const problem of loaded.problems) {
    notice(`warning: ${formatProblem(problem)} (its endpoints are not used)`);
  }
  return loaded;
}
