// Which endpoint and model each seat of a table talks to, and why: planned from the table, the
// config and the settings, with nothing contacted.
import type { Table } from '../engine/table.js';
import { CONFIG_FILE, type ConfigFile } from './config-file.js';
import { endpointCatalog, type ResolvedEndpoint } from './endpoint-catalog.js';
import { DEFAULT_ENDPOINT, MARKOV_ENDPOINT, OPENAI_ENDPOINT } from './endpoint-presets.js';
import { type Problem, problemsError } from './problems.js';
import { apiKeyFromEnv, type RunSettings } from './settings.js';
import { nearest } from './suggest.js';

type Env = Readonly<Record<string, string | undefined>>;

export type ModelSource = 'role' | 'endpoint' | 'setting' | 'preset' | 'server';

export interface ModelSeatPlan {
  readonly kind: 'model';
  readonly seat: number;
  readonly name: string;
  /** The role file as shown to the user. */
  readonly file: string;
  readonly endpoint: string;
  /** True when the role file names the endpoint; false when the table default applies. */
  readonly endpointFromRole: boolean;
  /** Undefined: ask the endpoint, which must list exactly one model. */
  readonly model: string | undefined;
  readonly modelSource: ModelSource;
  /** Where the model came from, as the user would name it: `role file`, `--model`, … */
  readonly modelOrigin: string;
  readonly maxTokens: number | undefined;
  readonly contextTokens: number | undefined;
}

export interface HumanSeatPlan {
  readonly kind: 'human';
  readonly seat: number;
  readonly name: string;
  readonly file: string;
}

export type SeatPlan = ModelSeatPlan | HumanSeatPlan;

export interface MissingKey {
  readonly endpoint: string;
  readonly variable: string;
  readonly seats: readonly ModelSeatPlan[];
}

export interface SeatingPlan {
  /** The endpoint for seats whose role file names none, and why it is that one. */
  readonly defaultEndpoint: { readonly name: string; readonly origin: string };
  /** The endpoints the model seats use, in seat order of first use. */
  readonly endpoints: readonly ResolvedEndpoint[];
  readonly seats: readonly SeatPlan[];
  /** Keys a run needs and the environment lacks; `missingKeyError` turns them into the error. */
  readonly missingKeys: readonly MissingKey[];
  readonly warnings: readonly string[];
}

export interface SeatingInput {
  readonly table: Table;
  readonly roleFiles?: ReadonlyMap<number, string> | undefined;
  readonly config: ConfigFile;
  readonly configPath?: string | undefined;
}

/** The table default: the endpoint setting, else baseUrl, else OpenAI when its key is set, else offline. */
function tableDefault(settings: RunSettings, env: Env): { name: string; origin: string } {
  if (settings.endpoint !== undefined) {
    return { name: settings.endpoint, origin: settings.origins.endpoint };
  }
  if (settings.baseUrl !== undefined) {
    return { name: DEFAULT_ENDPOINT, origin: settings.origins.baseUrl };
  }
  if (apiKeyFromEnv(env, 'OPENAI_API_KEY') !== undefined) {
    return { name: OPENAI_ENDPOINT, origin: 'OPENAI_API_KEY is set' };
  }
  return { name: MARKOV_ENDPOINT, origin: 'no endpoint configured' };
}

function unknownEndpoint(name: string, catalog: ReadonlyMap<string, ResolvedEndpoint>): string {
  const names = [...catalog.keys()];
  const guess = nearest(name, names);
  const reason =
    name === DEFAULT_ENDPOINT
      ? `no endpoint named "${name}": that is the endpoint baseUrl sets (--base-url, OPENAI_BASE_URL), and baseUrl is not set`
      : `no endpoint named "${name}"${guess === undefined ? '' : ` (did you mean ${guess}?)`}`;
  return `${reason}; valid: ${names.join(', ')} (define others under "endpoints" in ${CONFIG_FILE})`;
}

function modelFor(
  role: string | undefined,
  endpoint: ResolvedEndpoint,
  settings: RunSettings,
  configSource: string,
): { model: string | undefined; source: ModelSource; origin: string } {
  if (role !== undefined) return { model: role, source: 'role', origin: 'role file' };
  if (endpoint.model !== undefined) {
    return {
      model: endpoint.model,
      source: 'endpoint',
      origin: `endpoints.${endpoint.name}.model in ${configSource}`,
    };
  }
  if (settings.model !== undefined) {
    return { model: settings.model, source: 'setting', origin: settings.origins.model };
  }
  if (endpoint.presetModel !== undefined) {
    return {
      model: endpoint.presetModel,
      source: 'preset',
      origin: `${endpoint.name} preset default`,
    };
  }
  return { model: undefined, source: 'server', origin: 'the only model the endpoint lists' };
}

/**
 * Resolves every seat to an endpoint and (where it can without asking a server) a model:
 * role `model` > the endpoint entry's `model` > the table's model setting > the preset's default >
 * the endpoint's only listed model (asked when the run opens it). Names that do not exist are an
 * InputError naming the role file or setting; keys the environment lacks are returned in
 * `missingKeys` so `validate` can still describe the table. No I/O.
 */
export function planSeating(input: SeatingInput, settings: RunSettings, env: Env): SeatingPlan {
  const configSource = input.configPath ?? CONFIG_FILE;
  const catalog = endpointCatalog(input.config, settings, configSource);
  const problems: Problem[] = [];
  const fallback = tableDefault(settings, env);
  if (!catalog.has(fallback.name)) {
    const fromConfig = settings.sources.endpoint === 'config';
    problems.push({
      source: fallback.origin,
      file: fromConfig ? configSource : undefined,
      message: `${fromConfig ? 'endpoint: ' : ''}${unknownEndpoint(fallback.name, catalog)}`,
    });
  }
  const seats: SeatPlan[] = [];
  const used = new Map<string, ResolvedEndpoint>();
  for (const p of input.table.participants) {
    const file = input.roleFiles?.get(p.seat) ?? `seat ${p.seat}`;
    const named = p.endpoint === undefined ? undefined : catalog.get(p.endpoint);
    if (p.endpoint !== undefined && named === undefined) {
      problems.push({
        source: file,
        file: input.roleFiles?.has(p.seat) === true ? file : undefined,
        message: `endpoint: ${unknownEndpoint(p.endpoint, catalog)}`,
      });
      continue;
    }
    if (p.human === true) {
      seats.push({ kind: 'human', seat: p.seat, name: p.name, file });
      continue;
    }
    const endpoint = named ?? catalog.get(fallback.name);
    if (endpoint === undefined) continue;
    used.set(endpoint.name, endpoint);
    const model = modelFor(p.model, endpoint, settings, configSource);
    seats.push({
      kind: 'model',
      seat: p.seat,
      name: p.name,
      file,
      endpoint: endpoint.name,
      endpointFromRole: named !== undefined,
      model: model.model,
      modelSource: model.source,
      modelOrigin: model.origin,
      maxTokens: p.maxTokens ?? endpoint.maxTokens,
      contextTokens:
        endpoint.contextTokens ??
        (model.model !== undefined && model.model === endpoint.presetModel
          ? endpoint.presetContextTokens
          : undefined),
    });
  }
  if (problems.length > 0) throw problemsError(problems, 'the endpoints');

  const missingKeys: MissingKey[] = [];
  for (const endpoint of used.values()) {
    const variable = endpoint.apiKeyEnv;
    if (!endpoint.keyRequired || variable === undefined) continue;
    if (apiKeyFromEnv(env, variable) !== undefined) continue;
    const on = seats.filter(
      (s): s is ModelSeatPlan => s.kind === 'model' && s.endpoint === endpoint.name,
    );
    missingKeys.push({ endpoint: endpoint.name, variable, seats: on });
  }
  const warnings: string[] = [];
  if (settings.baseUrl !== undefined && !used.has(DEFAULT_ENDPOINT)) {
    warnings.push(
      `baseUrl (from ${settings.origins.baseUrl}) is not used: the table's default endpoint is ${fallback.name} (from ${fallback.origin}) and no role file names endpoint "${DEFAULT_ENDPOINT}"`,
    );
  }
  return { defaultEndpoint: fallback, endpoints: [...used.values()], seats, missingKeys, warnings };
}

/** The table with each model seat's endpoint, model and reply budget filled in, as requests carry them. */
export function seatedTable(
  table: Table,
  seats: readonly {
    seat: number;
    endpoint: string;
    model: string;
    maxTokens?: number | undefined;
  }[],
): Table {
  const bySeat = new Map(seats.map((s) => [s.seat, s]));
  return {
    ...table,
    participants: table.participants.map((p) => {
      const seat = bySeat.get(p.seat);
      if (seat === undefined || p.human === true) return p;
      return {
        ...p,
        endpoint: seat.endpoint,
        model: seat.model,
        ...(seat.maxTokens === undefined ? {} : { maxTokens: seat.maxTokens }),
      };
    }),
  };
}
