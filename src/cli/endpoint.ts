// Opening a seating: each distinct endpoint once (the Markov preset in-process), a model asked of
// a server only where a seat names none, and one Model that routes every request by seat.
import { endpointLabel } from '../config/endpoint-catalog.js';
import { missingKeyError } from '../config/missing-key.js';
import { type ModelSeatPlan, type SeatingPlan, seatedTable } from '../config/seating.js';
import { type Model, ModelError } from '../engine/model.js';
import type { Table } from '../engine/table.js';
import { InputError, RoundtableError } from '../errors.js';
import { limitedFetch } from '../limits/limited-fetch.js';
import { limiterFor } from '../limits/registry.js';
import { openOfflineModel } from '../llm/offline-model.js';
import { displayUrl } from '../llm/redact.js';
import {
  type EndpointDeps,
  type Env,
  keyFor,
  realListModels,
  seatNames,
  seatsOn,
} from './endpoint-plan.js';

export type { EndpointDeps } from './endpoint-plan.js';

/** What the TUI and the transcript show for a seat: who answers it, where, with which model. */
export interface SeatRoute {
  readonly seat: number;
  readonly name: string;
  readonly endpoint: string;
  /** `anthropic (https://api.anthropic.com/v1)`, or `markov (offline, in-process)`. */
  readonly label: string;
  /** Credential-free, as it may be shown and recorded; none for the in-process model. */
  readonly baseUrl: string | undefined;
  readonly model: string;
  /** Where the model name came from: `role file`, `--model`, `openai preset default`, … */
  readonly modelOrigin: string;
  readonly maxTokens?: number | undefined;
  readonly contextTokens?: number | undefined;
}

export interface OpenedEndpointInfo {
  readonly name: string;
  readonly label: string;
  /** Credential-free; none for the in-process model. */
  readonly baseUrl: string | undefined;
  readonly offline: boolean;
  /** Requests in flight at once, when the endpoint entry limits them (maxConcurrentRequests). */
  readonly concurrency: number | undefined;
}

export interface OpenedSeating {
  /** Routes every request to its seat's endpoint, with its seat's model. */
  readonly model: Model;
  /** The model seats, in seat order; human seats are not here. */
  readonly seats: readonly SeatRoute[];
  readonly endpoints: readonly OpenedEndpointInfo[];
  /** The table with each model seat's endpoint, model and reply budget filled in. */
  readonly table: Table;
  /** Every model seat runs on the in-process Markov server. */
  readonly offline: boolean;
  /** For a one-line header: the endpoint and model, or how many there are when they differ. */
  readonly summary: { readonly endpoint: string; readonly model: string };
  /** The keys read from the environment: only for scrubbers (transcript `secrets`); never print. */
  readonly secrets: readonly string[];
  /** Stops the in-process Markov server, if one was started. Idempotent. */
  close(): Promise<void>;
}

/** The model the in-process Markov server answers to, and so the offline model's name. */
const DUMMY_MODEL = 'markov';

function onlyModel(ids: readonly string[], label: string, seats: readonly ModelSeatPlan[]): string {
  const [first] = ids;
  if (first !== undefined && ids.length === 1) return first;
  const listed =
    ids.length === 0 ? 'none' : ids.slice(0, 8).join(', ') + (ids.length > 8 ? ', …' : '');
  return missingModel(
    `${label} serves ${ids.length === 0 ? 'no models' : `${ids.length} models`} (${listed})`,
    seats,
  );
}

function missingModel(reason: string, seats: readonly ModelSeatPlan[]): never {
  const endpoint = seats[0]?.endpoint ?? '';
  throw new InputError(
    `${seatNames(seats)} name${seats.length === 1 ? 's' : ''} no model, and ${reason}; set "model" in the role file, endpoints.${endpoint}.model in roundtable.config.json, or --model / ROUNDTABLE_MODEL`,
    seats[0]?.file.startsWith('seat ') === true ? undefined : seats[0]?.file,
  );
}

function summaryOf(seats: readonly SeatRoute[]): { endpoint: string; model: string } {
  const labels = [...new Set(seats.map((s) => s.label))];
  const models = [...new Set(seats.map((s) => s.model))];
  return {
    endpoint: labels.length === 1 ? (labels[0] ?? '') : `${labels.length} endpoints`,
    model: models.length === 1 ? (models[0] ?? '') : `${models.length} models`,
  };
}

/**
 * Opens each distinct endpoint of the plan once (one client, one connection pool each; the
 * Markov preset is the built-in model, called in-process without HTTP), asks an endpoint for
 * its model only where a seat has none, and returns one Model that routes by seat. A missing
 * key fails before anything is contacted.
 */
export async function openSeating(
  plan: SeatingPlan,
  table: Table,
  env: Env,
  deps: EndpointDeps = {},
): Promise<OpenedSeating> {
  const missing = missingKeyError(plan);
  if (missing !== undefined) throw missing;
  const { createRouterModel } = await import('../llm/router.js');
  const listModels = deps.listModels ?? realListModels;
  let offlineModel: Model | undefined;
  const close = async (): Promise<void> => {};
  try {
    const endpointModels = new Map<string, Model>();
    const infos: OpenedEndpointInfo[] = [];
    const routes: SeatRoute[] = [];
    const secrets: string[] = [];
    for (const endpoint of plan.endpoints) {
      const baseUrl = endpoint.baseUrl;
      const label = endpointLabel(endpoint);
      if (baseUrl === undefined) {
        // The built-in model, called in-process: no server, no HTTP client to load or start.
        offlineModel ??= await (
          deps.offlineModel ??
          (() => openOfflineModel({ seed: deps.seed, tokensPerSecond: deps.tokensPerSecond }))
        )();
        endpointModels.set(endpoint.name, offlineModel);
        infos.push({
          name: endpoint.name,
          label,
          baseUrl: undefined,
          offline: true,
          concurrency: endpoint.limits?.maxConcurrentRequests,
        });
        for (const seat of seatsOn(plan, endpoint.name)) {
          routes.push({
            seat: seat.seat,
            name: seat.name,
            endpoint: endpoint.name,
            label,
            baseUrl: undefined,
            model: seat.model ?? DUMMY_MODEL,
            modelOrigin: seat.model === undefined ? 'the only model it serves' : seat.modelOrigin,
            maxTokens: seat.maxTokens,
            contextTokens: seat.contextTokens,
          });
        }
        continue;
      }
      const apiKey = keyFor(endpoint, env);
      if (apiKey !== '') secrets.push(apiKey);
      const timing = {
        timeoutMs: endpoint.timeout * 1000,
        stallTimeoutMs: endpoint.stallTimeout * 1000,
        retries: endpoint.retries,
      };
      const name = endpoint.name === 'default' ? undefined : endpoint.name;
      const seats = seatsOn(plan, endpoint.name);
      const unnamed = seats.filter((s) => s.model === undefined);
      let served: string | undefined;
      if (unnamed.length > 0) {
        let ids: string[];
        try {
          ids = await listModels({
            baseUrl,
            apiKey,
            timeoutMs: timing.timeoutMs,
            name,
            apiKeyEnv: endpoint.apiKeyEnv,
          });
        } catch (error) {
          throw new RoundtableError(
            `${seatNames(unnamed)} name${unnamed.length === 1 ? 's' : ''} no model, so ${label} was asked which it serves, and that failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        served = onlyModel(ids, label, unnamed);
      }
      const defaultModel = seats[0]?.model ?? served ?? '';
      const { createOpenAIModel } = await import('../llm/openai-model.js');
      let client: Model;
      try {
        client = createOpenAIModel({
          baseUrl,
          apiKey,
          model: defaultModel,
          name,
          apiKeyEnv: endpoint.apiKeyEnv,
          // Shared by every run in this process that talks to this server (a batch's runs).
          fetch: limitedFetch(limiterFor(baseUrl, endpoint.limits ?? {})),
          ...timing,
        });
      } catch (error) {
        // A base URL the client refuses (credentials in it): the user's input, already redacted.
        if (error instanceof ModelError) throw new InputError(error.message);
        throw error;
      }
      endpointModels.set(endpoint.name, client);
      infos.push({
        name: endpoint.name,
        label,
        baseUrl: displayUrl(baseUrl),
        offline: false,
        concurrency: endpoint.limits?.maxConcurrentRequests,
      });
      for (const seat of seats) {
        const model = seat.model ?? served ?? defaultModel;
        routes.push({
          seat: seat.seat,
          name: seat.name,
          endpoint: endpoint.name,
          label,
          baseUrl: displayUrl(baseUrl),
          model,
          modelOrigin:
            seat.model === undefined ? 'the only model the endpoint lists' : seat.modelOrigin,
          maxTokens: seat.maxTokens,
          contextTokens: seat.contextTokens,
        });
      }
    }
    routes.sort((a, b) => a.seat - b.seat);
    const model = createRouterModel({
      endpoints: endpointModels,
      seats: new Map(routes.map((r) => [r.seat, { endpoint: r.endpoint, model: r.model }])),
    });
    return {
      model,
      seats: routes,
      endpoints: infos,
      table: seatedTable(table, routes),
      offline: infos.length > 0 && infos.every((i) => i.offline),
      summary: summaryOf(routes),
      secrets,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
