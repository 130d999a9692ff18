// What garbage collection costs the dummy server's worker over HTTP, where it runs beside the
// client (bench-model-ab.ts collects fully between its blocks, so it cannot show V8's concurrent
// marking, nor what its helper threads take from the client on a 2-core machine). The 201-request
// replay, one client, each pass a conversation of its own (as bench-server.ts sends it), against
// one or more checkouts' builds alternating. For each run: the worker's CPU a request split into
// its main thread and V8's helper threads (/proc/<pid>/task), and from V8's own --trace-gc-nvp
// lines a pass: scavenges, mark-compacts, bytes promoted to the old generation, main-thread GC ms.
//   npm run build && npx tsx scripts/bench-server-gc.ts [--checkouts DIR,DIR] [--rounds 3]
//     [--warmup 8] [--passes 6] [--no-keep-alive] [--node-args=--heap-growing-percent=75]
// Where the main thread's collections fell, in a request or between (gc-placement.mjs, loaded into
// the server), from Node's perf_hooks 'gc' entries: incremental marking's steps are not among them.
// --node-args: V8 flags for the server (its worker inherits them, and WORKER_HEAP's are added
// only where not given). Run under `flock /work/coord/.bench.lock` where the machine is shared.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './bench-server-load.js';
import { asPass, replayRequests, root } from './bench-server-workloads.js';
import { loadAverage } from './proc-stats.js';

const { values: flags } = parseArgs({
  options: {
    checkouts: { type: 'string', default: root },
    rounds: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '8' },
    passes: { type: 'string', default: '6' },
    'no-keep-alive': { type: 'boolean', default: false },
    'node-args': { type: 'string', default: '' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
  },
});
const replay = replayRequests(flags.reference);
const warmup = Number(flags.warmup) * replay.length;
const passes = Number(flags.passes);
const CLOCK_TICKS = 100;

/** CPU ms of each thread of a process so far, the main thread as `main`, others by name. */
function threadsMs(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name =
      tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  return byName;
}

/** Sums of --trace-gc-nvp lines: collections by kind, bytes promoted, main-thread ms. */
function gcOf(text: string): {
  scavenges: number;
  markCompacts: number;
  promoted: number;
  ms: number;
  incremental: number;
} {
  const sums = { scavenges: 0, markCompacts: 0, promoted: 0, ms: 0, incremental: 0 };
  for (const line of text.split('\n')) {
    const kind = / gc=(\w+)/.exec(line)?.[1];
    if (kind === undefined) continue;
    const field = (name: string) => Number(new RegExp(` ${name}=([\\d.]+)`).exec(line)?.[1] ?? 0);
    if (kind === 's') sums.scavenges++;
    else sums.markCompacts++;
    sums.promoted += field('promoted');
    // A mark-compact's `incremental` is the marking its main thread did before the pause, in
    // steps and tasks (Node 24's V8 has no `incremental.steps_took`, which counted nothing).
    sums.ms += field('pause');
    sums.incremental += field('incremental');
  }
  return sums;
}

const placement = join(import.meta.dirname, 'gc-placement.mjs');

async function start(
  checkout: string,
  placementOut: string,
): Promise<{ child: ChildProcess; url: string; worker: number; output: () => string }> {
  const nodeArgs = flags['node-args'].split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      placement,
      '--trace-gc-nvp',
      'bin/roundtable.js',
      'dummy-server',
      '--port',
      '0',
      '--workers',
      '1',
    ],
    {
      cwd: checkout,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GC_PLACEMENT_OUT: placementOut },
    },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
    });
  }
  process.once('exit', () => stop(child));
  for (let i = 0; i < 600 && !/listening on \S+/.test(output); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const url = /listening on (\S+)/.exec(output)?.[1];
  const worker = Number(
    readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').split(' ')[0],
  );
  if (url === undefined || !(worker > 0))
    throw new Error(`the server in ${checkout} did not start: ${output}`);
  return { child, url: `${url}/chat/completions`, worker, output: () => output };
}

function stop(child: ChildProcess): void {
  try {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  } catch {}
}

/** gc-placement.mjs's sums, once the worker has exited and written them. */
async function placed(out: string, requests: number): Promise<string> {
  for (let i = 0; i < 100 && !existsSync(out); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (!existsSync(out)) return 'GC placement: not written';
  const { sums } = JSON.parse(readFileSync(out, 'utf8')) as {
    sums: Record<string, { count: number; ms: number }>;
  };
  rmSync(out);
  const parts = Object.entries(sums)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, { count, ms }]) => `${kind} ${count}, ${(ms / requests).toFixed(3)} ms a request`);
  return `main-thread GC by where it fell (perf_hooks): ${parts.join('; ')}`;
}

async function measure(checkout: string, conversations: number): Promise<string> {
  const placementOut = join(tmpdir(), `gc-placement-${process.pid}-${conversations}.json`);
  const server = await start(checkout, placementOut);
  const body = (offset: number) => (i: number) =>
    asPass(
      replay[(offset + i) % replay.length] as Buffer,
      conversations + Math.floor((offset + i) / replay.length),
    );
  const keepAlive = !flags['no-keep-alive'];
  await runLoad({
    url: server.url,
    body: body(0),
    seconds: 1e9,
    count: warmup,
    concurrency: 1,
    keepAlive,
  });
  // gc-placement.mjs counts afresh from here.
  process.kill(server.worker, 'SIGUSR2');
  const before = threadsMs(server.worker);
  const from = server.output().length;
  const count = passes * replay.length;
  const started = process.hrtime.bigint();
  const load = await runLoad({
    url: server.url,
    body: body(warmup),
    seconds: 1e9,
    count,
    concurrency: 1,
    keepAlive,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = threadsMs(server.worker);
  const gc = gcOf(server.output().slice(from));
  stop(server.child);
  let main = 0;
  let helpers = 0;
  for (const [name, ms] of after) {
    const spent = ms - (before.get(name) ?? 0);
    if (name === 'main') main += spent;
    else if (name.startsWith('V8')) helpers += spent;
  }
  const perRequest = (ms: number) => (ms / load.requests).toFixed(3);
  const perPass = (value: number, digits = 1) => (value / passes).toFixed(digits);
  return `${[
    `${(load.requests / seconds).toFixed(0)} req/s (${load.errors} errors)`,
    `worker CPU ms a request: main ${perRequest(main)}, V8 helpers ${perRequest(helpers)}`,
    `a pass: ${perPass(gc.scavenges)} scavenges, ${perPass(gc.markCompacts, 2)} mark-compacts, ${perPass(gc.promoted / 1e6, 2)} MB promoted`,
    `main-thread GC ${perRequest(gc.ms + gc.incremental)} ms a request (pauses ${perRequest(gc.ms)}, incremental marking ${perRequest(gc.incremental)})`,
    `load ${loadAverage()}`,
  ].join('; ')}\n  ${await placed(placementOut, load.requests)}`;
}

const checkouts = flags.checkouts.split(',');
let conversations = 0;
for (let round = 1; round <= Number(flags.rounds); round++) {
  for (const checkout of checkouts) {
    process.stdout.write(`${checkout}: ${await measure(checkout, conversations)}\n`);
    conversations += 1000;
  }
}
process.exit(0);
