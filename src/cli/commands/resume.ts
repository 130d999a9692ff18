import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { type LoadedConfig, loadConfigFile } from '../../config/config-file.js';
import { formatProblem } from '../../config/problems.js';
import { planSeating } from '../../config/seating.js';
import { SETTINGS } from '../../config/setting-descriptors.js';
import { type RunSettings, resolveSettings } from '../../config/settings.js';
import type { DiscussionEvent, EventOf } from '../../engine/events.js';
import { resumePoint } from '../../engine/resume.js';
import type { Table } from '../../engine/table.js';
import { InputError } from '../../errors.js';
import { indexingForRun } from '../../library/for-run.js';
import { VERSION } from '../../package-info.js';
import { EVENTS_FILE, type RunRecord, readEvents } from '../../transcript/events-file.js';
import { resumeTranscript } from '../../transcript/writer.js';
import { contextBudget } from '../context-windows.js';
import { openSeating } from '../endpoint.js';
import { notice } from '../notice.js';
import { printableSettings } from '../open-run.js';
import { paceFor } from '../pace.js';
import { runPricing } from '../run-prices.js';
import { assertHumanSeatsUsable, type OutputFlags, outputMode, runSession } from '../session.js';

/**
 * `roundtable resume <dir>`: goes on with an interrupted, failed or crashed discussion from its
 * events.jsonl, with the table, settings and seed it was recorded with and the endpoints it
 * used (keys from the environment again), appending to the same transcript.
 */
export async function resumeCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const mode = outputMode(raw as OutputFlags, process.stdout);
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

  const settings = await recordedSettings(lastRun, eventsPath);
  const config = await tableEndpoints(lastRun.tableDir);
  // The recorded participants carry the endpoint and model each seat used.
  const seating = planSeating(
    { table, config: { endpoints: config.config.endpoints }, configPath: config.configPath },
    settings,
    process.env,
  );
  for (const warning of seating.warnings) notice(`warning: ${warning}`);
  const budget = contextBudget(seating, settings);
  // Seeded like the original run, so an offline discussion resumes with the replies it would have had.
  const endpoint = await openSeating(seating, table, process.env, {
    seed: settings.seed,
    tokensPerSecond: paceFor(mode, raw.pace),
  });
  const indexing = indexingForRun();
  try {
    const fallback = endpoint.endpoints.find((e) => e.name === seating.defaultEndpoint.name);
    const { writer, previous } = await resumeTranscript({
      dir,
      secrets: endpoint.secrets,
      observe: indexing.observe,
      run: {
        version: VERSION,
        tableDir: lastRun.tableDir,
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
 * The run's settings as recorded, resolved again on their own: no flag or environment variable
 * of this shell changes a discussion that is being continued (keys aside, which are never
 * recorded and come from the environment).
 */
async function recordedSettings(run: RunRecord, source: string): Promise<RunSettings> {
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
  return resolveSettings({ config, configPath: `${source} (run record)`, env: {} });
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
