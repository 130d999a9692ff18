// The LLM moderator (speaker policy `moderator`) holds no seat at the table, but its requests go
// out like a seat's: as seat 0, on the endpoint and model the config's `moderator` names, the
// table default otherwise. Adding it to the seating plan opens its endpoint and routes it.

import { endpointCatalog } from '../config/endpoint-catalog.js';
import type { LoadedTable } from '../config/load-table.js';
import type { ModelSeatPlan, SeatingPlan } from '../config/seating.js';
import { apiKeyFromEnv, type RunSettings, toEngineSettings } from '../config/settings.js';
import { phasesFor } from '../engine/formats.js';
import type { EngineSettings } from '../engine/table.js';
import { InputError } from '../errors.js';

/** The request seat of the LLM moderator. */
export const MODERATOR_SEAT = 0;

export function usesModerator(settings: EngineSettings): boolean {
  if (settings.speakerPolicy === 'moderator') return true;
  return phasesFor(settings).some(
    (phase) => phase.kind === 'discussion' && phase.speakerPolicy === 'moderator',
  );
}

/**
 * The plan with the moderator's seat added when a discussion phase is moderated by an LLM, and
 * the engine settings saying where it runs (recorded in the transcript, used again on resume).
 */
export function withModeratorSeat(
  plan: SeatingPlan,
  loaded: Pick<LoadedTable, 'config' | 'configPath'>,
  settings: RunSettings,
  env: Readonly<Record<string, string | undefined>>,
): { readonly plan: SeatingPlan; readonly settings: RunSettings } {
  if (!usesModerator(toEngineSettings(settings))) return { plan, settings };
  const wanted = settings.moderator ?? loaded.config.moderator ?? {};
  const where = loaded.configPath ?? 'roundtable.config.json';
  const name = wanted.endpoint ?? plan.defaultEndpoint.name;
  const endpoint = endpointCatalog(loaded.config, settings, where).get(name);
  if (endpoint === undefined) {
    throw new InputError(
      `moderator.endpoint: there is no endpoint "${name}"; name a preset or one from "endpoints" in ${where}`,
      loaded.configPath,
    );
  }
  const variable = endpoint.apiKeyEnv;
  if (
    endpoint.keyRequired &&
    variable !== undefined &&
    apiKeyFromEnv(env, variable) === undefined
  ) {
    throw new InputError(
      `the moderator (speaker policy "moderator") uses endpoint ${name}, which needs ${variable}; it is not set`,
    );
  }
  const sameEndpoint = plan.seats.find(
    (s): s is ModelSeatPlan => s.kind === 'model' && s.endpoint === name,
  );
  const model =
    wanted.model ?? endpoint.model ?? settings.model ?? endpoint.presetModel ?? sameEndpoint?.model;
  const seat: ModelSeatPlan = {
    kind: 'model',
    seat: MODERATOR_SEAT,
    name: 'Moderator',
    file: where,
    endpoint: name,
    endpointFromRole: wanted.endpoint !== undefined,
    model,
    modelSource: wanted.model !== undefined ? 'role' : 'endpoint',
    modelOrigin: wanted.model !== undefined ? `moderator.model in ${where}` : `endpoint ${name}`,
    maxTokens: undefined,
    contextTokens: undefined,
  };
  const endpoints = plan.endpoints.some((e) => e.name === name)
    ? plan.endpoints
    : [...plan.endpoints, endpoint];
  return {
    plan: { ...plan, seats: [...plan.seats, seat], endpoints },
    settings: { ...settings, moderator: { endpoint: name, model } },
  };
}
