// What every discussion needs before its first event, whoever starts it (`run`, a batch, a queue
// worker): its seating, its endpoints opened, its context budget and the transcript's run record.
import { resolve } from 'node:path';
import type { LoadedTable } from '../config/load-table.js';
import { planSeating, type SeatingPlan } from '../config/seating.js';
import type { RunSettings } from '../config/settings.js';
import type { ContextBudget } from '../engine/budget-keeper.js';
import type { Pricing } from '../engine/costs.js';
import type { Table } from '../engine/table.js';
import { VERSION } from '../package-info.js';
import type { RunInfo } from '../transcript/events-file.js';
import { checkBudgetFloor } from './budget-floor-check.js';
import { type EndpointDeps, type OpenedSeating, openSeating } from './endpoint.js';
import { withModeratorSeat } from './moderator-seat.js';
import { checkOutcomeSettings } from './outcome-settings.js';
import { preflight } from './preflight.js';
import { runPricing } from './run-prices.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface OpenRunInput {
  readonly loaded: LoadedTable;
  /** The table as this run seats it (human seats marked); `loaded.table` by default. */
  readonly table?: Table | undefined;
  readonly settings: RunSettings;
  readonly env: Env;
  readonly deps?: EndpointDeps | undefined;
}

export interface OpenedRun {
  readonly seating: SeatingPlan;
  /** The settings as the run goes with them: where the LLM moderator runs filled in. */
  readonly settings: RunSettings;
  /** The routing model, each seat's endpoint and model, and the seated table. */
  readonly endpoint: OpenedSeating;
  readonly budget: ContextBudget | undefined;
  /** Each seat's price, quoted once: the engine stamps every request's cost with it. */
  readonly pricing: Pricing;
  /** What the run should say before it starts (a budget that holds nothing but the end). */
  readonly warnings: readonly string[];
  /** What the transcript's `run` record says of this run. */
  readonly runInfo: RunInfo;
  /** Stops what opening started (the in-process Markov server). */
  close(): Promise<void>;
}

/**
 * Plans the seating, makes the checks of `preflight`, opens each endpoint (a missing key fails
 * before anything is contacted; the Markov preset is called in-process), quotes the prices and
 * describes the run.
 */
export async function openRun(input: OpenRunInput): Promise<OpenedRun> {
  const { loaded } = input;
  const table = input.table ?? loaded.table;
  // The LLM moderator, when a phase has one, talks to its endpoint as seat 0.
  const { plan: seating, settings } = withModeratorSeat(
    planSeating({ ...loaded, table }, input.settings, input.env),
    loaded,
    input.settings,
    input.env,
  );
  // Every check made before the first request (validate makes the same ones).
  const budget = preflight(table, seating, settings);
  const endpoint = await openSeating(seating, table, input.env, {
    seed: settings.seed,
    ...input.deps,
  });
  let pricing: Pricing;
  let warning: string | undefined;
  try {
    pricing = await runPricing(endpoint, loaded.config, new Date());
    // Refused before a transcript folder exists: a bad setting leaves nothing behind.
    checkOutcomeSettings(endpoint.table, settings, pricing);
    warning = await checkBudgetFloor({ table: endpoint.table, settings, pricing, budget });
  } catch (error) {
    await endpoint.close();
    throw error;
  }
  const fallback = endpoint.endpoints.find((e) => e.name === seating.defaultEndpoint.name);
  return {
    seating,
    settings,
    endpoint,
    budget,
    pricing,
    warnings: warning === undefined ? [] : [warning],
    runInfo: {
      version: VERSION,
      // Absolute, so that resume works from any directory.
      tableDir: resolve(loaded.dir),
      endpoint: seating.defaultEndpoint.name,
      baseUrl: fallback?.baseUrl,
      model: endpoint.seats.find((s) => s.endpoint === seating.defaultEndpoint.name)?.model,
      settings: printableSettings(settings),
    },
    close: () => endpoint.close(),
  };
}

/** Settings as recorded in the transcript: values and where each came from, never a key. */
export function printableSettings(settings: RunSettings): Record<string, unknown> {
  const { sources: _sources, ...values } = settings;
  return values;
}
