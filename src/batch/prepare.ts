// Each run of a grid, loaded and checked before any starts: its table (with the grid's seat
// changes), its settings (the grid's over the table's config and the environment) and its seating.
import { basename } from 'node:path';
import { budgetProblem, floorOf, quotedPricing } from '../cli/budget-floor-check.js';
import { tableReadOptions } from '../cli/flags.js';
import type { ConfigFile } from '../config/config-file.js';
import { type LoadedTable, loadTable } from '../config/load-table.js';
import { missingKeyError } from '../config/missing-key.js';
import type { Problem } from '../config/problems.js';
import { problemsError } from '../config/problems.js';
import { type FlagValues, resolveSettings } from '../config/resolve-settings.js';
import { planSeating } from '../config/seating.js';
import { SETTINGS } from '../config/setting-descriptors.js';
import type { SettingKey } from '../config/setting-schemas.js';
import type { RunSettings } from '../config/settings.js';
import type { SeatMemory } from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import { RoundtableError } from '../errors.js';
import type { RunSpec } from './expand.js';
import type { Grid, SeatOverride } from './grid.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface PreparedRun {
  readonly spec: RunSpec;
  /** The table as the run sees it: the grid's seat changes made, its endpoints merged in. */
  readonly loaded: LoadedTable;
  readonly settings: RunSettings;
  /** Notes of earlier runs for its seats with `memory: true` (found in the run library). */
  readonly memories?: readonly SeatMemory[] | undefined;
}

/**
 * Loads every table once and checks every run, reporting every fault of every run at once (an
 * InputError, exit 2) before anything is started: a bad setting, a seat the table lacks, an
 * unknown endpoint, a missing key, a budget too small for the run's end.
 */
export async function prepareRuns(
  grid: Grid,
  runs: readonly RunSpec[],
  env: Env,
): Promise<PreparedRun[]> {
  const problems: Problem[] = [];
  const tables = new Map<string, LoadedTable | undefined>();
  // Table files are read as `run` reads them: the size limit and links out of the table as the
  // environment allows (a grid's own settings come later, per run, from tables already read).
  const readOptions = tableReadOptions({}, undefined, env);
  for (const run of runs) {
    if (tables.has(run.tableDir)) continue;
    try {
      tables.set(run.tableDir, await loadTable(run.tableDir, readOptions));
    } catch (error) {
      if (!(error instanceof RoundtableError)) throw error;
      tables.set(run.tableDir, undefined);
      problems.push({ source: `${grid.path}: tables: ${run.table}`, message: error.message });
    }
  }
  const hasFormat = SETTINGS.some((d) => d.key === ('format' as SettingKey));
  if (grid.formats !== undefined && !hasFormat) {
    problems.push({
      source: grid.path,
      file: grid.path,
      message: 'formats: this version of roundtable has no format setting; leave "formats" out',
    });
  }
  const prepared: PreparedRun[] = [];
  const seen = new Set<string>();
  const at = new Date();
  for (const run of runs) {
    const table = tables.get(run.tableDir);
    if (table === undefined) continue;
    const where = `${grid.path}: run ${run.index} (${describe(run)})`;
    try {
      const loaded = withGrid(table, run, grid);
      const settings = resolveRunSettings(loaded, run, grid, env);
      const seating = planSeating(loaded, settings, env);
      const missing = missingKeyError(seating);
      if (missing !== undefined) throw missing;
      if (settings.budgetTokens !== undefined || settings.budgetUsd !== undefined) {
        // A budget that cannot hold the run's end is refused here, with the other faults.
        const quoted = await quotedPricing(seating, loaded.config, at);
        const table = quoted.table(loaded.table);
        const input = { table, settings, pricing: quoted.pricing };
        const problem = budgetProblem(input, await floorOf(input));
        if (problem !== undefined) throw new RoundtableError(problem);
      }
      prepared.push({ spec: run, loaded, settings });
    } catch (error) {
      if (!(error instanceof RoundtableError)) throw error;
      // The same fault in many runs (a key missing for every run on one endpoint) is said once.
      if (seen.has(error.message)) continue;
      seen.add(error.message);
      problems.push({ source: where, message: error.message });
    }
  }
  if (problems.length > 0) throw problemsError(problems, grid.path);
  return prepared;
}

export function describe(run: RunSpec): string {
  const parts = [`table ${basename(run.tableDir)}`];
  if (run.seed !== undefined) parts.push(`seed ${run.seed}`);
  if (run.settings !== undefined) parts.push(`settings[${run.settings.index}]`);
  if (run.seats !== undefined) parts.push(`seats[${run.seats.index}]`);
  if (run.format !== undefined) parts.push(`format ${run.format}`);
  return parts.join(', ');
}

/** The table with the grid's seat changes and endpoints; a seat it lacks is an error. */
function withGrid(loaded: LoadedTable, run: RunSpec, grid: Grid): LoadedTable {
  const overrides = run.seats?.values ?? {};
  const names = loaded.table.participants.map((p) => p.name);
  for (const name of Object.keys(overrides)) {
    if (!loaded.table.participants.some((p) => p.name === name)) {
      throw new RoundtableError(
        `seats[${run.seats?.index}]: the table at ${run.table} has no seat named "${name}" (its seats: ${names.join(', ')})`,
      );
    }
  }
  const participants = loaded.table.participants.map((p) => overrideSeat(p, overrides[p.name]));
  const config: ConfigFile = {
    ...loaded.config,
    ...(grid.endpoints === undefined
      ? {}
      : { endpoints: { ...loaded.config.endpoints, ...grid.endpoints } }),
    ...(grid.prices === undefined ? {} : { prices: { ...loaded.config.prices, ...grid.prices } }),
  };
  return { ...loaded, table: { ...loaded.table, participants }, config };
}

function overrideSeat(participant: Participant, override: SeatOverride | undefined): Participant {
  if (override === undefined) return participant;
  return {
    ...participant,
    ...(override.endpoint === undefined ? {} : { endpoint: override.endpoint }),
    ...(override.model === undefined ? {} : { model: override.model }),
    ...(override.creativity === undefined ? {} : { creativity: override.creativity }),
    ...(override.max_tokens === undefined ? {} : { maxTokens: override.max_tokens }),
  };
}

/**
 * The grid's values beat the environment and the table's config file (as flags do), and are
 * recorded as coming from the grid.
 */
function resolveRunSettings(loaded: LoadedTable, run: RunSpec, grid: Grid, env: Env): RunSettings {
  const fromGrid: Record<string, unknown> = { ...run.settings?.values };
  if (run.seed !== undefined) fromGrid.seed = run.seed;
  if (run.format !== undefined) fromGrid.format = run.format;
  const settings = resolveSettings({
    flags: fromGrid as FlagValues,
    env,
    config: loaded.config,
    configPath: loaded.configPath,
  });
  const origins = { ...settings.origins };
  for (const key of Object.keys(fromGrid)) {
    if (key in origins) origins[key as SettingKey] = `${grid.path}`;
  }
  return { ...settings, origins };
}
