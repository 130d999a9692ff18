// The load tool of the dummy-server benchmark: a bounded loopback loop over node:http, the same
// for every server it is pointed at (ours, the original, the null server), so their figures are
// comparable. Bodies are sent in the order given (a replayed discussion); with keep-alive off
// every request opens a connection of its own, as clients of the original (HTTP/1.0) do.
import { Agent, request } from 'node:http';

export interface LoadOptions {
  readonly url: string;
  /** The i-th request's body (i counts from 0 again after the warm-up). */
  readonly body: (index: number) => Buffer;
  /** Measure for this long (after `warmup` requests), or stop after `count` requests. */
  readonly seconds: number;
  readonly count?: number | undefined;
  readonly concurrency: number;
  readonly keepAlive: boolean;
  readonly warmup?: number | undefined;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`refusing a non-loopback target: ${target.hostname}`);
  }
  const agent = new Agent({ keepAlive: options.keepAlive, maxSockets: options.concurrency });
  let next = 0;
  const one = (): Promise<{ ok: boolean; ms: number }> => {
    const body = options.body(next++);
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            resolve({ ok: res.statusCode === 200, ms });
          });
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ ok: false, ms: 0 }));
      req.end(body);
    });
  };
  for (let i = 0; i < (options.warmup ?? 0); i++) await one();
  next = 0;
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + options.seconds * 1000;
  const limit = options.count ?? Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (started < limit && performance.now() < deadline) {
      started++;
      const { ok, ms } = await one();
      if (ok) latencies.push(ms);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - begin) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p90: percentile(latencies, 0.9),
    p99: percentile(latencies, 0.99),
  };
}
