// Throughput of a queued batch with one worker and with two, on this machine: offline runs (the
// built-in Markov model in each worker), a real redis-server on a free port, the real CLI.
// Run: npx tsx scripts/bench-queue.ts [runs] [rounds] [turns]
// BENCH_BASELINE=<another checkout's bin/roundtable.js>: each round also runs that build's batch
// (the coordinator) and workers, so a change to either is measured against the code before it in
// the same invocation. BENCH_LOCAL=0 leaves out the local batch. BENCH_HALVES=1 adds what two
// processes get from the two cores with no queue at all: the grid's two halves as two local
// batches side by side, against the whole grid as one (each --concurrency 2), interleaved.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, writeTable } from '../tests/helpers/cli.js';
import { startRedis } from '../tests/helpers/redis.js';
import { median } from './median.js';
import { cpuSecondsOf, memoryMbOf } from './proc-stats.js';

const RUNS = Number(process.argv[2] ?? 16);
const ROUNDS = Number(process.argv[3] ?? 3);
// Long enough that the runs, not the batch's start-up, take the time.
const TURNS = Number(process.argv[4] ?? 60);
const WORKER_CONCURRENCY = 2;
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'roundtable.js');

const print = (...parts: unknown[]): void => {
  process.stdout.write(`${parts.join(' ')}\n`);
};

const BASELINE = process.env.BENCH_BASELINE;
const LOCAL = process.env.BENCH_LOCAL !== '0';
const HALVES = process.env.BENCH_HALVES === '1';

function start(args: string[], env: Record<string, string>, bin = BIN) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  // CPU seconds the process has used, and its peak resident memory, read from /proc while it
  // lives (the last reading stays).
  let cpu = 0;
  let peakMb = 0;
  const poll = setInterval(() => {
    cpu = cpuSecondsOf(child.pid) ?? cpu;
    peakMb = memoryMbOf(child.pid, 'VmHWM') ?? peakMb;
  }, 100);
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve(code);
    }),
  );
  return {
    child,
    done,
    stderr: () => stderr,
    cpu: () => cpuSecondsOf(child.pid) ?? cpu,
    peakMb: () => memoryMbOf(child.pid, 'VmHWM') ?? peakMb,
  };
}

type Setup = 'one' | 'two' | 'baseOne' | 'baseTwo';

const root = mkdtempSync(join(tmpdir(), 'rt-bench-queue-'));
const redis = await startRedis();
try {
  const table = writeTable(join(root, 'table'), 4);
  const gridOf = (name: string, seeds: number[]) => {
    const path = join(root, name);
    writeFileSync(
      path,
      JSON.stringify({ tables: [table], seeds, settings: [{ turns: TURNS, maxTokens: 80 }] }),
    );
    return path;
  };
  const seeds = Array.from({ length: RUNS }, (_, i) => i + 1);
  const grid = gridOf('grid.json', seeds);
  const halves = [
    gridOf(
      'odd.json',
      seeds.filter((n) => n % 2 === 1),
    ),
    gridOf(
      'even.json',
      seeds.filter((n) => n % 2 === 0),
    ),
  ];
  const env = { ROUNDTABLE_HOME: join(root, 'home') };
  mkdirSync(env.ROUNDTABLE_HOME, { recursive: true });

  const measure = async (workers: number, round: number, setup: Setup): Promise<number> => {
    const bin = setup.startsWith('base') && BASELINE !== undefined ? BASELINE : BIN;
    const started = Array.from({ length: workers }, () =>
      start(
        ['worker', '--queue', redis.url, '--concurrency', String(WORKER_CONCURRENCY)],
        // BENCH_PROFILE_WORKERS=<dir>: CPU profiles of the workers.
        process.env.BENCH_PROFILE_WORKERS === undefined
          ? env
          : {
              ...env,
              NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_WORKERS}`,
            },
        bin,
      ),
    );
    // Workers connected and waiting, so that start-up is not measured (neither its time nor its CPU).
    const ready = Date.now() + 60_000;
    while (!started.every((w) => w.stderr().includes('taking runs')) && Date.now() < ready) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const workersBefore = started.map((w) => w.cpu());
    const t = performance.now();
    const redisBefore = cpuSecondsOf(redis.pid) ?? 0;
    const batch = start(
      ['batch', grid, '--out', join(root, `b-${setup}-${round}`), '--queue', redis.url, '--plain'],
      // BENCH_PROFILE=<dir>: a CPU profile of the batch's machine (the coordinator).
      process.env.BENCH_PROFILE === undefined
        ? env
        : { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE}` },
      bin,
    );
    const code = await batch.done;
    const seconds = (performance.now() - t) / 1000;
    cpu[setup]?.push({
      redis: (cpuSecondsOf(redis.pid) ?? 0) - redisBefore,
      coordinator: batch.cpu(),
      workers: started.reduce((sum, w, i) => sum + w.cpu() - (workersBefore[i] ?? 0), 0),
      coordinatorMb: batch.peakMb(),
      workerMb: Math.max(...started.map((w) => w.peakMb())),
    });
    for (const w of started) if (w.child.pid !== undefined) process.kill(-w.child.pid, 'SIGTERM');
    await Promise.all(started.map((w) => w.done));
    if (code !== 0) throw new Error(`batch failed (${code}): ${batch.stderr()}`);
    return seconds;
  };

  const local = async (round: number, grids = [grid]): Promise<number> => {
    const t = performance.now();
    const batches = grids.map((g, i) =>
      start(
        [
          'batch',
          g,
          '--out',
          join(root, `local-${round}-${grids.length}-${i}`),
          '--plain',
          '--concurrency',
          '2',
        ],
        env,
      ),
    );
    const codes = await Promise.all(batches.map((b) => b.done));
    const seconds = (performance.now() - t) / 1000;
    cpu[grids.length === 1 ? 'whole' : 'halves']?.push({
      redis: 0,
      coordinator: 0,
      workers: batches.reduce((sum, b) => sum + b.cpu(), 0),
      coordinatorMb: 0,
      workerMb: Math.max(...batches.map((b) => b.peakMb())),
    });
    codes.forEach((code, i) => {
      if (code !== 0) throw new Error(`local batch failed (${code}): ${batches[i]?.stderr()}`);
    });
    return seconds;
  };

  const times: Record<string, number[]> = {
    local: [],
    one: [],
    two: [],
    baseOne: [],
    baseTwo: [],
    whole: [],
    halves: [],
  };
  const cpu: Record<
    string,
    {
      coordinator: number;
      workers: number;
      redis: number;
      coordinatorMb: number;
      workerMb: number;
    }[]
  > = {
    one: [],
    two: [],
    baseOne: [],
    baseTwo: [],
    whole: [],
    halves: [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so that drift in the machine's load hits every setup alike.
    times.one?.push(await measure(1, round, 'one'));
    times.two?.push(await measure(2, round, 'two'));
    if (BASELINE !== undefined) {
      times.baseOne?.push(await measure(1, round, 'baseOne'));
      times.baseTwo?.push(await measure(2, round, 'baseTwo'));
    }
    if (LOCAL) times.local?.push(await local(round));
    if (HALVES) {
      times.whole?.push(await local(round));
      times.halves?.push(await local(round, halves));
    }
  }
  print(
    `${RUNS} offline runs of ${TURNS} turns, 4 seats; workers run ${WORKER_CONCURRENCY} at once; ${ROUNDS} rounds`,
  );
  print('| setup | seconds (each round) | median | runs/s |');
  print('| --- | --- | --- | --- |');
  for (const [name, label] of [
    ['local', 'local batch, --concurrency 2 (no queue)'],
    ['one', 'queue, 1 worker'],
    ['two', 'queue, 2 workers'],
    ['baseOne', 'queue, 1 worker, baseline build'],
    ['baseTwo', 'queue, 2 workers, baseline build'],
    ['whole', 'no queue: the grid as one local batch'],
    ['halves', 'no queue: its halves as two local batches at once'],
  ] as const) {
    const list = times[name] ?? [];
    if (list.length === 0) continue;
    print(
      `| ${label} | ${list.map((s) => s.toFixed(1)).join(', ')} | ${median(list).toFixed(1)} | ${(RUNS / median(list)).toFixed(2)} |`,
    );
  }
  for (const [name, label] of [
    ['one', '1 worker'],
    ['two', '2 workers'],
    ['baseOne', '1 worker, baseline build'],
    ['baseTwo', '2 workers, baseline build'],
    ['whole', 'one local batch'],
    ['halves', 'two local batches'],
  ] as const) {
    const list = cpu[name] ?? [];
    if (list.length === 0) continue;
    if (name === 'whole' || name === 'halves') {
      print(
        `CPU seconds, ${label}: ${list.map((c) => c.workers.toFixed(1)).join(', ')}; peak RSS (MB) ${list.map((c) => c.workerMb.toFixed(0)).join(', ')}`,
      );
      continue;
    }
    print(
      `CPU seconds, ${label}: batch (coordinator) ${list.map((c) => c.coordinator.toFixed(1)).join(', ')}; workers ${list.map((c) => c.workers.toFixed(1)).join(', ')}; redis-server ${list.map((c) => c.redis.toFixed(1)).join(', ')}`,
    );
    print(
      `peak RSS (MB), ${label}: batch ${list.map((c) => c.coordinatorMb.toFixed(0)).join(', ')}; the largest worker ${list.map((c) => c.workerMb.toFixed(0)).join(', ')}`,
    );
  }
  const ratios = (one: number[] = [], two: number[] = []) =>
    `${(median(one) / median(two)).toFixed(2)}× (per round: ${one.map((s, i) => (s / (two[i] ?? s)).toFixed(2)).join(', ')})`;
  print(`\nthroughput, 2 workers over 1: ${ratios(times.one, times.two)}`);
  if (BASELINE !== undefined) {
    print(`the baseline build: ${ratios(times.baseOne, times.baseTwo)}`);
  }
  if (HALVES) {
    print(
      `no queue, two processes over one (the cores' own ceiling): ${ratios(times.whole, times.halves)}`,
    );
  }
  // What the same CPU would allow on two idle cores: one worker is one thread (its runs share it)
  // beside the coordinator and Redis; two workers and everything else share both cores.
  const bound = (c: { coordinator: number; workers: number; redis: number }, workers: number) =>
    Math.max(c.workers / workers, (c.workers + c.coordinator + c.redis) / 2);
  for (const [one, two, label] of [
    ['one', 'two', 'this build'],
    ['baseOne', 'baseTwo', 'baseline build'],
  ] as const) {
    const a = cpu[one] ?? [];
    const b = cpu[two] ?? [];
    if (a.length === 0 || b.length === 0) continue;
    const projected = a.map((c, i) => {
      const other = b[i];
      return other === undefined ? '' : (bound(c, 1) / bound(other, 2)).toFixed(2);
    });
    print(`2 over 1 on two idle cores, from each round's CPU (${label}): ${projected.join(', ')}`);
  }
} finally {
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
