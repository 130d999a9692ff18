// The servers scripts/bench-server.ts measures side by side, each a process group of its own:
// roundtable's (the built CLI, one worker), its request path without the model, the null
// server (bare node:http answering a fixed body: the limit of this machine and client) and the
// original's Flask server, with what is read of them from /proc (CPU, memory). Every server
// started is ended when the benchmark ends, however it ends.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { WORKER_HEAP, workerEnvironment } from '../test-server/server.js';
import { root } from './bench-server-workloads.js';

export interface Server {
  readonly name: string;
  readonly url: string;
  pids(): number[];
  stop(): Promise<void>;
}

const ORIGINAL_DIR = process.env.ROUNDTABLE_ORIGINAL_DIR ?? '/tmp/seedbase';
const ORIGINAL = `${ORIGINAL_DIR}/wrap/serve_dummy.py`;
const ORIGINAL_PORT = 8000;
/** Held while the original listens, where the machine's benchmarks share port 8000. */
const PORT_LOCK = '/work/coord/.port8000.lock';

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

/** Every server started, so that the benchmark stopped early (a signal, a closed pipe) ends them. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) {
    try {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () =>
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)),
  );
process.stdout.on('error', () => process.exit(1));

/** Spawned in a process group of its own, so stopping it ends everything it started. */
function start(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = root,
): ChildProcess {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  child.on('error', (error) => process.stderr.write(`${name}: ${error.message}\n`));
  children.add(child);
  child.once('exit', () => children.delete(child));
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

/** The built CLI, as users run it: one worker, one core. */
/** Our dummy server, from this checkout's build or another's (`checkout`, built). */
export async function startOurs(logLevel: string, checkout: string = root): Promise<Server> {
  const child = start(
    'roundtable',
    process.execPath,
    ['bin/roundtable.js', 'dummy-server', '--port', '0', '--workers', '1', '--log-level', logLevel],
    process.env,
    checkout,
  );
  const [, url] = await lineMatching(child, /listening on (\S+)/);
  return {
    name: 'roundtable',
    url: `${url}/chat/completions`,
    pids: () => tree(child.pid ?? 0),
    stop: () => stopGroup(child),
  };
}

/** A server of ours that prints "listening on <port>" once it listens on 127.0.0.1. */
async function listening(name: string, child: ChildProcess): Promise<Server> {
  const [, port] = await lineMatching(child, /listening on (\d+)/);
  return {
    name,
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    pids: () => tree(child.pid ?? 0),
    stop: () => stopGroup(child),
  };
}

/**
 * Our request path without its model (scripts/bench-server-free.ts, from source, with the worker's
 * heap flags and environment): the ceiling a model costing nothing would reach.
 */
export async function startFree(): Promise<Server> {
  const child = start(
    'without its model',
    process.execPath,
    [...WORKER_HEAP, '--import', 'tsx', 'scripts/bench-server-free.ts'],
    { ...process.env, ...workerEnvironment() },
  );
  return listening('without its model', child);
}

/** The limit of this machine and client: a bare node:http server answering a fixed body. */
export const NULL_SERVER = `
const body = Buffer.from(JSON.stringify({ id: 'chatcmpl-null', object: 'chat.completion', created: 1700000000, model: 'null',
  choices: [{ index: 0, message: { role: 'assistant', content: 'I think we should start from what we actually know.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 10, total_tokens: 11 } }));
require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); });
}).listen(0, '127.0.0.1', function () { console.log('listening on ' + this.address().port); });
`;

export async function startNull(): Promise<Server> {
  return listening('null server', start('null server', process.execPath, ['-e', NULL_SERVER]));
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
export async function startOriginal(): Promise<Server | string> {
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
