import type { EndpointLimits, Limiter } from './limiter.js';
import { LocalLimiter } from './local-limiter.js';

/** Makes the limiter for one endpoint; a queue worker swaps in one that lives in Redis. */
export type LimiterFactory = (key: string, limits: EndpointLimits) => Limiter;

let factory: LimiterFactory = (_key, limits) => new LocalLimiter(limits);
const limiters = new Map<string, Limiter>();

/**
 * The one limiter of an endpoint in this process, so that every run and seat talking to it
 * shares it. `key` names the endpoint itself (its base URL), not the name a table gives it. The
 * first caller's limits hold for the endpoint; a later run asking for others gets the first.
 */
export function limiterFor(key: string, limits: EndpointLimits): Limiter {
  let limiter = limiters.get(key);
  if (limiter === undefined) {
    limiter = factory(key, limits);
    limiters.set(key, limiter);
  }
  return limiter;
}

/** From now on endpoints get their limiters from `make` (the limiters made so far are dropped). */
export function setLimiterFactory(make: LimiterFactory): void {
  factory = make;
  limiters.clear();
}
