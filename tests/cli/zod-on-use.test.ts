// The bundle loads zod (dist/zod.cjs) only when a schema is first built (scripts/build.ts,
// zodOnUse; every schema is built on first use): a discussion with nothing to check builds none,
// and importing zod's chunk was ~20-25 ms of its start. A check that needs zod still gets its words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, withTempDir } from '../helpers/cli.js';

const WATCH = pathToFileURL(join(ROOT, 'tests', 'helpers', 'watch-zod.mjs')).href;

async function run(dir: string, args: readonly string[]) {
  const report = join(dir, 'report.json');
  const result = await runCli(args, {
    env: { NODE_OPTIONS: `--import=${WATCH}`, WATCH_REPORT: report },
  });
  const { zod } = JSON.parse(readFileSync(report, 'utf8')) as { zod: boolean };
  return { ...result, zod };
}

describe('zod in the bundle', () => {
  // The example table as `npx roundtable run` holds it (a setting given as a flag is checked).
  it('is not loaded by an offline discussion that writes its transcript', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      const result = await run(dir, ['run', '--plain', '--out', out]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Finished: 10 turns');
      expect(result.zod).toBe(false);
    });
  });

  it('is loaded, and words the problem, when a setting has to be checked', async () => {
    await withTempDir(async (dir) => {
      const result = await run(dir, ['run', '--plain', '--turns', '0', '--no-transcript']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--turns: expected a whole number from 1 to 10000, got "0"');
      expect(result.zod).toBe(true);
    });
  });
});
