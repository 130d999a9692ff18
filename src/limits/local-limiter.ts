import {
  abortReason,
  type EndpointLimits,
  type Limiter,
  MINUTE_MS,
  normalizeLimits,
  type Permit,
} from './limiter.js';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Waiter {
  readonly tokens: number;
  readonly grant: (permit: Permit) => void;
  readonly fail: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export interface LocalLimiterOptions {
  readonly clock?: Clock | undefined;
  /** The length of "a minute" (tests shorten it). */
  readonly windowMs?: number | undefined;
}

/**
 * The limits of one endpoint for the requests of this process: a count of requests in flight,
 * sliding one-minute windows of request starts and of tokens, and a pause after a 429. Requests
 * are let through in the order they asked, so a large one is not starved by small ones.
 */
export class LocalLimiter implements Limiter {
  readonly #limits: EndpointLimits;
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #queue: Waiter[] = [];
  /** Start times (and token costs) of the requests let through within the last window. */
  readonly #recent: { readonly at: number; readonly tokens: number }[] = [];
  #inFlight = 0;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #timer: unknown;

  constructor(limits: EndpointLimits | undefined, options: LocalLimiterOptions = {}) {
    this.#limits = normalizeLimits(limits);
    this.#clock = options.clock ?? realClock;
    this.#windowMs = options.windowMs ?? MINUTE_MS;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  acquire(tokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        tokens: Math.max(0, tokens),
        grant: resolve,
        fail: reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index < 0) return;
          this.#queue.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
          this.#pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  pause(ms: number): void {
    if (!(ms > 0)) return;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
    this.#pump();
  }

  #pump(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    for (;;) {
      const head = this.#queue[0];
      if (head === undefined) return;
      const wait = this.#waitFor(head.tokens);
      if (wait > 0) {
        // A free slot (a release) pumps again; a window or a pause needs the clock.
        if (Number.isFinite(wait)) {
          this.#timer = this.#clock.setTimeout(() => {
            this.#timer = undefined;
            this.#pump();
          }, wait);
        }
        return;
      }
      this.#queue.shift();
      head.signal?.removeEventListener('abort', head.onAbort);
      this.#inFlight += 1;
      this.#recent.push({ at: this.#clock.now(), tokens: head.tokens });
      let released = false;
      head.grant({
        release: () => {
          if (released) return;
          released = true;
          this.#inFlight -= 1;
          this.#pump();
        },
      });
    }
  }

  /** How long the next request must wait: 0 now, Infinity until a request finishes. */
  #waitFor(tokens: number): number {
    const now = this.#clock.now();
    const since = now - this.#windowMs;
    while ((this.#recent[0]?.at ?? Number.POSITIVE_INFINITY) <= since) this.#recent.shift();
    let wait = Math.max(0, this.#pausedUntil - now);
    const { maxConcurrentRequests, requestsPerMinute, tokensPerMinute } = this.#limits;
    if (requestsPerMinute !== undefined && this.#recent.length >= requestsPerMinute) {
      const oldest = this.#recent[this.#recent.length - requestsPerMinute];
      wait = Math.max(wait, (oldest?.at ?? now) + this.#windowMs - now);
    }
    if (tokensPerMinute !== undefined) {
      // Wait until enough of the window's tokens have aged out. A request larger than the whole
      // budget goes alone, once the window is empty, rather than never.
      let used = this.#recent.reduce((sum, r) => sum + r.tokens, 0);
      const allowed = Math.max(0, tokensPerMinute - Math.min(tokens, tokensPerMinute));
      for (const entry of this.#recent) {
        if (used <= allowed) break;
        used -= entry.tokens;
        wait = Math.max(wait, entry.at + this.#windowMs - now);
      }
    }
    if (maxConcurrentRequests !== undefined && this.#inFlight >= maxConcurrentRequests) {
      return Number.POSITIVE_INFINITY;
    }
    // Timers may fire a hair early; never spin on a sub-millisecond wait.
    return wait > 0 ? Math.max(1, Math.ceil(wait)) : 0;
  }
}
