// For live-view tests against a scripted, misbehaving server: a fault server whose replies a test
// sets, a fresh table per run, and terminal runs torn down after each test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { writeTable } from '../helpers/cli.js';
import { type Fault, type FaultServer, startFaultServer } from '../helpers/fault-server.js';
import { TerminalRun, type TerminalRunOptions } from './terminal.js';

export interface FaultTerminal {
  /** What the n-th chat request (0-based) gets; a normal reply when it returns undefined. */
  script(schedule: (index: number) => Fault | undefined): void;
  /** A fresh two-seat table; `edit` may change its files before the run. */
  table(name: string, edit?: (dir: string) => Promise<void>): Promise<string>;
  /** `roundtable run <table> --base-url <fault server> --model fault-model …args` in tmux. */
  start(
    table: string,
    args: readonly string[],
    options?: Omit<TerminalRunOptions, 'args'>,
  ): Promise<TerminalRun>;
}

export function useFaultTerminal(): FaultTerminal {
  let schedule: (index: number) => Fault | undefined = () => undefined;
  let server: FaultServer | undefined;
  let tmp: string | undefined;
  const runs: TerminalRun[] = [];
  beforeAll(async () => {
    server = await startFaultServer({ schedule: (i) => schedule(i) });
    tmp = await mkdtemp(join(tmpdir(), 'roundtable-faults-'));
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((run) => run.close()));
  });
  afterAll(async () => {
    await server?.close();
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  });
  return {
    script(next) {
      schedule = next;
    },
    async table(name, edit) {
      if (tmp === undefined) throw new Error('fixture not ready');
      const dir = writeTable(join(tmp, name), 2);
      await edit?.(dir);
      return dir;
    },
    async start(table, args, options = {}) {
      if (server === undefined) throw new Error('fixture not ready');
      const run = await TerminalRun.start({
        ...options,
        args: [table, '--base-url', server.baseUrl, '--model', 'fault-model', ...args],
      });
      runs.push(run);
      return run;
    },
  };
}
