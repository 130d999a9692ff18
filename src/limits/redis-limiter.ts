// Per-endpoint limits kept in Redis, so that every worker of a queue (on any machine) shares
// them: the same rules as LocalLimiter, checked and recorded in one Lua script each time, on
// Redis's clock. A permit is a lease: a worker killed with its permits frees them when they lapse.
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  abortReason,
  type EndpointLimits,
  type Limiter,
  MINUTE_MS,
  normalizeLimits,
  type Permit,
} from './limiter.js';

/** How long a permit outlives a worker that stopped renewing it. */
export const LEASE_MS = 15_000;
/**
 * A grant read with less than this share of its lease left is not used: its holder was stopped
 * (or the reply was slow) long enough that the lease may have lapsed and the slot gone to another.
 * What is left unfenced: a process stopped for longer than that between this check and fetch
 * writing the request (a few microtasks) still sends it; only the server could refuse it.
 */
const FRESH_SHARE = 1 / 3;
const RENEW_MS = 5_000;
/** How often a request waiting for a free slot asks again (with jitter). */
const POLL_MS = 40;

// KEYS: in-flight leases, recent requests, pause. ARGV: permit, lease ms, max concurrent,
// requests a minute, tokens a minute, this request's tokens, window ms (0 = no limit).
// Returns {1, 0} granted; {0, -1} wait for a slot; {0, ms} wait that long.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return {0, paused} end
local lease, maxc, rpm, tpm = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local tokens, window = tonumber(ARGV[6]), tonumber(ARGV[7])
if maxc > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  if redis.call('ZCARD', KEYS[1]) >= maxc then return {0, -1} end
end
local wait = 0
if rpm > 0 or tpm > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  local entries = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
  local n = #entries / 2
  if rpm > 0 and n >= rpm then
    wait = math.max(wait, tonumber(entries[(n - rpm) * 2 + 2]) + window - now)
  end
  if tpm > 0 then
    local used = 0
    for i = 1, #entries, 2 do used = used + tonumber(string.match(entries[i], ':(%d+)$')) end
    local allowed = tpm - math.min(tokens, tpm)
    local i = 1
    while used > allowed and i <= #entries do
      used = used - tonumber(string.match(entries[i], ':(%d+)$'))
      wait = math.max(wait, tonumber(entries[i + 1]) + window - now)
      i = i + 2
    end
  end
end
if wait > 0 then return {0, wait} end
if maxc > 0 then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease * 2)
end
if rpm > 0 or tpm > 0 then
  redis.call('ZADD', KEYS[2], now, ARGV[1] .. ':' .. tokens)
  redis.call('PEXPIRE', KEYS[2], window * 2)
end
return {1, 0}
`;

// KEYS: in-flight leases. ARGV: permit, lease ms. Extends a lease still held, and the set's own
// expiry with it: without that the set vanished two leases after the last grant, taking the
// slots of requests still streaming with it, and others were let in beyond the limit.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
local renewed = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + lease, ARGV[1])
if renewed == 1 then redis.call('PEXPIRE', KEYS[1], lease * 2) end
return renewed
`;

// KEYS: pause. ARGV: ms. A longer pause wins.
const PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
`;

export interface RedisLimiterOptions {
  /** Prefix of the limiter's keys. */
  readonly prefix?: string | undefined;
  /** The length of "a minute" (tests shorten it). */
  readonly windowMs?: number | undefined;
  readonly leaseMs?: number | undefined;
}

/** The limits of one endpoint, shared through Redis by every process that uses this key. */
export class RedisLimiter implements Limiter {
  readonly #redis: Redis;
  readonly #limits: EndpointLimits;
  readonly #keys: readonly [string, string, string];
  readonly #windowMs: number;
  readonly #leaseMs: number;

  constructor(
    redis: Redis,
    endpointKey: string,
    limits: EndpointLimits,
    options: RedisLimiterOptions = {},
  ) {
    this.#redis = redis;
    this.#limits = normalizeLimits(limits);
    const id = createHash('sha256').update(endpointKey).digest('hex').slice(0, 16);
    const base = `${options.prefix ?? 'roundtable:limits'}:${id}`;
    this.#keys = [`${base}:inflight`, `${base}:recent`, `${base}:paused`];
    this.#windowMs = options.windowMs ?? MINUTE_MS;
    this.#leaseMs = options.leaseMs ?? LEASE_MS;
  }

  async acquire(tokens: number, signal?: AbortSignal): Promise<Permit> {
    const permit = randomBytes(8).toString('hex');
    const { maxConcurrentRequests = 0, requestsPerMinute = 0, tokensPerMinute = 0 } = this.#limits;
    const cost = Math.max(0, Math.ceil(tokens));
    for (;;) {
      if (signal?.aborted === true) throw abortReason(signal);
      // The lease runs from when Redis granted it, after this moment: on this process's
      // monotonic clock, which goes on while the process is stopped, it ends no sooner than
      // `asked + lease`.
      const asked = performance.now();
      const [granted, wait] = (await this.#redis.eval(
        ACQUIRE,
        3,
        ...this.#keys,
        permit,
        this.#leaseMs,
        maxConcurrentRequests,
        requestsPerMinute,
        tokensPerMinute,
        cost,
        this.#windowMs,
      )) as [number, number];
      if (granted === 1) {
        const left = asked + this.#leaseMs - performance.now();
        if (left >= this.#leaseMs * FRESH_SHARE) {
          return this.#permit(permit, maxConcurrentRequests > 0);
        }
        // Sending now could make one request too many (beside the slot's new holder, or in a
        // minute the grant was not counted in): the grant is given back (its slot, if still
        // ours, and its place in the minute's count: nothing was sent) and asked for again.
        await this.#redis
          .multi()
          .zrem(this.#keys[0], permit)
          .zrem(this.#keys[1], `${permit}:${cost}`)
          .exec()
          .catch(() => undefined);
        continue;
      }
      // Jitter, so that workers waiting on one endpoint do not ask in lockstep.
      const delay = wait < 0 ? POLL_MS : Math.min(wait, 1_000);
      await sleep(delay + Math.random() * POLL_MS, signal);
    }
  }

  pause(ms: number): void {
    if (!(ms > 0)) return;
    void this.#redis.eval(PAUSE, 1, this.#keys[2], Math.ceil(ms)).catch(() => undefined);
  }

  #permit(permit: string, leased: boolean): Permit {
    if (!leased) return { release() {} };
    const renew = setInterval(
      () => {
        void this.#redis
          .eval(RENEW, 1, this.#keys[0], permit, this.#leaseMs)
          .catch(() => undefined);
      },
      Math.min(RENEW_MS, this.#leaseMs / 3),
    );
    renew.unref();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        void this.#redis.zrem(this.#keys[0], permit).catch(() => undefined);
      },
    };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
