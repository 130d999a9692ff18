// What every TUI end-to-end file sets up: a paced dummy server, a small table, and terminal runs
// that are torn down after each test whatever happened.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import {
  type DummyServer,
  type StartDummyServerOptions,
  startDummyServer,
} from '../../test-server/server.js';
import { writeTable } from '../helpers/cli.js';
import { TerminalRun, type TerminalRunOptions, tmuxAvailable } from './terminal.js';

const tmuxRequired = process.env.CI !== undefined;

/** The terminal sizes issue 12 asks every live-view behaviour to be checked at. */
export const SIZES = [
  [80, 24],
  [60, 20],
  [40, 15],
] as const;

/**
 * A describe block for tests that drive a terminal. CI installs tmux (.ci/run) and must not pass
 * by skipping; a developer without tmux gets the tests skipped. Each test waits on a real run
 * in bounded steps of up to 15 s; the generous test timeout only matters on a loaded machine.
 */
export function describeInTmux(name: string, body: () => void): void {
  const available = tmuxAvailable() || tmuxRequired;
  (available ? describe : describe.skip)(
    available ? name : `${name} (skipped: tmux is not installed)`,
    { timeout: 60_000 },
    body,
  );
}

export interface Fixture {
  /**
   * Starts `roundtable run <table> --base-url <server> --model markov …extra`, or offline
   * `roundtable run <table> …extra` (the built-in model in the process, at its own pace).
   */
  start(extra: readonly string[], options?: Omit<TerminalRunOptions, 'args'>): Promise<TerminalRun>;
}

/** Turns slow enough to press keys in: ~30 tokens/s makes a Markov reply last a second or more. */
export function useFixture(
  server: StartDummyServerOptions | 'offline' = { tokensPerSecond: 30 },
  seats = 3,
  /** Written to the table's roundtable.config.json. */
  config?: Readonly<Record<string, unknown>>,
  /** Added to each seat's role file, in seat order. */
  seatFields: readonly Readonly<Record<string, unknown>>[] = [],
): Fixture {
  let dummy: DummyServer | undefined;
  let tableDir: string | undefined;
  const runs: TerminalRun[] = [];

  beforeAll(async () => {
    if (server !== 'offline') {
      dummy = await startDummyServer({ host: '127.0.0.1', port: 0, logLevel: 'silent', ...server });
    }
    tableDir = writeTable(
      await mkdtemp(join(tmpdir(), 'roundtable-tui-table-')),
      seats,
      seatFields,
    );
    if (config !== undefined) {
      await writeFile(join(tableDir, 'roundtable.config.json'), JSON.stringify(config));
    }
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((run) => run.close()));
  });
  afterAll(async () => {
    await dummy?.close();
    if (tableDir !== undefined) await rm(tableDir, { recursive: true, force: true });
  });

  return {
    async start(extra, options = {}) {
      if (tableDir === undefined || (server !== 'offline' && dummy === undefined)) {
        throw new Error('fixture not ready');
      }
      const run = await TerminalRun.start({
        ...options,
        args: [
          tableDir,
          ...(dummy === undefined ? [] : ['--base-url', dummy.url, '--model', 'markov']),
          // Only the moderator changes topics or invites opinions, so the screen and the events
          // show what the test did and nothing else.
          '--topic-change-every',
          '100000',
          '--ask-opinion-every',
          '100000',
          ...extra,
        ],
      });
      runs.push(run);
      return run;
    },
  };
}
