// The processes scripts/bench-tui.ts measures: the dummy server in a process of its own, and
// `roundtable run` in a tmux pane, with its CPU time and memory read from /proc.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, cleanEnv, ROOT } from '../tests/helpers/cli.js';

const exec = promisify(execFile);

export const COLUMNS = 120;
export const ROWS = 40;
// Keeps each request (and so the engine's and the server's work per turn) bounded over 2,000
// turns, as a real model's context window would.
const CONTEXT_TOKENS = 4000;
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export type Output = 'tui' | 'json';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the dummy server, in its own process ----

export interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

/** The dummy server at `tokensPerSecond` (0: as fast as it can); `ignoreEos`: every reply its max_tokens long. */
export async function startServer(tokensPerSecond: number, ignoreEos: boolean): Promise<Server> {
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
      ...(ignoreEos ? ['--ignore-eos'] : []),
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

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

// ---- the roundtable process, in tmux ----

export interface Proc {
  readonly cpuSeconds: number;
  readonly systemSeconds: number;
  readonly rssMb: number;
}

export function readProc(pid: number): Proc | undefined {
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

export interface Terminal {
  readonly pid: number;
  readonly dir: string;
  readonly out: string;
  readonly statsFile: string;
  close(): Promise<void>;
}

export interface RoundtableRun {
  readonly url: string;
  readonly turns: number;
  readonly output: Output;
  readonly nodeOptions: string | undefined;
  /** Run the bundle directly, without the V8 settings bin/roundtable.js makes. */
  readonly v8Defaults: boolean;
  readonly maxTokens: number;
}

/** `roundtable run` in a tmux pane of its own (COLUMNS x ROWS), its pid the pane's. */
export async function startRoundtable(run: RoundtableRun): Promise<Terminal> {
  const { url, turns, output, nodeOptions } = run;
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
    run.v8Defaults ? join(ROOT, 'dist', 'roundtable.js') : BIN,
    'run',
    ROOT,
    '--base-url',
    url,
    '--model',
    'markov',
    '--turns',
    String(turns),
    '--max-tokens',
    String(run.maxTokens),
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
