// The live view's cost in a real terminal (tmux 120x40), against the dummy server in a process of
// its own. Results and how to read them: docs/benchmarks.md, "Live view (TUI)".
//
//   fast   the server streams as fast as it can; a 2,000-turn run with 60-token replies:
//          CPU time of the roundtable process per 1,000 tokens, frames Ink rendered per second
//          (ROUNDTABLE_TUI_STATS) and resident memory at turns 100, 1,000 and 2,000.
//   paced  the server streams at 5,000 tokens/s: the roundtable process's share of one core.
//   Both run twice: with the live view, and as the baseline with --json to /dev/null (the same
//   engine, client and transcript with no view at all), so the view's own part shows.
//   heap   (--heap) the fast run again, with a heap snapshot (taken after a full GC) at each mark:
//          what is really kept, as opposed to garbage V8 has not collected yet.
//
// Run: npx tsx scripts/bench-tui.ts [--turns 2000] [--paced-seconds 30] [--paced-rate 5000]
//        [--skip-fast] [--skip-paced] [--skip-baseline] [--heap] [--node-options=...]
//        [--turn-tokens N] [--v8-defaults]
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { TuiStatsSnapshot } from '../src/tui/stats.js';
import { BIN, cleanEnv, ensureBuilt, ROOT } from '../tests/helpers/cli.js';

const exec = promisify(execFile);

const { values: flags } = parseArgs({
  options: {
    turns: { type: 'string', default: '2000' },
    'paced-seconds': { type: 'string', default: '30' },
    'paced-rate': { type: 'string', default: '5000' },
    // Every turn exactly this long (the server ignores the end of its sentences); ~60 otherwise.
    'turn-tokens': { type: 'string' },
    'skip-fast': { type: 'boolean', default: false },
    'skip-paced': { type: 'boolean', default: false },
    // The live view only: no --json baseline runs (e.g. to compare V8 settings quickly).
    'skip-baseline': { type: 'boolean', default: false },
    heap: { type: 'boolean', default: false },
    // The roundtable process runs the bundle (dist/roundtable.js) directly, without the V8
    // settings bin/roundtable.js makes: what V8's own defaults would do.
    'v8-defaults': { type: 'boolean', default: false },
    // Passed to the roundtable process, e.g. --node-options=--max-old-space-size=64.
    'node-options': { type: 'string' },
  },
});
const TURNS = Number(flags.turns);
const PACED_SECONDS = Number(flags['paced-seconds']);
const PACED_RATE = Number(flags['paced-rate']);
const COLUMNS = 120;
const ROWS = 40;
const FILL_TURNS = flags['turn-tokens'] !== undefined;
const MAX_TOKENS = FILL_TURNS ? Number(flags['turn-tokens']) : 60;
// Keeps each request (and so the engine's and the server's work per turn) bounded over 2,000
// turns, as a real model's context window would.
const CONTEXT_TOKENS = 4000;
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
const POLL_MS = 20;

type Output = 'tui' | 'json';

const write = (text: string): void => {
  process.stdout.write(text);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (value: number, digits = 1): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---- the dummy server, in its own process ----

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

async function startServer(tokensPerSecond: number): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'dummy-server',
      '--port',
      '0',
      '--workers',
      '1',
      '--tokens-per-second',
      String(tokensPerSecond),
      '--log-level',
      'silent',
      ...(FILL_TURNS ? ['--ignore-eos'] : []),
    ],
    { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      seen += text;
      const match = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(seen);
      if (match !== null) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`dummy server exited (${code}): ${seen}`)));
  });
  return { url, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

// ---- the roundtable process, in tmux ----

interface Proc {
  readonly cpuSeconds: number;
  readonly systemSeconds: number;
  readonly rssMb: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after it start with state (field 3), so
    // utime and stime (fields 14 and 15) are at 11 and 12.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return {
      cpuSeconds: (user + system) / TICKS_PER_SECOND,
      systemSeconds: system / TICKS_PER_SECOND,
      rssMb: rssKb / 1024,
    };
  } catch {
    return undefined;
  }
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

interface Terminal {
  readonly pid: number;
  readonly dir: string;
  readonly out: string;
  readonly statsFile: string;
  close(): Promise<void>;
}

async function startRoundtable(
  url: string,
  turns: number,
  output: Output,
  nodeOptions: string | undefined,
): Promise<Terminal> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-bench-tui-'));
  const socket = join(dir, 'tmux.sock');
  const config = join(dir, 'tmux.conf');
  const out = join(dir, 'out');
  const statsFile = join(dir, 'tui-stats.json');
  await writeFile(
    config,
    'set -g remain-on-exit on\nset -g history-limit 2000\nset -g default-shell /bin/sh\n',
  );
  const argv = [
    process.execPath,
    flags['v8-defaults'] ? join(ROOT, 'dist', 'roundtable.js') : BIN,
    'run',
    ROOT,
    '--base-url',
    url,
    '--model',
    'markov',
    '--turns',
    String(turns),
    '--max-tokens',
    String(MAX_TOKENS),
    '--context-tokens',
    String(CONTEXT_TOKENS),
    '--no-summary',
    '--seed',
    '7',
    '--out',
    out,
    ...(output === 'json' ? ['--json'] : []),
  ];
  // `exec`: the pane's process is roundtable itself, so its pid is the one to measure.
  const command = `cd ${shellQuote(dir)} && exec ${argv.map(shellQuote).join(' ')}${output === 'json' ? ' > /dev/null' : ''}`;
  const tmux = async (...args: string[]): Promise<string> =>
    (await exec('tmux', ['-S', socket, ...args])).stdout;
  await exec(
    'tmux',
    [
      '-S',
      socket,
      '-f',
      config,
      'new-session',
      '-d',
      '-s',
      'bench',
      '-x',
      String(COLUMNS),
      '-y',
      String(ROWS),
      command,
    ],
    {
      env: cleanEnv({
        TERM: 'xterm-256color',
        TMUX: undefined,
        ROUNDTABLE_TUI_STATS: statsFile,
        NODE_OPTIONS: nodeOptions,
      }),
    },
  );
  const pid = Number((await tmux('display-message', '-p', '-t', 'bench', '#{pane_pid}')).trim());
  return {
    pid,
    dir,
    out,
    statsFile,
    async close() {
      try {
        await tmux('kill-server');
      } catch {
        // Already gone.
      }
      // The process may still be writing its transcript as it ends (SIGHUP): wait for it first.
      for (let i = 0; i < 250 && readProc(pid) !== undefined; i++) await sleep(20);
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** Follows events.jsonl as it grows: turns started, completion tokens of the turns ended. */
class EventsFollower {
  turns = 0;
  tokens = 0;
  ended = false;
  #fd: number | undefined;
  #offset = 0;
  #partial = '';
  readonly #buffer = Buffer.alloc(1 << 20);

  constructor(private readonly out: string) {}

  poll(): void {
    if (this.#fd === undefined) {
      try {
        const [name] = readdirSync(this.out);
        if (name === undefined) return;
        this.#fd = openSync(join(this.out, name, 'events.jsonl'), 'r');
      } catch {
        return;
      }
    }
    for (;;) {
      const read = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, this.#offset);
      if (read === 0) break;
      this.#offset += read;
      const text = this.#partial + this.#buffer.toString('utf8', 0, read);
      const end = text.lastIndexOf('\n');
      this.#partial = text.slice(end + 1);
      for (const line of text.slice(0, end + 1).split('\n')) {
        if (line === '') continue;
        const record = JSON.parse(line) as {
          type: string;
          kind?: string;
          usage?: { completionTokens: number };
        };
        if (record.type === 'turn-started' && record.kind === 'turn') this.turns += 1;
        if (record.type === 'turn-ended') this.tokens += record.usage?.completionTokens ?? 0;
        if (record.type === 'discussion-ended') this.ended = true;
      }
    }
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
  }
}

function readStats(path: string): TuiStatsSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TuiStatsSnapshot;
  } catch {
    return undefined;
  }
}

interface Sample {
  readonly turn: number;
  readonly wallSeconds: number;
  readonly tokens: number;
  readonly proc: Proc;
  readonly stats: TuiStatsSnapshot | undefined;
}

function sample(terminal: Terminal, events: EventsFollower, startedAt: number): Sample | undefined {
  const proc = readProc(terminal.pid);
  if (proc === undefined) return undefined;
  return {
    turn: events.turns,
    wallSeconds: (performance.now() - startedAt) / 1000,
    tokens: events.tokens,
    proc,
    stats: readStats(terminal.statsFile),
  };
}

function framesPerSecond(from: Sample, to: Sample): string {
  if (from.stats === undefined || to.stats === undefined) return '?';
  const ms = to.stats.elapsedMs - from.stats.elapsedMs;
  return ms > 0 ? fmt(((to.stats.renders - from.stats.renders) * 1000) / ms) : '?';
}

function renderMsPerFrame(from: Sample, to: Sample): string {
  if (from.stats === undefined || to.stats === undefined) return '?';
  const frames = to.stats.renders - from.stats.renders;
  return frames > 0 ? fmt((to.stats.renderMs - from.stats.renderMs) / frames, 2) : '?';
}

// ---- live heap from heap snapshots ----

/** Total self size of a heap snapshot's nodes, in MB: the heap after the full GC V8 does first. */
function heapSnapshotMb(path: string): number {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const stride = fields.length;
  const sizeAt = fields.indexOf('self_size');
  let total = 0;
  for (let i = sizeAt; i < snapshot.nodes.length; i += stride) total += snapshot.nodes[i] ?? 0;
  return total / (1024 * 1024);
}

/** Asks the process for a heap snapshot (SIGUSR2), waits until it is whole, and measures it. */
async function takeHeapSnapshot(terminal: Terminal, index: number): Promise<number | undefined> {
  process.kill(terminal.pid, 'SIGUSR2');
  const suffix = `.${String(index).padStart(3, '0')}.heapsnapshot`;
  for (let waited = 0; waited < 60_000; waited += 250) {
    await sleep(250);
    const name = readdirSync(terminal.dir).find((n) => n.endsWith(suffix));
    if (name === undefined) continue;
    try {
      return heapSnapshotMb(join(terminal.dir, name));
    } catch {
      // Still being written.
    }
  }
  return undefined;
}

// ---- the runs ----

const outputLabel = (output: Output): string =>
  output === 'tui' ? 'live view' : 'baseline: --json > /dev/null';

async function fastRun(mode: Output | 'heap'): Promise<void> {
  const withHeap = mode === 'heap';
  const output: Output = mode === 'json' ? 'json' : 'tui';
  const marks = [...new Set([100, 1000, TURNS])].filter((t) => t <= TURNS);
  write(
    withHeap
      ? `\n## heap: ${TURNS} turns as fast as possible, heap snapshot at turns ${marks.join(', ')}\n`
      : `\n## fast (${outputLabel(output)}): ${TURNS} turns, server as fast as it can, --max-tokens ${MAX_TOKENS}\n`,
  );
  const server = await startServer(0);
  // With snapshots the run goes on past the last mark, so the process is there to take it.
  const nodeOptions = withHeap
    ? `--heapsnapshot-signal=SIGUSR2 ${flags['node-options'] ?? ''}`.trim()
    : flags['node-options'];
  const terminal = await startRoundtable(
    server.url,
    withHeap ? TURNS + 50 : TURNS,
    output,
    nodeOptions,
  );
  const events = new EventsFollower(terminal.out);
  const startedAt = performance.now();
  const samples = new Map<number, Sample>();
  const heaps = new Map<number, number>();
  let last: Sample | undefined;
  try {
    for (;;) {
      events.poll();
      for (const mark of marks) {
        if (samples.has(mark) || events.turns < mark) continue;
        const taken = sample(terminal, events, startedAt);
        if (taken === undefined) continue;
        samples.set(mark, taken);
        if (withHeap) {
          const heap = await takeHeapSnapshot(terminal, heaps.size + 1);
          if (heap !== undefined) heaps.set(mark, heap);
        }
      }
      if (withHeap && heaps.size === marks.length) break;
      const now = sample(terminal, events, startedAt);
      if (now === undefined) break; // exited
      last = now;
      if (events.ended) break;
      await sleep(POLL_MS);
    }
  } finally {
    events.close();
    await terminal.close();
    await stopServer(server);
  }
  if (withHeap) {
    write('| turn | heap after full GC, MB | RSS MB |\n| ---- | ---- | ---- |\n');
    for (const mark of marks) {
      const heap = heaps.get(mark);
      const rss = samples.get(mark)?.proc.rssMb;
      write(
        `| ${mark} | ${heap === undefined ? '?' : fmt(heap)} | ${rss === undefined ? '?' : fmt(rss)} |\n`,
      );
    }
    return;
  }
  write('| turn | wall s | tokens out | CPU s | RSS MB | frames | screen updates |\n');
  write('| ---- | ------ | ---------- | ----- | ------ | ------ | -------------- |\n');
  for (const [mark, s] of samples) {
    write(
      `| ${mark} | ${fmt(s.wallSeconds)} | ${s.tokens} | ${fmt(s.proc.cpuSeconds, 2)} | ${fmt(s.proc.rssMb)} | ${s.stats?.renders ?? '?'} | ${s.stats?.storeUpdates ?? '?'} |\n`,
    );
  }
  const from = samples.get(100);
  const to = samples.get(TURNS) ?? last;
  if (from === undefined || to === undefined || to === from) return;
  const tokens = to.tokens - from.tokens;
  const cpu = to.proc.cpuSeconds - from.proc.cpuSeconds;
  const wall = to.wallSeconds - from.wallSeconds;
  write(`\nturn 100 → ${to.turn}: ${tokens} tokens in ${fmt(wall)} s`);
  write(` (${fmt(tokens / wall, 0)} tokens/s, ${fmt((to.turn - from.turn) / wall, 0)} turns/s)\n`);
  write(`CPU per 1,000 tokens: ${fmt((cpu / tokens) * 1_000_000, 0)} ms`);
  write(` (${fmt((cpu / wall) * 100)}% of one core)\n`);
  if (output === 'tui') {
    write(`frames rendered per second: ${framesPerSecond(from, to)}`);
    write(` (Ink: ${renderMsPerFrame(from, to)} ms a frame)\n`);
  }
  write(`RSS growth: ${fmt(to.proc.rssMb - from.proc.rssMb)} MB\n`);
}

async function pacedRun(output: Output): Promise<void> {
  write(
    `\n## paced (${outputLabel(output)}): server at ${PACED_RATE} tokens/s, ${PACED_SECONDS} s measured\n`,
  );
  const server = await startServer(PACED_RATE);
  const terminal = await startRoundtable(server.url, 10_000, output, flags['node-options']);
  const events = new EventsFollower(terminal.out);
  const startedAt = performance.now();
  try {
    // Warm-up: past start-up, the first turns and the first statistics.
    for (;;) {
      events.poll();
      const ready = output === 'json' || readStats(terminal.statsFile) !== undefined;
      if (events.turns >= 10 && ready) break;
      if (readProc(terminal.pid) === undefined) throw new Error('roundtable exited early');
      await sleep(POLL_MS);
    }
    const from = sample(terminal, events, startedAt);
    await sleep(PACED_SECONDS * 1000);
    events.poll();
    const to = sample(terminal, events, startedAt);
    if (from === undefined || to === undefined) throw new Error('roundtable exited early');
    const tokens = to.tokens - from.tokens;
    const cpu = to.proc.cpuSeconds - from.proc.cpuSeconds;
    const wall = to.wallSeconds - from.wallSeconds;
    write(`${to.turn - from.turn} turns, ${tokens} tokens in ${fmt(wall)} s:`);
    write(` ${fmt(tokens / wall, 0)} tokens/s\n`);
    const system = to.proc.systemSeconds - from.proc.systemSeconds;
    write(`CPU share: ${fmt((cpu / wall) * 100)}% of one core`);
    write(` (of which system ${fmt((system / wall) * 100)}%;`);
    write(` ${fmt((cpu / tokens) * 1_000_000, 0)} ms per 1,000 tokens)\n`);
    if (output === 'tui') write(`frames rendered per second: ${framesPerSecond(from, to)}\n`);
    write(`RSS: ${fmt(to.proc.rssMb)} MB\n`);
  } finally {
    events.close();
    await terminal.close();
    await stopServer(server);
  }
}

ensureBuilt();
write(
  `bench-tui: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, tmux ${COLUMNS}x${ROWS}\n`,
);
if (!flags['skip-fast']) {
  await fastRun('tui');
  if (!flags['skip-baseline']) await fastRun('json');
}
if (!flags['skip-paced']) {
  await pacedRun('tui');
  if (!flags['skip-baseline']) await pacedRun('json');
}
if (flags.heap) await fastRun('heap');
