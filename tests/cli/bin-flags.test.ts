// bin/roundtable.js sets two V8 heap flags at run time for the commands that hold a discussion or
// serve for long. A flag set at run time changes the hash V8 checks code caches against, so a Node
// built-in loaded after it is compiled from source instead of taken from the node binary's cache
// (~100 M instructions of a 10-turn offline run when the flags came first). These runs watch the
// flags being set and the built-ins loaded after them (tests/helpers/watch-builtins.mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ensureBuilt, ROOT, withTempDir } from '../helpers/cli.js';

interface Report {
  readonly flags: readonly string[];
  /** Node's own modules loaded, in order. */
  readonly loaded: readonly string[];
  /** Node's own modules loaded after the first flag was set. */
  readonly afterFlags: readonly string[];
}

const WATCH = pathToFileURL(join(ROOT, 'tests', 'helpers', 'watch-builtins.mjs')).href;

function watched(
  dir: string,
  args: readonly string[],
): Promise<{ code: number | null; report: Report }> {
  ensureBuilt();
  const report = join(dir, 'report.json');
  const child = spawn(process.execPath, ['--import', WATCH, BIN, ...args], {
    cwd: ROOT,
    env: cleanEnv({ WATCH_REPORT: report }),
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, report: JSON.parse(readFileSync(report, 'utf8')) as Report }),
    );
  });
}

// What an offline discussion uses, and would compile from source if loaded after the flags.
const DISCUSSION_BUILTINS = [
  'crypto',
  'fs/promises',
  'os',
  'perf_hooks',
  'sqlite',
  'internal/fs/streams',
  'internal/crypto/webcrypto',
];
// What it does not use at all.
const NOT_LOADED = ['child_process', 'dgram', 'net', 'readline', 'worker_threads'];

describe('the V8 flags of bin/roundtable.js', () => {
  it('loads what a discussion uses before setting them', async () => {
    await withTempDir(async (dir) => {
      const { code, report } = await watched(dir, [
        'run',
        '--plain',
        '--turns',
        '2',
        '--no-summary',
        '--out',
        join(dir, 'out'),
      ]);
      expect(code).toBe(0);
      expect(report.flags).toEqual(['--semi-space-growth-factor=1', '--heap-growing-percent=50']);
      expect(report.afterFlags.filter((name) => DISCUSSION_BUILTINS.includes(name))).toEqual([]);
      // Nothing an offline discussion runs needs these; commander imported child_process, util
      // and process at its top, loading them and ~18 of Node's internal modules (scripts/build.ts).
      expect(report.loaded.filter((name) => NOT_LOADED.includes(name))).toEqual([]);
      // A handful of small internal modules still come after (69 before the list above).
      expect(report.afterFlags.length).toBeLessThan(20);
    });
  });

  it('sets none for a short command, so nothing it loads is compiled from source', async () => {
    await withTempDir(async (dir) => {
      for (const args of [['--help'], ['validate', '.']]) {
        const { code, report } = await watched(dir, args);
        expect(code, args.join(' ')).toBe(0);
        expect(report.flags, args.join(' ')).toEqual([]);
      }
    });
  });
});
