// Runs the real CLI (`node bin/roundtable.js`, i.e. the bundle in dist/) as a child process.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'roundtable.js');
const MAIN = join(ROOT, 'dist', 'roundtable.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-utils' && entry.name !== 'fixtures') {
        newest = Math.max(newest, newestSource(path));
      }
    } else if (/\.tsx?$/u.test(entry.name) && !/\.test\.tsx?$/u.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(MAIN).mtimeMs;
  } catch {
    return 0;
  }
}

const stale = () =>
  builtAt() < Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'test-server')));

let checked = false;

/**
 * `npm test` builds before it runs vitest; a lone `vitest run tests/…` may find dist/ missing or
 * older than the sources, and would then test old code. This builds it (once, under a lock the
 * test workers share) when that is so.
 */
export function ensureBuilt(): void {
  if (checked) return;
  checked = true;
  if (!stale()) return;
  const lock = join(ROOT, 'node_modules', '.roundtable-build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building: wait for it. A lock older than a minute was left behind.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true });
      } catch {
        // Already gone.
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!stale()) return;
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`could not build dist/ (npm run build): ${stderr || String(error)}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Added to (or, with `undefined`, removed from) the clean environment. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly cwd?: string | undefined;
  /** The Node binary; the one running the tests by default. */
  readonly node?: string | undefined;
  readonly onStdout?: ((text: string, child: ChildProcess) => void) | undefined;
  readonly onStderr?: ((text: string, child: ChildProcess) => void) | undefined;
}

// Nothing from the developer's shell may steer a test run: keys, settings, forced colours.
const LEAKY =
  /^(OPENAI_|ROUNDTABLE_|ANTHROPIC_|OPENROUTER_|MISTRAL_)|^(FORCE_COLOR|NODE_OPTIONS|CI)$/u;

let testHome: string | undefined;

/**
 * A ROUNDTABLE_HOME of this test process's own: runs index themselves in the run library there,
 * never in the real ~/.roundtable. In a test file it is a folder of the home tests/setup-home.ts
 * made for the file, removed with it after the file's tests: vitest ends its workers without
 * running 'exit' handlers, and one home a file was left in /tmp each time (435 on this machine).
 * Elsewhere (the benchmark scripts) it is removed when the process exits.
 */
export function testRoundtableHome(): string {
  const fileHome = process.env.ROUNDTABLE_TEST_HOME;
  if (fileHome !== undefined) {
    const home = join(fileHome, 'cli');
    mkdirSync(home, { recursive: true });
    return home;
  }
  if (testHome === undefined) {
    const home = mkdtempSync(join(tmpdir(), 'roundtable-home-'));
    process.on('exit', () => rmSync(home, { recursive: true, force: true }));
    testHome = home;
  }
  return testHome;
}

export function cleanEnv(
  extra: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !LEAKY.test(key)) env[key] = value;
  }
  env.ROUNDTABLE_HOME = testRoundtableHome();
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** CLI processes started and not yet ended (killLeftRunning ends them after each test). */
const running = new Set<ChildProcess>();

/**
 * Ends (SIGKILL) each CLI process a test started and left running, as a test that failed halfway
 * does: otherwise it runs on (a 500-turn run, a server, a batch waiting on its queue) beside the
 * next tests, and past the end of the file. Returns the command lines it ended.
 */
export function killLeftRunning(): string[] {
  const ended: string[] = [];
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      ended.push(child.spawnargs.slice(2).join(' '));
      child.kill('SIGKILL');
    }
  }
  running.clear();
  return ended;
}

/** Starts `roundtable <args>` from the repository root (where the example table is). */
export function spawnCli(
  args: readonly string[],
  options: CliOptions = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  ensureBuilt();
  const child = spawn(options.node ?? process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    options.onStdout?.(text, child);
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    options.onStderr?.(text, child);
  });
  const done = new Promise<CliResult>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).done;
}

/** Runs `body` with a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-test-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A small table in `dir`: `seats` participants and three questions; `fields[i]` is added to seat
 * i's role file (a seat's own `max_tokens` or `model`, say).
 */
export function writeTable(
  dir: string,
  seats = 3,
  fields: readonly Readonly<Record<string, unknown>>[] = [],
): string {
  const names = ['Ann', 'Bob', 'Cy', 'Dee', 'Eve'];
  mkdirSync(join(dir, 'participants'), { recursive: true });
  mkdirSync(join(dir, 'task'), { recursive: true });
  for (let i = 0; i < seats; i++) {
    const name = names[i] ?? `P${i + 1}`;
    writeFileSync(
      join(dir, 'participants', `role${i + 1}.json`),
      JSON.stringify({
        name,
        full_name: `${name} Tester`,
        creativity: (i + 1) / (seats + 1),
        prompt: `You are ${name} Tester, a resident with firm views. Keep it short.`,
        ...fields[i],
      }),
    );
  }
  writeFileSync(
    join(dir, 'task', 'context.txt'),
    'A town must decide what to do with an old railway.\n',
  );
  writeFileSync(join(dir, 'task', 'instructions.txt'), 'Two sentences a turn.\n');
  writeFileSync(
    join(dir, 'task', 'questions.txt'),
    'Park, housing or tram?\nWho pays?\nHow do we keep it affordable?\n',
  );
  return dir;
}
