// Instructions a server process spends on a request over HTTP, counted by valgrind's callgrind:
// the same on a busy machine as on a quiet one (where rates drift 2×), so that the cost of the
// dummy server's request path can be weighed against the null server (bare node:http answering
// a fixed body) and a minimal Fastify app while everyone else works. Only the server process is
// counted (its user-space instructions; the kernel's socket work is not in them), after a
// warm-up, between two marks it is sent (SIGUSR2 makes it read process.cpuUsage, before which
// callgrind dumps). The client is this process (scripts/bench-server-load.ts), outside valgrind.
//
// Run:  npm run build && npx tsx scripts/bench-server-instructions.ts [--servers ours,fastify,null]
//         [--requests 300] [--warmup 100] [--keep-alive] [--workload turn5|replay|words20000|cold]
//         [--dist <a checkout's dist/, default this one's>] [--log-level info]
//   ours:    the built worker (dist/worker.js) as `dummy-server --workers 1` runs it, with its
//            heap flags, logging a line a request to /dev/null
//   fastify: a Fastify app with the same body parser answering a fixed body (no model, no log)
//   null:    bench-server-servers.ts's null server
// About a minute a server for 300 turn-5 requests (valgrind runs Node ~50× slower).
// Each count is split: V8's optimizing compilers, its collections, and the rest (the request's
// own work). --predictable runs the compilers on the main thread, where the server runs them on
// its helper threads beside the requests; after 402 requests of the replay they were a third of
// the count and the collections a twentieth, and both move with where a build's tiering and
// collections fall, so the rest is what a change to the request path is read by.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WORKER_HEAP, workerEnvironment } from '../test-server/server.js';
import { runLoad } from './bench-server-load.js';
import { NULL_SERVER } from './bench-server-servers.js';
import { root, workloads } from './bench-server-workloads.js';
import { callgrindNode } from './callgrind.js';

const { values: flags } = parseArgs({
  options: {
    servers: { type: 'string', default: 'ours,fastify,null' },
    requests: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '100' },
    'keep-alive': { type: 'boolean', default: false },
    workload: { type: 'string', default: 'turn5' },
    dist: { type: 'string', default: join(root, 'dist') },
    'log-level': { type: 'string', default: 'info' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
  },
});
const fail = (message: string): never => {
  process.stderr.write(`bench-server-instructions: ${message}\n`);
  process.exit(2);
};
const requests = Number(flags.requests);
const warmup = Number(flags.warmup);
if (!Number.isInteger(requests) || requests < 1)
  fail(`--requests must be a whole number ≥ 1, got ${flags.requests}`);
if (!Number.isInteger(warmup) || warmup < 0)
  fail(`--warmup must be a whole number ≥ 0, got ${flags.warmup}`);
const workload =
  workloads(flags.reference)[flags.workload] ??
  fail(`--workload: no workload named ${flags.workload}`);
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  fail('needs valgrind on the PATH (apt: valgrind)');
}

const work = mkdtempSync(join(tmpdir(), 'bench-server-instructions-'));
// Fastify must resolve from this checkout's node_modules: its app is written in them (where
// no linter or test looks), in the cache folder packages use for such files.
const cacheDir = join(root, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const fastifyApp = join(cacheDir, `bench-server-instructions-${process.pid}.mjs`);
const mark = join(work, 'mark.mjs');
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
  rmSync(fastifyApp, { force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

writeFileSync(mark, "process.on('SIGUSR2', () => process.cpuUsage());\n");
writeFileSync(
  fastifyApp,
  `import Fastify from 'fastify';
const body = JSON.stringify({ id: 'chatcmpl-fastify', object: 'chat.completion', created: 1700000000, model: 'fastify',
  choices: [{ index: 0, message: { role: 'assistant', content: 'I think we should start from what we actually know.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 10, total_tokens: 11 } });
const app = Fastify();
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, raw, done) => done(null, raw));
app.post('/v1/chat/completions', async (_request, reply) => reply.type('application/json').send(body));
await app.listen({ host: '127.0.0.1', port: 0 });
console.log('listening on ' + app.server.address().port);
`,
);

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** The node arguments and environment of a server, and the port it will listen on (or not yet known). */
async function commandOf(
  name: string,
): Promise<{ args: string[]; env: NodeJS.ProcessEnv; port?: number }> {
  if (name === 'null') return { args: ['-e', NULL_SERVER], env: process.env };
  if (name === 'fastify') return { args: [fastifyApp], env: process.env };
  if (name !== 'ours') return fail(`--servers: no server named ${name}`);
  const port = await freePort();
  const settings = { host: '127.0.0.1', port, seed: 7, logLevel: flags['log-level'] };
  // As server.ts starts a worker (WORKER_HEAP), reading the settings it passes.
  return {
    args: [...WORKER_HEAP, join(resolve(flags.dist), 'worker.js')],
    env: {
      ...process.env,
      ...workerEnvironment(),
      ROUNDTABLE_DUMMY_WORKER: JSON.stringify(settings),
    },
    port,
  };
}

async function listening(child: ChildProcess, port: number | undefined): Promise<number> {
  if (port !== undefined) {
    for (let i = 0; i < 1200; i++) {
      const open = await new Promise<boolean>((done) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.once('listening', () => socket.close(() => done(false)));
        socket.once('error', () => done(true));
      });
      if (open) return port;
      if (child.exitCode !== null) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`the server did not listen on ${port}`);
  }
  let output = '';
  child.stdout?.setEncoding('utf8');
  return new Promise((done, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (\d+)/.exec(output);
      if (match !== null) done(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before listening`)));
  });
}

/**
 * V8's entry points whose inclusive counts are not the request's own work: its optimizing
 * compilers (Maglev and TurboFan, run on the main thread under --predictable; Sparkplug's
 * batches) and its collections (the pauses, and incremental marking's steps between them). None
 * is called from another (a scavenge task, or marking's task finalizing, calls CollectGarbage:
 * the task is not counted, what it calls is).
 */
const VM_PARTS: Readonly<Record<string, readonly string[]>> = {
  compilers: [
    'v8::internal::Compiler::CompileOptimized(',
    'v8::internal::baseline::BaselineBatchCompiler::CompileBatch(',
  ],
  collections: ['v8::internal::Heap::CollectGarbage(', 'v8::internal::IncrementalMarking::Step('],
};

/**
 * The instructions of a dump under each of VM_PARTS (callgrind_annotate's inclusive counts; of
 * the functions an entry point's name starts (overloads, lambdas within), the largest).
 */
function vmParts(dump: string): Record<string, number> {
  const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', dump], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const inclusive = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) \([\s\d.]+%\)\s+\S*?:(.*)$/.exec(line);
    if (match === null) continue;
    inclusive.set(match[2] as string, Number((match[1] as string).replaceAll(',', '')));
  }
  const parts: Record<string, number> = {};
  for (const [part, entries] of Object.entries(VM_PARTS)) {
    let sum = 0;
    for (const entry of entries) {
      let most = 0;
      for (const [name, count] of inclusive)
        if (name.startsWith(entry)) most = Math.max(most, count);
      sum += most;
    }
    parts[part] = sum;
  }
  return parts;
}

/** Sends the mark and waits for callgrind's dump number `n`. */
async function markAndWait(child: ChildProcess, out: string, n: number): Promise<number> {
  child.kill('SIGUSR2');
  const name = `${out}.${n}`;
  for (let i = 0; i < 2400; i++) {
    const dir = readdirSync(work);
    if (dir.includes(name.slice(work.length + 1))) {
      // The dump is written whole before the process goes on; read it once it has its totals.
      const totals = /^totals:\s+(\d+)/m.exec(readFileSync(name, 'utf8'));
      if (totals !== null) return Number(totals[1]);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no callgrind dump ${name}`);
}

async function count(
  name: string,
): Promise<{ perRequest: number; errors: number; parts: Record<string, number> }> {
  const { args, env, port } = await commandOf(name);
  const out = join(work, `${name}.out`);
  const child = spawn('valgrind', [...callgrindNode(out), '--import', mark, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  running.add(child);
  try {
    const bound = await listening(child, port);
    const url = `http://127.0.0.1:${bound}/v1/chat/completions`;
    const load = (n: number, from: number) =>
      runLoad({
        url,
        body: (i) => workload.body(from + i),
        seconds: 36_000,
        count: n,
        concurrency: 1,
        keepAlive: flags['keep-alive'],
      });
    // The warm-up's bodies are never measured (a replay's passes are conversations of their own).
    if (warmup > 0) await load(warmup, (workload.count ?? 1) * 5000);
    await markAndWait(child, out, 1);
    const result = await load(requests, 0);
    const measured = await markAndWait(child, out, 2);
    const parts = vmParts(`${out}.2`);
    for (const part of Object.keys(parts)) parts[part] = (parts[part] as number) / requests;
    return { perRequest: measured / requests, errors: requests - result.requests, parts };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    running.delete(child);
  }
}

process.stdout.write(
  `instructions a request in the server process (callgrind; node --predictable --hash-seed=1 --random-seed=1), workload ${flags.workload}, ${flags['keep-alive'] ? 'keep-alive' : 'a connection a request'}, ${requests} requests after ${warmup}\n`,
);
for (const name of flags.servers.split(',').filter(Boolean)) {
  const { perRequest, errors, parts } = await count(name);
  const m = (instructions: number) => `${(instructions / 1e6).toFixed(3)} M`;
  let rest = perRequest;
  for (const part of Object.values(parts)) rest -= part;
  const split = Object.entries(parts).map(([part, instructions]) => `${part} ${m(instructions)}`);
  process.stdout.write(
    `${name}: ${m(perRequest)} a request${errors > 0 ? ` (${errors} errors)` : ''} = the rest ${m(rest)} + ${split.join(' + ')}\n`,
  );
}
