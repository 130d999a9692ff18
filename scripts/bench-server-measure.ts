// One cell of scripts/bench-server.ts's table: a server's rate, median latency and CPU per
// request on a workload, one client, with or without keep-alive; driven by the baseline's own
// load.js (a process of its own) or by scripts/bench-server-load.ts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runLoad } from './bench-server-load.js';
import type { Server } from './bench-server-servers.js';
import type { Workload } from './bench-server-workloads.js';
import { cpuMs } from './proc-stats.js';

export interface Cell {
  readonly rps: number;
  readonly p50: number;
  readonly cpu: number;
  readonly errors: number;
}

export interface MeasureOptions {
  /** The load tool: the baseline's load.js at `loadJs`, or the built-in one. */
  readonly tool: 'load.js' | 'builtin';
  readonly loadJs: string;
  /** About how long a measurement sends requests. */
  readonly seconds: number;
  /**
   * About how long a cell warms up first. A fresh Node server spends its first thousand or so
   * requests compiling (2–3 ms of CPU a turn-5 request over the first 600, 0.5–0.6 from 2,500
   * on: docs/benchmarks.md, "session 6"), which a short warm-up left in the measured run.
   */
  readonly warmupSeconds: number;
}

/**
 * Where the measured run's bodies start: past any warm-up's (a replay's passes and a cold
 * run's requests are conversations of their own, so none was answered before).
 */
const measuredFrom = (workload: Workload): number => (workload.count ?? 1) * 1_000_000;

interface LoadJsResult {
  readonly ok: number;
  readonly errors: number;
  readonly wall_s: number;
  readonly rps: number;
  readonly p50_ms: number;
}

/** One run of the baseline's load.js: `count` requests, one client. */
async function loadJs(
  loadJsPath: string,
  url: string,
  body: string,
  count: number,
  keepAlive: boolean,
): Promise<LoadJsResult> {
  const child = spawn(process.execPath, [loadJsPath, url, body, String(count), '1'], {
    env: { ...process.env, KEEPALIVE: keepAlive ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load.js exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadJsResult;
}

/** Requests of about `seconds` at `rps`: whole passes of a replay, at least one. */
function countFor(workload: Workload, rps: number, seconds: number): number {
  const pass = workload.count ?? 1;
  const count = Math.max(pass, Math.ceil((rps * seconds) / pass) * pass);
  return workload.limit === undefined ? count : Math.min(count, workload.limit);
}

/**
 * With load.js (a count, not a time): a first warm-up run gives the rate, a second warms up
 * for the rest of `warmupSeconds`, and the measured run sends about `seconds` worth.
 */
async function measureWithLoadJs(
  server: Server,
  workload: Workload,
  keepAlive: boolean,
  options: MeasureOptions,
): Promise<Cell> {
  const first = Math.max(workload.count ?? 1, 20);
  const warm = await loadJs(options.loadJs, server.url, workload.file(first, 0), first, keepAlive);
  let rps = warm.rps;
  const left = options.warmupSeconds - warm.wall_s;
  if (left > 0) {
    const more = countFor(workload, warm.rps, left);
    const warmer = await loadJs(
      options.loadJs,
      server.url,
      workload.file(more, first),
      more,
      keepAlive,
    );
    rps = warmer.rps;
  }
  const count = countFor(workload, rps, options.seconds);
  const measured = workload.file(count, measuredFrom(workload));
  const before = cpuMs(server.pids());
  const result = await loadJs(options.loadJs, server.url, measured, count, keepAlive);
  const cpu = (cpuMs(server.pids()) - before) / Math.max(1, result.ok + result.errors);
  return { rps: result.rps, p50: result.p50_ms, cpu, errors: result.errors };
}

export async function measure(
  server: Server,
  workload: Workload,
  keepAlive: boolean,
  options: MeasureOptions,
): Promise<Cell> {
  if (options.tool === 'load.js') return measureWithLoadJs(server, workload, keepAlive, options);
  const { seconds } = options;
  await runLoad({
    url: server.url,
    // Bodies the measurement never sends (a replay's or a cold run's conversations are new).
    body: workload.body,
    seconds: options.warmupSeconds,
    concurrency: 1,
    keepAlive,
  });
  const from = measuredFrom(workload);
  const before = cpuMs(server.pids());
  // A replay runs whole passes: at least one, for at least the time asked.
  const result = await runLoad({
    url: server.url,
    body: (i) => workload.body(from + i),
    seconds: workload.count === undefined ? seconds : Math.max(seconds, 1),
    count: workload.count,
    concurrency: 1,
    keepAlive,
  });
  let total = result;
  while (workload.count !== undefined && total.seconds < seconds) {
    const sent = total.requests + total.errors;
    const more = await runLoad({
      url: server.url,
      // The next passes, each a conversation of its own.
      body: (i) => workload.body(from + sent + i),
      seconds: 600,
      count: workload.count,
      concurrency: 1,
      keepAlive,
    });
    total = {
      ...more,
      requests: total.requests + more.requests,
      errors: total.errors + more.errors,
      seconds: total.seconds + more.seconds,
      rps: (total.requests + more.requests) / (total.seconds + more.seconds),
    };
  }
  const cpu = (cpuMs(server.pids()) - before) / Math.max(1, total.requests);
  return { rps: total.rps, p50: total.p50, cpu, errors: total.errors };
}
