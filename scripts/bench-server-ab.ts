// Two builds' workers side by side on the replay over HTTP, one client, in alternating blocks:
// wall figures on a shared machine drift 2× between runs, so each build is measured right after
// the other, many times, and what is compared is the pair. Per block: requests a second, the
// client's median latency (the server's part of a request, the request's bytes sent to its
// reply read: the client's own time between requests is left out) and the worker's CPU a request
// (main thread and V8's helper threads, /proc). Each worker runs as `dummy-server --workers 1`
// runs it (WORKER_HEAP, dist/worker.js, logging a line a request), each fed the same bodies.
//   npm run build   # in both checkouts
//   flock /work/coord/.bench.lock npx tsx scripts/bench-server-ab.ts --a <dist> --b <dist>
//     [--blocks 6] [--passes 2] [--warmup 6] [--no-keep-alive] [--a-args=FLAGS] [--b-args=FLAGS]
//     [--a-env=K=V,...] [--b-env=K=V,...]
// --a-args/--b-args: node flags for that side's worker, ahead of WORKER_HEAP's (one given there
// replaces WORKER_HEAP's of its name): one build against itself with other V8 flags.
// --a-env/--b-env: environment variables for that side's worker, over workerEnvironment()'s
// (e.g. --b-env=MALLOC_ARENA_MAX=8).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WORKER_HEAP, workerEnvironment } from '../test-server/server.js';
import { runLoad } from './bench-server-load.js';
import { asPass, replayRequests } from './bench-server-workloads.js';
import { loadAverage } from './proc-stats.js';

const { values: flags } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    blocks: { type: 'string', default: '6' },
    passes: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '6' },
    'no-keep-alive': { type: 'boolean', default: false },
    'a-args': { type: 'string', default: '' },
    'b-args': { type: 'string', default: '' },
    'a-env': { type: 'string', default: '' },
    'b-env': { type: 'string', default: '' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
  },
});
const fail = (message: string): never => {
  process.stderr.write(`bench-server-ab: ${message}\n`);
  process.exit(2);
};
const dists = [
  flags.a ?? fail('--a <dist> is required'),
  flags.b ?? fail('--b <dist> is required'),
];
const blocks = Number(flags.blocks);
const passes = Number(flags.passes);
const warmupPasses = Number(flags.warmup);
for (const [name, value] of [
  ['blocks', blocks],
  ['passes', passes],
  ['warmup', warmupPasses],
] as const)
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number ≥ 0`);
const replay = replayRequests(flags.reference);
const CLOCK_TICKS = 100;

function cpuMs(pid: number): { main: number; helpers: number } {
  let main = 0;
  let helpers = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    if (tid === String(pid)) main += ms;
    else helpers += ms;
  }
  return { main, helpers };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/**
 * WORKER_HEAP with `extra` ahead of it; a flag of WORKER_HEAP's name in `extra` replaces it
 * (`--incremental-marking` replaces `--no-incremental-marking`).
 */
function workerArgs(extra: string): string[] {
  const given = extra.split(' ').filter(Boolean);
  const named = (flag: string) => (flag.split('=')[0] ?? flag).replace(/^--no-/, '--');
  const heap = WORKER_HEAP.filter((flag) => !given.some((arg) => named(arg) === named(flag)));
  return [...given, ...heap];
}

/** `K=V,K=V` as an environment. */
function envOf(list: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of list.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) fail(`--a-env/--b-env: ${pair} is not NAME=VALUE`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

async function start(dist: string, side: number): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const settings = { host: '127.0.0.1', port, seed: 7, logLevel: 'info' };
  const extra = side === 0 ? flags['a-args'] : flags['b-args'];
  const child = spawn(process.execPath, [...workerArgs(extra), join(resolve(dist), 'worker.js')], {
    env: {
      ...process.env,
      ...workerEnvironment(),
      ...envOf(side === 0 ? flags['a-env'] : flags['b-env']),
      ROUNDTABLE_DUMMY_WORKER: JSON.stringify(settings),
    },
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  for (let i = 0; i < 400; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, pid: child.pid as number };
    await new Promise((done) => setTimeout(done, 50));
  }
  return fail(`the worker of ${dist} did not answer /health`);
}

const keepAlive = !flags['no-keep-alive'];
const servers = await Promise.all(dists.map((dist, side) => start(dist, side)));
/** The bodies of `count` passes from `fromPass`, made before they are sent (the client's own
 * work is then only the sending, as load.js's with its bodies file). */
const bodiesOf = (fromPass: number, count: number): Buffer[] =>
  Array.from({ length: count * replay.length }, (_, i) =>
    asPass(replay[i % replay.length] as Buffer, fromPass + Math.floor(i / replay.length)),
  );
const send = (url: string, bodies: readonly Buffer[]) =>
  runLoad({
    url,
    body: (i) => bodies[i] as Buffer,
    seconds: 1e9,
    count: bodies.length,
    concurrency: 1,
    keepAlive,
  });
// Warm-up passes are conversations the measured blocks never send again (their bodies let go).
for (const server of servers) await send(server.url, bodiesOf(100_000, warmupPasses));

interface Row {
  rps: number;
  p50: number;
  p90: number;
  cpu: number;
  helpers: number;
}
const rows: Row[][] = [[], []];
for (let block = 0; block < blocks; block++) {
  // Who goes first alternates, so neither always meets the machine the other left.
  const order = block % 2 === 0 ? [0, 1] : [1, 0];
  const bodies = bodiesOf(block * passes, passes);
  for (const which of order) {
    const server = servers[which] as { url: string; pid: number };
    const before = cpuMs(server.pid);
    const result = await send(server.url, bodies);
    const after = cpuMs(server.pid);
    const row = {
      rps: result.rps,
      p50: result.p50,
      p90: result.p90,
      cpu: (after.main - before.main) / result.requests,
      helpers: (after.helpers - before.helpers) / result.requests,
    };
    (rows[which] as Row[]).push(row);
    process.stdout.write(
      `block ${block + 1} ${which === 0 ? 'a' : 'b'}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50.toFixed(3)} p90 ${row.p90.toFixed(3)} ms, worker CPU ms a request main ${row.cpu.toFixed(3)} + helpers ${row.helpers.toFixed(3)}${result.errors > 0 ? `, ${result.errors} errors` : ''}; load ${loadAverage()}\n`,
    );
  }
}
const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};
for (const [which, name] of [
  [0, 'a'],
  [1, 'b'],
] as const) {
  const own = rows[which] as Row[];
  process.stdout.write(
    `${name} ${dists[which]}${flags[`${name}-args`] === '' ? '' : ` (${flags[`${name}-args`]})`}: median ${median(own.map((r) => r.rps)).toFixed(0)} req/s, p50 ${median(own.map((r) => r.p50)).toFixed(3)} p90 ${median(own.map((r) => r.p90)).toFixed(3)} ms, main ${median(own.map((r) => r.cpu)).toFixed(3)} + helpers ${median(own.map((r) => r.helpers)).toFixed(3)} ms a request\n`,
  );
}
const ahead = (field: 'rps' | 'p50' | 'p90', better: (b: number, a: number) => boolean) =>
  (rows[1] as Row[]).filter((row, i) => {
    const other = (rows[0] as Row[])[i];
    return other !== undefined && better(row[field], other[field]);
  }).length;
process.stdout.write(
  `b ahead of a in ${ahead('p50', (b, a) => b < a)} of ${blocks} blocks by p50, ${ahead('p90', (b, a) => b < a)} by p90, ${ahead('rps', (b, a) => b > a)} by req/s (the client's own time between requests varies most)\n`,
);
process.exit(0);
