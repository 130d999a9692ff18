// The queue tests' harness: roundtable workers started and stopped, grids of runs for them, and
// what a batch's folder must hold when every run completed exactly once.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { resultRows, runFolders, writeGrid } from '../batch/helpers.js';
import { spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { type RecordingProxy, startRecordingProxy } from '../helpers/recording-proxy.js';

/** A grid of the `seeds` on one table, every run on the endpoint at `baseUrl`. */
export function gridOn(table: string, baseUrl: string, seeds: number[], limits: object = {}) {
  return {
    tables: [table],
    seeds,
    settings: [{ endpoint: 'box', turns: 6, maxTokens: 30 }],
    endpoints: { box: { baseUrl, model: 'markov', ...limits } },
  };
}

export interface Worker {
  readonly child: ChildProcess;
  readonly done: Promise<unknown>;
  log: string;
}

/** A `roundtable worker` on the queue at `queue`, its stderr collected in `log`. */
export function startWorker(queue: string, home: string, extra: string[] = []): Worker {
  const worker: Worker = { child: undefined as never, done: undefined as never, log: '' };
  const { child, done } = spawnCli(['worker', '--queue', queue, '--stalled-after', '2', ...extra], {
    env: { ROUNDTABLE_HOME: home },
    onStderr: (text) => {
      worker.log += text;
    },
  });
  return Object.assign(worker, { child, done });
}

/** Ends the workers still running (SIGTERM) and waits for each to exit. */
export async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.done));
}

export interface SixRuns {
  readonly proxy: RecordingProxy;
  readonly workers: readonly Worker[];
  readonly home: string;
  readonly grid: string;
  readonly out: string;
}

/**
 * A grid of six runs through a recording proxy in front of the `server` (a paced one), and three
 * workers (with `workerArgs`) on the `queue` waiting for them; the workers and the proxy are
 * ended afterwards.
 */
export async function withSixRuns(
  { server, queue }: { server: string; queue: string },
  workerArgs: string[],
  limits: object,
  body: (setup: SixRuns) => Promise<void>,
): Promise<void> {
  const proxy = await startRecordingProxy(server);
  const workers: Worker[] = [];
  try {
    await withTempDir(async (tmp) => {
      const home = join(tmp, 'home');
      const table = writeTable(join(tmp, 'table'));
      for (let i = 0; i < 3; i++) workers.push(startWorker(queue, home, workerArgs));
      const grid = writeGrid(tmp, gridOn(table, proxy.baseUrl, [1, 2, 3, 4, 5, 6], limits));
      await body({ proxy, workers, home, grid, out: join(tmp, 'b') });
    });
  } finally {
    for (const w of workers) if (w.child.signalCode === 'SIGSTOP') w.child.kill('SIGCONT');
    await stopWorkers(workers);
    await proxy.close();
  }
}

/** Waits until `done()` holds, failing the test if it does not within `timeoutMs`. */
export async function until(done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(done()).toBe(true);
}

/**
 * Waits until the worker holds a run it started at least `ms` ago (so that it has recorded turns
 * to resume from) and has not completed, and returns those runs ("run 4"): a fixed pause after its
 * first start missed it at load 20 (not started yet, or already done).
 */
export async function inTheMiddle(
  worker: Worker,
  ms: number,
  timeoutMs: number,
): Promise<string[]> {
  const seen = new Map<string, number>();
  const midRun = () => {
    for (const [run] of worker.log.matchAll(/(?<=(?:started|resuming) )run \d+/g))
      if (!seen.has(run)) seen.set(run, Date.now());
    return [...seen]
      .filter(([run, at]) => Date.now() - at >= ms && !worker.log.includes(`completed ${run} `))
      .map(([run]) => run);
  };
  await until(() => midRun().length > 0, timeoutMs);
  return midRun();
}

/**
 * The batch's folder holds each of its runs once, completed, every turn said once (a run taken
 * over was resumed, not started again), and a result row for each.
 */
export function expectOnce(out: string, runs: number): void {
  const folders = runFolders(out);
  expect(folders).toHaveLength(runs);
  for (const folder of folders) {
    const of = (type: string) => folder.events.filter((e) => e.type === type);
    expect(of('discussion-started'), folder.name).toHaveLength(1);
    expect(folder.events.at(-1), folder.name).toMatchObject({
      type: 'discussion-ended',
      reason: 'completed',
    });
    const turns = folder.events.flatMap((e) =>
      e.type === 'turn-ended' && e.status !== 'interrupted' ? [e.turn] : [],
    );
    expect(turns, folder.name).toEqual([1, 2, 3, 4, 5, 6]);
    expect(of('summary'), folder.name).toHaveLength(1);
  }
  const rows = resultRows(out);
  expect(rows).toHaveLength(runs);
  expect(new Set(rows.map((r) => r.key)).size).toBe(runs);
}
