// Load benchmark of the Markov dummy server beside the original's (Flask + markovify) and a
// null server (bare node:http answering a fixed JSON body), one client and one worker each,
// driven by the same load tool in one run: the baseline's own `load.js` (a process of its own)
// where the reference folder has it, else scripts/bench-server-load.ts. Results: docs/benchmarks.md.
//   npm run build && npx tsx scripts/bench-server.ts [--seconds 5] [--workloads turn5,replay,words20000,cold]
//     [--no-original] [--rss 100000] [--stream] [--log-level info] [--tool load.js|builtin]
// The request bodies of the original's baseline (its real turn-5 request, a 200-turn replay,
// a 20,000-word prompt) are read from /work/shared/reference/seed-baseline/bench (--reference
// DIR); where that folder is absent, the committed fixtures stand in.
// The original runs from the folder its setup made (ROUNDTABLE_ORIGINAL_DIR, default
// /tmp/seedbase) on a Python that can import Flask and markovify: ROUNDTABLE_ORIGINAL_PYTHON, else
// `python3` on the PATH, else the system's /usr/bin/python3 (where its setup installs Flask from
// the distribution). Absent, or without such a Python, its column is left empty and the reason
// printed. It listens on port 8000, under `flock /work/coord/.port8000.lock` where that lock
// file exists (machines shared by several benchmarks); elsewhere the port must be free.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { runLoad } from './bench-server-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    workloads: { type: 'string', default: 'turn5,replay,words20000,cold' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
    'no-original': { type: 'boolean', default: false },
    rss: { type: 'string' },
    stream: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    tool: { type: 'string' },
  },
});
const seconds = Number(flags.seconds);
const reference = flags.reference;
const ORIGINAL_DIR = process.env.ROUNDTABLE_ORIGINAL_DIR ?? '/tmp/seedbase';
const ORIGINAL = `${ORIGINAL_DIR}/wrap/serve_dummy.py`;
const ORIGINAL_PORT = 8000;
/** Held while the original listens, where the machine's benchmarks share port 8000. */
const PORT_LOCK = '/work/coord/.port8000.lock';
const LOAD_JS = `${reference}/load.js`;
const tool = flags.tool ?? (existsSync(LOAD_JS) ? 'load.js' : 'builtin');
/** Bodies written for load.js, which reads its bodies from a file. */
const scratch = mkdtempSync(`${tmpdir()}/bench-server-`);
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Workload {
  readonly label: string;
  readonly body: (index: number) => Buffer;
  /**
   * A file of `count` bodies for load.js (one request a line; a single body is sent `count`
   * times), the warm-up's bodies unseen by the measured ones where that matters.
   */
  readonly file: (count: number, warmup: boolean) => string;
  /** At most this many requests a measurement. */
  readonly limit?: number;
  /** Requests per pass: a replay is measured over whole passes. */
  readonly count?: number | undefined;
}

function pathOf(name: string, fallback: string): string {
  const path = `${reference}/${name}`;
  return existsSync(path) ? path : `${root}/test-server/fixtures/${fallback}`;
}

function file(name: string, fallback: string): Buffer {
  return readFileSync(pathOf(name, fallback));
}

/** Bodies `from` to `from + count - 1`, one a line, written once for load.js. */
function bodiesFile(name: string, body: (index: number) => Buffer, from: number, count: number) {
  const path = `${scratch}/${name}-${from}-${count}.jsonl`;
  if (!existsSync(path)) {
    const lines = Array.from({ length: count }, (_, i) => body(from + i).toString('utf8'));
    writeFileSync(path, `${lines.join('\n')}\n`);
  }
  return path;
}

/** Distinct conversations in a cold measurement at most. */
const COLD_BODIES = 5000;

/**
 * A request made part of conversation `k`: its first message tagged, so every unit after it
 * keys a different conversation while the text stays what it was.
 */
function inConversation(request: Buffer, k: number): Buffer {
  const parsed = JSON.parse(request.toString('utf8')) as {
    messages: { role: string; content: string }[];
  };
  const index = parsed.messages.findIndex((message) => message.role !== 'system');
  const first = parsed.messages[index];
  if (first !== undefined) {
    const end = first.content.indexOf('\n\n');
    const at = end === -1 ? first.content.length : end;
    parsed.messages[index] = {
      ...first,
      content: `${first.content.slice(0, at)} (${k})${first.content.slice(at)}`,
    };
  }
  return Buffer.from(JSON.stringify(parsed));
}

function workloads(): Record<string, Workload> {
  const turn5Path = pathOf('turn5_request_fixed.json', 'turn5-request.json');
  const turn5 = readFileSync(turn5Path);
  const wordsPath = pathOf('req_20000w.json', 'words20000-request.json');
  const words = readFileSync(wordsPath);
  const replayPath = `${reference}/replay200.jsonl.gz`;
  const replay = existsSync(replayPath)
    ? gunzipSync(readFileSync(replayPath))
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => Buffer.from(line))
    : [turn5];
  // Each pass of the replay a discussion of its own, as a server meets them: a pass repeated
  // word for word would be answered from the states it left behind.
  const replayed = (i: number) =>
    inConversation(replay[i % replay.length] as Buffer, Math.floor(i / replay.length));
  const cold = (i: number) => inConversation(turn5, i);
  const same = (path: string) => () => path;
  return {
    turn5: { label: "the original's turn-5 request", body: () => turn5, file: same(turn5Path) },
    replay: {
      label: `a ${replay.length}-request replay of a 200-turn discussion`,
      body: replayed,
      file: (count, warmup) =>
        bodiesFile('replay', replayed, warmup ? 0 : replay.length * 1000, count),
      count: replay.length,
    },
    words20000: { label: '20,000-word prompt', body: () => words, file: same(wordsPath) },
    cold: {
      label: 'turn-5 request, a new conversation each time',
      body: cold,
      file: (count, warmup) => bodiesFile('cold', cold, warmup ? 0 : 1_000_000, count),
      limit: COLD_BODIES,
    },
  };
}

interface Server {
  readonly name: string;
  readonly url: string;
  pids(): number[];
  stop(): Promise<void>;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function tree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(tree)];
}

/** Spawned in a process group of its own, so stopping it ends everything it started. */
function start(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  child.on('error', (error) => process.stderr.write(`${name}: ${error.message}\n`));
  return child;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, 5000);
  await exited;
  clearTimeout(timer);
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let output = '';
  child.stdout?.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match !== null) resolve(match);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited (${code}) before it was ready: ${output}`)),
    );
  });
}

async function startOurs(): Promise<Server> {
  // The built CLI, as users run it: one worker, one core.
  const child = start('roundtable', process.execPath, [
    'bin/roundtable.js',
    'dummy-server',
    '--port',
    '0',
    '--workers',
    '1',
    '--log-level',
    flags['log-level'],
  ]);
  const [, url] = await lineMatching(child, /listening on (\S+)/);
  return {
    name: 'roundtable',
    url: `${url}/chat/completions`,
    pids: () => tree(child.pid ?? 0),
    stop: () => stopGroup(child),
  };
}

/** The limit of this machine and client: a bare node:http server answering a fixed body. */
const NULL_SERVER = `
const body = Buffer.from(JSON.stringify({ id: 'chatcmpl-null', object: 'chat.completion', created: 1700000000, model: 'null',
  choices: [{ index: 0, message: { role: 'assistant', content: 'I think we should start from what we actually know.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 10, total_tokens: 11 } }));
require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); });
}).listen(0, '127.0.0.1', function () { console.log('listening on ' + this.address().port); });
`;

async function startNull(): Promise<Server> {
  const child = start('null server', process.execPath, ['-e', NULL_SERVER]);
  const [, port] = await lineMatching(child, /listening on (\d+)/);
  return {
    name: 'null server',
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    pids: () => tree(child.pid ?? 0),
    stop: () => stopGroup(child),
  };
}

/** A Python that can run the original's server, or why none can. */
function originalPython(): { python: string } | { missing: string } {
  const asked = process.env.ROUNDTABLE_ORIGINAL_PYTHON;
  const candidates =
    asked !== undefined && asked !== '' ? [asked] : ['python3', '/usr/bin/python3'];
  for (const python of candidates) {
    try {
      execFileSync(python, ['-c', 'import flask, markovify'], {
        env: { ...process.env, PYTHONPATH: `${ORIGINAL_DIR}/pylib` },
        stdio: 'ignore',
        timeout: 30_000,
      });
      return { python };
    } catch {}
  }
  return {
    missing: `${candidates.join(' or ')} cannot import flask and markovify (set ROUNDTABLE_ORIGINAL_PYTHON to a Python that can)`,
  };
}

/** The original's Flask server on 127.0.0.1:8000, or why it is not measured. */
async function startOriginal(): Promise<Server | string> {
  if (flags['no-original']) return 'left out (--no-original)';
  if (!existsSync(ORIGINAL))
    return `not set up here (no ${ORIGINAL}; ROUNDTABLE_ORIGINAL_DIR names its folder)`;
  const found = originalPython();
  if ('missing' in found) return `not measured: ${found.missing}`;
  const locked = existsSync(PORT_LOCK);
  if (!locked && (await portOpen(ORIGINAL_PORT)))
    return `not measured: port ${ORIGINAL_PORT} is taken by another program`;
  const env = {
    ...process.env,
    PYTHONPATH: `${ORIGINAL_DIR}/pylib`,
    DUMMY_PORT: String(ORIGINAL_PORT),
  };
  const child = locked
    ? start('original', 'flock', [PORT_LOCK, found.python, ORIGINAL], env)
    : start('original', found.python, [ORIGINAL], env);
  for (let i = 0; i < 600 && !(await portOpen(ORIGINAL_PORT)); i++) {
    if (child.exitCode !== null) return `not measured: it exited (${child.exitCode}) at start`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    name: 'original',
    url: `http://127.0.0.1:${ORIGINAL_PORT}/v1/chat/completions`,
    pids: () => tree(child.pid ?? 0),
    stop: () => stopGroup(child),
  };
}

function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

function memoryMb(pids: readonly number[], field: 'VmRSS' | 'VmHWM'): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+)`).exec(
        readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      kb += Number(match?.[1] ?? 0);
    } catch {}
  }
  return kb / 1024;
}

interface Cell {
  readonly rps: number;
  readonly p50: number;
  readonly cpu: number;
  readonly errors: number;
}

interface LoadJsResult {
  readonly ok: number;
  readonly errors: number;
  readonly wall_s: number;
  readonly rps: number;
  readonly p50_ms: number;
}

/** One run of the baseline's load.js: `count` requests, one client. */
async function loadJs(
  url: string,
  body: string,
  count: number,
  keepAlive: boolean,
): Promise<LoadJsResult> {
  const child = spawn(process.execPath, [LOAD_JS, url, body, String(count), '1'], {
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

/**
 * With load.js (a count, not a time): a warm-up run gives the rate, and the measured run sends
 * about `seconds` worth (whole passes of a replay).
 */
async function measureWithLoadJs(
  server: Server,
  workload: Workload,
  keepAlive: boolean,
): Promise<Cell> {
  const pass = workload.count ?? 1;
  const warmCount = Math.max(pass, 20);
  const warm = await loadJs(server.url, workload.file(warmCount, true), warmCount, keepAlive);
  let count = Math.max(pass, Math.ceil((warm.rps * seconds) / pass) * pass);
  if (workload.limit !== undefined) count = Math.min(count, workload.limit);
  const measured = workload.file(count, false);
  const before = cpuMs(server.pids());
  const result = await loadJs(server.url, measured, count, keepAlive);
  const cpu = (cpuMs(server.pids()) - before) / Math.max(1, result.ok + result.errors);
  return { rps: result.rps, p50: result.p50_ms, cpu, errors: result.errors };
}

async function measure(server: Server, workload: Workload, keepAlive: boolean): Promise<Cell> {
  if (tool === 'load.js') return measureWithLoadJs(server, workload, keepAlive);
  const warmup = Math.min(workload.count ?? 200, 200);
  await runLoad({
    url: server.url,
    // Bodies the measurement never sends (a replay's or a cold run's conversations are new).
    body: (i) => workload.body(i + 10_000_000),
    seconds: 60,
    count: warmup,
    concurrency: 1,
    keepAlive,
  });
  const before = cpuMs(server.pids());
  // A replay runs whole passes: at least one, for at least the time asked.
  const result = await runLoad({
    url: server.url,
    body: workload.body,
    seconds: workload.count === undefined ? seconds : Math.max(seconds, 1),
    count: workload.count,
    concurrency: 1,
    keepAlive,
  });
  let total = result;
  while (workload.count !== undefined && total.seconds < seconds) {
    const more = await runLoad({
      url: server.url,
      body: workload.body,
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

const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : 'n/a';

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
}

async function rssAfterDistinct(count: number): Promise<void> {
  const server = await startOurs();
  try {
    const turn5 = file('turn5_request_fixed.json', 'turn5-request.json');
    const body = (i: number) => inConversation(turn5, i);
    // The server proper is the worker process; the primary only supervises it.
    const worker = () => server.pids().slice(1);
    const idle = memoryMb(worker(), 'VmRSS');
    const started = performance.now();
    const result = await runLoad({
      url: server.url,
      body,
      seconds: 3600,
      count,
      concurrency: 1,
      keepAlive: true,
    });
    const minutes = (performance.now() - started) / 60_000;
    process.stdout.write(
      `\n${fmt(result.requests)} requests from distinct conversations in ${fmt(minutes, 1)} min (${result.errors} errors): ` +
        `the worker's RSS ${fmt(idle)} MB idle, ${fmt(memoryMb(worker(), 'VmRSS'))} MB after, peak ${fmt(memoryMb(worker(), 'VmHWM'))} MB; ` +
        `the supervising primary ${fmt(memoryMb(server.pids().slice(0, 1), 'VmRSS'))} MB\n`,
    );
  } finally {
    await server.stop();
  }
}

async function streamRate(): Promise<void> {
  const server = await startOurs();
  try {
    const messages = JSON.parse(
      file('turn5_request_fixed.json', 'turn5-request.json').toString(),
    ).messages;
    const rates: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'markov',
          messages,
          stream: true,
          stream_options: { include_usage: true },
          max_tokens: 20000,
          ignore_eos: true,
        }),
      });
      const text = await response.text();
      const tokens = Number(/"completion_tokens":(\d+)/.exec(text)?.[1] ?? 0);
      if (i > 0) rates.push(tokens / ((performance.now() - started) / 1000));
    }
    rates.sort((a, b) => a - b);
    process.stdout.write(
      `\nstreamed 20,000 tokens: ${fmt(rates[1] ?? Number.NaN)} tokens/s (median of 3; ${fmt(rates[0] ?? Number.NaN)}–${fmt(rates[2] ?? Number.NaN)})\n`,
    );
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const out = process.stdout;
  out.write(
    `load average at start: ${loadAverage()}; node ${process.version}; ${seconds} s a cell; one client, one worker; load tool: ${tool === 'load.js' ? LOAD_JS : 'scripts/bench-server-load.ts'}\n`,
  );
  const all = workloads();
  const started = await startOriginal();
  const original = typeof started === 'string' ? undefined : started;
  if (typeof started === 'string') out.write(`(the original: ${started}; its column is empty)\n`);
  const servers = [
    await startOurs(),
    await startNull(),
    ...(original === undefined ? [] : [original]),
  ];
  try {
    out.write(
      '\n| workload | keep-alive | original req/s | roundtable req/s | × original | null server req/s | share of null | roundtable p50 ms | server CPU ms/req (roundtable / original) |\n',
    );
    out.write('| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n');
    for (const name of flags.workloads.split(',').filter((w) => w !== '' && w !== 'none')) {
      const workload = all[name];
      if (workload === undefined) throw new Error(`unknown workload ${name}`);
      for (const keepAlive of [false, true]) {
        const cells = new Map<string, Cell>();
        for (const server of servers)
          cells.set(server.name, await measure(server, workload, keepAlive));
        const ours = cells.get('roundtable') as Cell;
        const bare = cells.get('null server') as Cell;
        const theirs = cells.get('original');
        const errors = [...cells.values()].reduce((sum, cell) => sum + cell.errors, 0);
        out.write(
          `| ${workload.label} | ${keepAlive ? 'yes' : 'no'} | ${theirs === undefined ? '—' : fmt(theirs.rps)} | ${fmt(ours.rps)} | ${theirs === undefined ? '—' : `${fmt(ours.rps / theirs.rps, 1)}×`} | ${fmt(bare.rps)} | ${fmt((100 * ours.rps) / bare.rps)}% | ${fmt(ours.p50, 2)} | ${fmt(ours.cpu, 2)} / ${theirs === undefined ? '—' : fmt(theirs.cpu, 1)}${errors > 0 ? ` (${errors} errors)` : ''} |\n`,
        );
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  if (flags.rss !== undefined) await rssAfterDistinct(Number(flags.rss));
  if (flags.stream) await streamRate();
  out.write(`\nload average at end: ${loadAverage()}\n`);
}

await main();
