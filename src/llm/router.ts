import { type Model, type ModelChunk, ModelError, type ModelRequest } from '../engine/model.js';

/** Where one seat's requests go. */
export interface SeatRoute {
  /** A key of `endpoints`. */
  readonly endpoint: string;
  readonly model: string;
}

export interface RouterOptions {
  /** One Model (one client, one connection pool) per endpoint name. */
  readonly endpoints: ReadonlyMap<string, Model>;
  readonly seats: ReadonlyMap<number, SeatRoute>;
}

/**
 * One Model over many endpoints: each request goes to its seat's endpoint with its seat's model.
 * A seat the router was not told about still works when the request names an endpoint and a
 * model itself (the engine copies both from the Participant).
 */
export function createRouterModel(options: RouterOptions): Model {
  return (request, signal) => {
    const seat = options.seats.get(request.seat);
    const endpoint = seat?.endpoint ?? request.endpoint;
    const model = seat?.model ?? request.model;
    const target = endpoint === undefined ? undefined : options.endpoints.get(endpoint);
    if (target === undefined || model === undefined) return unrouted(request, endpoint);
    return target({ ...request, endpoint, model }, signal);
  };
}

// Failing from the iterator, where the engine catches a Model's failures, not at the call.
function unrouted(request: ModelRequest, endpoint: string | undefined): AsyncIterable<ModelChunk> {
  const error = new ModelError(
    'bad-request',
    `no endpoint is set up for seat ${request.seat} (${request.speaker})${endpoint === undefined ? '' : `: endpoint "${endpoint}" is not open`}`,
    true,
  );
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
}
