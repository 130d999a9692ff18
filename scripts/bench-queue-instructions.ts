// Instructions (callgrind) of a queued batch's processes: the coordinator (`batch --queue`) or a
// worker runs under valgrind while the rest run as usual. Counts do not move with the machine's
// load, so a change to either process is judged by them while others use the cores; seconds and
// the ratio of two workers to one come from scripts/bench-queue.ts, on a quiet machine. A trap:
// V8's heap settings trade instructions for cache misses (V8's defaults saved 11% of the
// instructions here, yet no CPU time, for twice the memory: docs/benchmarks.md, "Queue"), so
// judge those by CPU time, alternated, not by these counts.
// Run: npx tsx scripts/bench-queue-instructions.ts <coordinator|worker> [runs] [turns]
// BENCH_BASELINE=<another checkout's bin/roundtable.js>: that build is counted too, alternating.
// BENCH_ROUNDS=n: rounds (default 2). BENCH_KEEP=<dir>: the callgrind files are kept there (for
// callgrind_annotate: V8's collector, compilers and parser by name, JIT code as addresses).
// A worker is also counted started and stopped with no run, so its start-up can be told apart.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cleanEnv, writeTable } from '../tests/helpers/cli.js';
import { startRedis } from '../tests/helpers/redis.js';

const ROLE = process.argv[2] === 'worker' ? 'worker' : 'coordinator';
const RUNS = Number(process.argv[3] ?? 4);
const TURNS = Number(process.argv[4] ?? 20);
const BIN = join(import.meta.dirname, '..', 'bin', 'roundtable.js');
const BASELINE = process.env.BENCH_BASELINE;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

function start(args: string[], env: Record<string, string>, counted: string | undefined) {
  const command = counted === undefined ? process.execPath : 'valgrind';
  const prefix =
    counted === undefined
      ? []
      : ['--tool=callgrind', `--callgrind-out-file=${counted}`, process.execPath];
  const child = spawn(command, [...prefix, ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const stop = async () => {
    // A second SIGTERM makes a worker that cannot finish its runs exit at once.
    for (let i = 0; i < 2 && child.exitCode === null && child.pid !== undefined; i++) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        break; // it has just exited
      }
      await Promise.race([done, new Promise((r) => setTimeout(r, 5_000))]);
    }
    await done;
  };
  const started = { done, stop, stderr: () => stderr };
  children.add(started);
  void done.then(() => children.delete(started));
  return started;
}

/** The instructions callgrind counted (its `summary:` line). */
function instructions(file: string): number {
  if (KEEP !== undefined) {
    mkdirSync(KEEP, { recursive: true });
    copyFileSync(file, join(KEEP, basename(file)));
  }
  const summary = /^summary: (\d+)/m.exec(readFileSync(file, 'utf8'));
  if (summary?.[1] === undefined) throw new Error(`no callgrind summary in ${file}`);
  return Number(summary[1]);
}

const root = mkdtempSync(join(tmpdir(), 'rt-bench-queue-ir-'));
const KEEP = process.env.BENCH_KEEP;
const redis = await startRedis();
const children = new Set<ReturnType<typeof start>>();
// Stopped early (Ctrl-C), it ends what it started: the processes under valgrind, then Redis.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([...children].map((c) => c.stop()))
      .then(() => redis.stop())
      .finally(() => process.exit(130));
  });
}
try {
  const table = writeTable(join(root, 'table'), 4);
  const grid = join(root, 'grid.json');
  writeFileSync(
    grid,
    JSON.stringify({
      tables: [table],
      seeds: Array.from({ length: RUNS }, (_, i) => i + 1),
      settings: [{ turns: TURNS, maxTokens: 80 }],
    }),
  );
  const env = { ROUNDTABLE_HOME: join(root, 'home') };
  mkdirSync(env.ROUNDTABLE_HOME, { recursive: true });
  // Under valgrind a worker is ~50 times slower: no lock may lapse while it works.
  const workerArgs = [
    'worker',
    '--queue',
    redis.url,
    '--concurrency',
    '2',
    '--stalled-after',
    '900',
  ];
  const taking = async (w: ReturnType<typeof start>) => {
    while (!w.stderr().includes('taking runs')) await new Promise((r) => setTimeout(r, 100));
  };

  const count = async (bin: string, label: string, round: number) => {
    const file = join(root, `${label}-${round}.callgrind`);
    const batchArgs = [bin, 'batch', grid, '--out', join(root, `b-${label}-${round}`)];
    const queued = [...batchArgs, '--queue', redis.url, '--plain'];
    if (ROLE === 'coordinator') {
      const worker = start([bin, ...workerArgs], env, undefined);
      await taking(worker);
      const batch = start(queued, env, file);
      const code = await batch.done;
      await worker.stop();
      if (code !== 0) throw new Error(`batch failed (${code}): ${batch.stderr()}`);
      return { total: instructions(file), idle: 0 };
    }
    const idleFile = join(root, `${label}-${round}-idle.callgrind`);
    const idle = start([bin, ...workerArgs], env, idleFile);
    await taking(idle);
    await idle.stop();
    const worker = start([bin, ...workerArgs], env, file);
    await taking(worker);
    const batch = start(queued, env, undefined);
    const code = await batch.done;
    await worker.stop();
    if (code !== 0) throw new Error(`batch failed (${code}): ${batch.stderr()}`);
    return { total: instructions(file), idle: instructions(idleFile) };
  };

  const builds: [string, string][] = [['this', BIN]];
  if (BASELINE !== undefined) builds.push(['baseline', BASELINE]);
  const M = (n: number) => `${(n / 1e6).toFixed(0)} M`;
  process.stdout.write(`${ROLE}, ${RUNS} offline runs of ${TURNS} turns (one worker)\n`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, bin] of builds) {
      const { total, idle } = await count(bin, label, round);
      const started = ROLE === 'worker' ? `; started and stopped with no run ${M(idle)}` : '';
      process.stdout.write(`${label} build: ${M(total)} instructions${started}\n`);
    }
  }
} finally {
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
