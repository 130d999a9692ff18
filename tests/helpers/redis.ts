// A real redis-server for the queue tests: on a free loopback port, in a temporary folder, no
// persistence; stopped (its process group) afterwards.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** The server's process id (benchmarks read its CPU time). */
  readonly pid: number | undefined;
  /** Empties it (FLUSHALL): what one test left cannot steer the next. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A client for the redis-server on `port` that does not retry; disconnected after `use`. */
async function withClient<T>(port: number, use: (client: Redis) => Promise<T>): Promise<T> {
  const { Redis: Client } = await import('ioredis');
  const client = new Client({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

/** Whether the redis-server answering on `port` is process `pid` (and not another file's). */
async function isServer(port: number, pid: number | undefined): Promise<boolean> {
  try {
    const info = await withClient(port, (client) => client.info('server'));
    return /^process_id:(\d+)\r?$/m.exec(info)?.[1] === String(pid);
  } catch {
    return false;
  }
}

export async function startRedis(): Promise<RedisServer> {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error !== undefined) {
    throw new Error(
      'redis-server is not installed (apt-get install redis-server; .ci/run does this)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-redis-'));
  // A free port is only free until someone binds it: another test file may take it between
  // freePort() closing it and redis-server binding it. Then redis-server exits; try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawnRedis(port, dir);
    if (await answers(child, port)) return running(child, port, dir);
    if (child.exitCode === null) {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}`);
    }
    if (attempt === 3) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server exited at start (code ${child.exitCode}) on three free ports`);
    }
  }
}

function spawnRedis(port: number, dir: string): ChildProcess {
  return spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { detached: true, stdio: 'ignore' },
  );
}

/** Whether the redis-server answers on `port` within 10 s; false as soon as it has exited. */
async function answers(child: ChildProcess, port: number): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (!(await isServer(port, child.pid))) {
    if (Date.now() > deadline || child.exitCode !== null) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

function running(child: ChildProcess, port: number, dir: string): RedisServer {
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    async flush() {
      await withClient(port, (client) => client.flushall());
    },
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
