// Load benchmark of the Markov dummy server (results in docs/benchmarks.md, "## Dummy server").
//   npx tsx scripts/bench-server.ts [--duration 5] [--runs 1] [--workers 1,2] [--clients 1,2,8]
//     [--bodies turn5,words20000] [--context-words N] [--log-level info] [--no-stream]
// With --runs N each cell is measured N times and the run with the median req/s is reported
// (the development machine is shared, so single runs can catch another job's burst).
// The server runs in its own process (`roundtable dummy-server` from dist/, so build first),
// and autocannon drives it over 127.0.0.1 with the committed request bodies.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    runs: { type: 'string', default: '1' },
    workers: { type: 'string', default: `1,${availableParallelism()}` },
    clients: { type: 'string', default: '1,2,8' },
    bodies: { type: 'string', default: 'turn5,words20000' },
    'context-words': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    'no-stream': { type: 'boolean', default: false },
  },
});
const duration = Number(flags.duration);
const runs = Number(flags.runs);
const list = (text: string): number[] => text.split(',').map(Number);

const BODIES: Record<string, { label: string; file: string }> = {
  turn5: { label: 'turn-5 request (~450 words)', file: 'turn5-request.json' },
  words20000: { label: '20,000-word prompt', file: 'words20000-request.json' },
};
const bodyText = (file: string): string =>
  readFileSync(`${root}/test-server/fixtures/${file}`, 'utf8');

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Server {
  readonly url: string;
  readonly process: ChildProcess;
  /** The primary and its cluster workers. */
  pids(): number[];
  stop(): Promise<void>;
}

async function startServer(workers: number): Promise<Server> {
  // The built CLI, as users run it (`npm run build` first).
  const args = ['bin/roundtable.js', 'dummy-server', '--port', '0', '--workers', String(workers)];
  args.push('--log-level', flags['log-level']);
  if (flags['context-words'] !== undefined) args.push('--context-words', flags['context-words']);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  // The server logs a line per request; reading them costs this process a little, like a terminal would.
  child.stderr.resume();
  let output = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening: ${output}`)),
    );
  });
  const pids = (): number[] => {
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8');
    return [child.pid ?? 0, ...children.split(' ').filter(Boolean).map(Number)];
  };
  return {
    url,
    process: child,
    pids,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** CPU time (user + system) of the server's processes so far, in ms. */
function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Peak resident memory (VmHWM) of the server's processes, in MB. */
function peakRssMb(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    kb += Number(match?.[1] ?? 0);
  }
  return kb / 1024;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Load {
  readonly result: Result;
  /** Per-request latencies in ms, sorted (autocannon's own histogram rounds to whole ms). */
  readonly latencies: number[];
}

function load(url: string, body: string, connections: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/chat/completions`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        duration: seconds,
      },
      (error, result) => {
        if (error) reject(error);
        else resolve({ result, latencies: latencies.sort((a, b) => a - b) });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) latencies.push(ms);
    });
  });
}

interface ChatReply {
  choices: { message: { content: string }; finish_reason: string }[];
  usage: { completion_tokens: number };
}

/** Sends `count` requests one by one and counts replies with no text (the original: 11%). */
async function emptyReplies(url: string, body: string, count: number): Promise<number> {
  let empty = 0;
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const reply = (await response.json()) as ChatReply;
    if (response.status !== 200 || (reply.choices[0]?.message.content.trim() ?? '') === '') empty++;
  }
  return empty;
}

/** One streamed reply of `maxTokens` tokens, read to [DONE]; returns tokens and seconds. */
async function stream(
  url: string,
  maxTokens: number,
): Promise<{ tokens: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'markov',
      messages: JSON.parse(bodyText('turn5-request.json')).messages,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: maxTokens,
      ignore_eos: true,
    }),
  });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  const usage = /"completion_tokens":(\d+)/.exec(text);
  if (!text.endsWith('data: [DONE]\n\n') || usage === null)
    throw new Error('stream did not complete');
  return { tokens: Number(usage[1]), seconds };
}

const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

/** The 1-minute load average: how busy the shared machine was around the figures. */
function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
}

async function main(): Promise<void> {
  const out = process.stdout;
  out.write(`load average at start: ${loadAverage()}\n`);
  out.write(
    `node ${process.version}, ${availableParallelism()} cores, ${duration} s per cell, median of ${runs} run(s), log level ${flags['log-level']}` +
      `${flags['context-words'] === undefined ? '' : `, context words ${flags['context-words']}`}\n`,
  );
  for (const workers of list(flags.workers)) {
    out.write(
      '\n| body | workers | clients | req/s | p50 ms | p99 ms | server CPU ms/req | errors | peak RSS MB |\n',
    );
    out.write('| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n');
    const server = await startServer(workers);
    try {
      for (const name of flags.bodies.split(',')) {
        const spec = BODIES[name];
        if (spec === undefined) throw new Error(`unknown body ${name}`);
        const body = bodyText(spec.file);
        await load(server.url, body, 8, 1); // warm-up: JIT and connections
        for (const clients of list(flags.clients)) {
          const measured = [];
          for (let run = 0; run < runs; run++) {
            const before = cpuMs(server.pids());
            const { result, latencies } = await load(server.url, body, clients, duration);
            const cpu = cpuMs(server.pids()) - before;
            measured.push({
              result,
              latencies,
              cpu,
              rate: result.requests.total / result.duration,
            });
          }
          measured.sort((a, b) => a.rate - b.rate);
          const median = measured[Math.floor(measured.length / 2)];
          if (median === undefined) continue;
          const { result, latencies, cpu } = median;
          const done = result.requests.total;
          out.write(
            `| ${spec.label} | ${workers} | ${clients} | ${fmt(done / result.duration, 0)} | ${fmt(percentile(latencies, 50), 2)} | ${fmt(percentile(latencies, 99), 2)} | ${fmt(cpu / done, 2)} | ${result.errors + result.non2xx + result.timeouts} | ${fmt(peakRssMb(server.pids()), 0)} |\n`,
          );
        }
      }
      if (workers === 1) {
        out.write('\n');
        for (const name of flags.bodies.split(',')) {
          const spec = BODIES[name];
          if (spec === undefined) continue;
          const empty = await emptyReplies(server.url, bodyText(spec.file), 200);
          out.write(`empty replies, ${spec.label}: ${empty} of 200\n`);
        }
        if (!flags['no-stream']) {
          const runs = [];
          for (let i = 0; i < 4; i++) runs.push(await stream(server.url, 20_000));
          const rates = runs
            .slice(1)
            .map((run) => run.tokens / run.seconds)
            .sort((a, b) => a - b);
          out.write(
            `streamed: ${runs[1]?.tokens} tokens per reply, ${fmt(rates[1] ?? Number.NaN, 0)} tokens/s (median of 3 after a warm-up; min ${fmt(rates[0] ?? Number.NaN, 0)}, max ${fmt(rates[2] ?? Number.NaN, 0)})\n`,
          );
        }
      }
    } finally {
      await server.stop();
    }
  }
}

await main();
process.stdout.write(`\nload average at end: ${loadAverage()}\n`);
