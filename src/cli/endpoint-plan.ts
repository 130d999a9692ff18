// What opening a seating's endpoints and checking them share: the seams tests and `validate`
// replace, each endpoint's key (remembered, so that no display prints it) and its seats, and
// whether a server's list of models holds a seat's model.
import type { ResolvedEndpoint } from '../config/endpoint-catalog.js';
import type { ModelSeatPlan, SeatingPlan } from '../config/seating.js';
import { apiKeyFromEnv } from '../config/settings.js';
import type { Model } from '../engine/model.js';
import type { ListModelsOptions } from '../llm/list-models.js';
import { rememberSecret } from './known-secrets.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The seams tests and `validate` replace; the real ones load openai and Fastify lazily. */
export interface EndpointDeps {
  /** Serves the Markov model over HTTP for `validate --check-endpoints`. */
  readonly startDummy?: (() => Promise<{ url: string; close(): Promise<void> }>) | undefined;
  /** The in-process Markov model that offline seats talk to (see src/llm/offline-model.ts). */
  readonly offlineModel?: (() => Promise<Model>) | undefined;
  /** Seeds the in-process Markov server, so an offline run with a seed repeats exactly. */
  readonly seed?: number | undefined;
  /** The in-process Markov server's streaming pace (`--pace`); 0 is as fast as it can. */
  readonly tokensPerSecond?: number | undefined;
  readonly listModels?: ((options: ListModelsOptions) => Promise<string[]>) | undefined;
}

export async function realListModels(options: ListModelsOptions): Promise<string[]> {
  const { listModels } = await import('../llm/list-models.js');
  return listModels(options);
}

export function keyFor(endpoint: ResolvedEndpoint, env: Env): string {
  const key =
    endpoint.apiKeyEnv === undefined ? '' : (apiKeyFromEnv(env, endpoint.apiKeyEnv) ?? '');
  rememberSecret(key);
  return key;
}

export function seatsOn(plan: SeatingPlan, endpoint: string): ModelSeatPlan[] {
  return plan.seats.filter(
    (s): s is ModelSeatPlan => s.kind === 'model' && s.endpoint === endpoint,
  );
}

export function seatNames(seats: readonly ModelSeatPlan[]): string {
  return seats.map((s) => `${s.file} (${s.name})`).join(', ');
}

/** Servers list tags (`llama3:latest`) that answer to the bare name (`llama3`) too. */
export function isListed(model: string, ids: readonly string[]): boolean {
  return ids.includes(model) || ids.includes(`${model}:latest`);
}
