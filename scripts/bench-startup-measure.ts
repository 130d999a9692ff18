// How bench-startup.ts measures one start: a command timed to its exit (and to the first line of
// its output that matters) with /usr/bin/time's CPU and peak RSS; the live view's first frame in a
// fresh tmux pane; the original roundtable's own dummy server, started on 127.0.0.1:8000.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, ROOT } from '../tests/helpers/cli.js';

export const SEEDBASE = '/tmp/seedbase';
const TIME = '/usr/bin/time';
const ORIGINAL_PORT = 8000;
// Debian's Python, which has the original's packages (a pyenv shim earlier on PATH may not).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const hasTime = existsSync(TIME);

export interface Measure {
  /** Milliseconds from spawn to exit. */
  readonly wallMs: number;
  /** User + system CPU milliseconds, and peak RSS in MB, when /usr/bin/time is there. */
  readonly cpuMs?: number;
  readonly rssMb?: number;
  /** Milliseconds from spawn to the first line of stdout that `mark` accepts. */
  readonly markMs?: number;
}

export interface MeasureOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Picks the stdout line worth timing. */
  readonly mark?: (line: string) => boolean;
}

export interface Measurer {
  /** Runs a command to its end, measuring it. */
  measure(argv: readonly string[], options?: MeasureOptions): Promise<Measure>;
  /** The live view's first frame, or undefined without tmux. */
  readonly firstFrame: ((command: string) => Promise<Measure>) | undefined;
}

/** Measures with its files (/usr/bin/time's output, tmux sockets) in `scratch`, the caller's. */
export function measurer(scratch: string): Measurer {
  const timeFile = join(scratch, 'time.txt');

  /** Runs a command to its end, measuring it; `mark` picks the stdout line worth timing. */
  function measure(argv: readonly string[], options: MeasureOptions = {}): Promise<Measure> {
    const [command = '', ...args] = hasTime
      ? [TIME, '-f', '%e %U %S %M', '-o', timeFile, ...argv]
      : argv;
    const started = performance.now();
    let markMs: number | undefined;
    const child: ChildProcess = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? cleanEnv({ ROUNDTABLE_HOME: join(scratch, 'home') }),
      stdio: ['ignore', options.mark === undefined ? 'ignore' : 'pipe', 'ignore'],
    });
    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      if (markMs !== undefined || options.mark === undefined) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (lines.some(options.mark)) markMs = performance.now() - started;
    });
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        const wallMs = performance.now() - started;
        if (code !== 0) {
          reject(new Error(`${argv.join(' ')} exited with ${code}`));
          return;
        }
        if (!hasTime) {
          resolve({ wallMs, ...(markMs === undefined ? {} : { markMs }) });
          return;
        }
        const [, user = 0, system = 0, rssKb = 0] = readFileSync(timeFile, 'utf8')
          .trim()
          .split('\n')
          .at(-1)
          ?.split(' ')
          .map(Number) ?? [0, 0, 0, 0];
        resolve({
          wallMs,
          cpuMs: (user + system) * 1000,
          rssMb: rssKb / 1024,
          ...(markMs === undefined ? {} : { markMs }),
        });
      });
    });
  }

  function hasTmux(): boolean {
    try {
      execFileSync('tmux', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  let panes = 0;

  /** Milliseconds from starting `command` in a fresh tmux pane until the status block shows. */
  async function firstFrame(command: string): Promise<Measure> {
    // A fresh server each time: a new one on the socket of one just killed may find it still there.
    panes += 1;
    const socket = join(scratch, `tmux-${panes}.sock`);
    const tmux = (...args: string[]): string =>
      execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
    const env = cleanEnv({ ROUNDTABLE_HOME: join(scratch, 'home'), TERM: 'xterm-256color' });
    const started = performance.now();
    execFileSync(
      'tmux',
      [
        '-S',
        socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        '100',
        '-y',
        '30',
        `cd ${ROOT} && ${command}; sleep 30`,
      ],
      { env },
    );
    try {
      for (;;) {
        if (tmux('capture-pane', '-p').includes('─'.repeat(100))) {
          return { wallMs: performance.now() - started };
        }
        if (performance.now() - started > 30_000) throw new Error(`no frame from ${command}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      tmux('kill-server');
    }
  }

  return { measure, firstFrame: hasTmux() ? firstFrame : undefined };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function cell(values: readonly (number | undefined)[], digits = 0): string {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return '–';
  const f = (v: number) => v.toFixed(digits);
  return `${f(median(known))} (${f(Math.min(...known))}–${f(Math.max(...known))})`;
}

// ---- the original, against its own dummy server ----

/**
 * The original's environment: its packages on the path, and Python allowed to keep the bytecode
 * it compiles. With PYTHONDONTWRITEBYTECODE set (some shells set it), every run compiled openai
 * and the rest from source: the original took 1.2–1.5 s where it takes ~1.0–1.1 s (session 13).
 */
function originalEnv(): NodeJS.ProcessEnv {
  const { PYTHONDONTWRITEBYTECODE: _, ...env } = process.env;
  return { ...env, PYTHONPATH: join(SEEDBASE, 'pylib') };
}

export async function startOriginalServer(): Promise<ChildProcess | undefined> {
  if (!existsSync(join(SEEDBASE, 'wrap', 'serve_dummy.py'))) return undefined;
  const server = spawn(PYTHON, [join(SEEDBASE, 'wrap', 'serve_dummy.py')], {
    env: originalEnv(),
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${ORIGINAL_PORT}/`);
      return server;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  stopServer(server);
  throw new Error('the original dummy server did not start on 127.0.0.1:8000 (is the port taken?)');
}

export function stopServer(server: ChildProcess | undefined): void {
  if (server?.pid === undefined) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** The original's 10 turns and summary, against the server above. */
export const originalArgs = {
  argv: [PYTHON, join(SEEDBASE, 'wrap', 'roundtable_modelfix.py')],
  options: {
    cwd: join(SEEDBASE, 'airoundtable'),
    env: originalEnv(),
  },
} as const;
