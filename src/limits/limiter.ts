// Per-endpoint limits, shared by every request to one endpoint: every seat, every run of a batch
// in this process, and (with a Redis-backed limiter) every worker of a queue.

/** What an endpoint allows; unset means no limit. */
export interface EndpointLimits {
  /** Requests in flight at once (from the request until its reply has been read). */
  readonly maxConcurrentRequests?: number | undefined;
  /** Requests started in any one minute. */
  readonly requestsPerMinute?: number | undefined;
  /**
   * Tokens in any one minute, counted as providers count them when they admit a request: the
   * prompt (estimated) plus the reply budget (`max_tokens`).
   */
  readonly tokensPerMinute?: number | undefined;
}

/** Leave to send one request; released once its reply has been read (or it failed). */
export interface Permit {
  /** Idempotent. */
  release(): void;
}

export interface Limiter {
  /**
   * Waits until a request costing `tokens` may be sent without breaking a limit or a pause, in
   * the order the requests asked. Rejects with the signal's reason when it aborts first.
   */
  acquire(tokens: number, signal?: AbortSignal): Promise<Permit>;
  /** The endpoint answered 429: nobody sends to it for `ms` (a longer pause wins). */
  pause(ms: number): void;
}

export const MINUTE_MS = 60_000;

/** Limits with every field a positive whole number or absent; anything else is no limit. */
export function normalizeLimits(limits: EndpointLimits | undefined): EndpointLimits {
  const positive = (n: number | undefined) =>
    n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
  return {
    maxConcurrentRequests: positive(limits?.maxConcurrentRequests),
    requestsPerMinute: positive(limits?.requestsPerMinute),
    tokensPerMinute: positive(limits?.tokensPerMinute),
  };
}

export function hasLimits(limits: EndpointLimits): boolean {
  return (
    limits.maxConcurrentRequests !== undefined ||
    limits.requestsPerMinute !== undefined ||
    limits.tokensPerMinute !== undefined
  );
}

/** The error an aborted wait rejects with, as fetch would. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
