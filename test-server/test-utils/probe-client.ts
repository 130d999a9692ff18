// The test's side of test-utils/memory-probe.ts: starts the probe (a dummy server in a process
// of its own, run with --expose-gc), asks it for figures taken after a full collection, and
// ends it (and whatever it started) when the test is done.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProbeAsk, ProbeMeasure } from './memory-probe.js';

export interface MemoryProbe {
  readonly port: number;
  measure(): Promise<ProbeMeasure>;
  close(): Promise<void>;
}

/** A probe whose caches hold `cacheBytes` (the server's default when not given). */
export async function startMemoryProbe(cacheBytes?: number): Promise<MemoryProbe> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const entry = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
  const args = ['--expose-gc', '--import', tsx, entry];
  if (cacheBytes !== undefined) args.push(String(cacheBytes));
  const probe = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(probe, 'message')) as [{ port: number }];
  return {
    port: message.port,
    async measure() {
      const answer = once(probe, 'message') as Promise<[ProbeMeasure]>;
      probe.send({ type: 'measure' } satisfies ProbeAsk);
      return (await answer)[0];
    },
    async close() {
      if (probe.exitCode !== null || probe.pid === undefined) return;
      const exited = once(probe, 'exit');
      probe.send({ type: 'close' } satisfies ProbeAsk);
      const kill = setTimeout(() => process.kill(-(probe.pid as number), 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}
