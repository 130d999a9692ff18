// A discussion compiles the modules it mostly runs whole as they load (src/compiled-whole.ts), with
// a V8 flag set only while each loads. Node's compile cache checks a module's cached code against
// the flags it was compiled under, so this holds only if every module loads under the same flags
// on every start: a second start must take all of its code from the cache, none of it rejected.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ensureBuilt, ROOT, withTempDir } from '../helpers/cli.js';

/** The compile cache's own account of one start (Node's NODE_DEBUG_NATIVE=COMPILE_CACHE). */
function cacheLog(dir: string, args: readonly string[]): Promise<string[]> {
  ensureBuilt();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: cleanEnv({
      NODE_COMPILE_CACHE: join(dir, 'cache'),
      NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`roundtable ${args.join(' ')} exited with ${code}`));
      else resolve(stderr.split('\n').filter((line) => line.startsWith('[compile cache]')));
    });
  });
}

/** What V8 said of each of roundtable's own modules it was given cached code for. */
function verdicts(log: readonly string[]): { accepted: string[]; rejected: string[] } {
  const of = (word: string) =>
    log
      .filter((line) => line.includes('/dist/') && line.includes(` was ${word}`))
      .map((line) => /\/dist\/([^ ]+)/.exec(line)?.[1] ?? line);
  return { accepted: of('accepted'), rejected: of('rejected') };
}

describe('the compile cache of a discussion', () => {
  it('gives a second start all of its code, none rejected for the flags it was compiled under', async () => {
    await withTempDir(async (dir) => {
      const args = ['run', '--plain', '--turns', '2', '--no-summary', '--out', join(dir, 'out')];
      const first = verdicts(await cacheLog(dir, args));
      expect(first.accepted).toEqual([]);
      const second = verdicts(await cacheLog(dir, args));
      expect(second.rejected).toEqual([]);
      // The entry, the run command's modules, the offline model and the transcript's writer.
      expect(second.accepted).toContain('roundtable.js');
      expect(second.accepted.length).toBeGreaterThan(40);
    });
  });
});
