// `npm run build` while CLIs run from dist/ (the first `npx roundtable` in a checkout runs it, as
// npm's prepare): dist/ keeps a whole build throughout, and a discussion started meanwhile runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../helpers/cli.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scripts/build.ts', () => {
  it('keeps a whole build in dist/ while it builds, so a run started meanwhile runs', async () => {
    ensureBuilt();
    const entry = join(ROOT, 'dist', 'roundtable.js');
    const build = spawn(process.execPath, [join(ROOT, 'scripts', 'build.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    build.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const built = new Promise<number | null>((resolve) => build.on('close', resolve));
    let building = true;
    void built.then(() => {
      building = false;
    });
    let looks = 0;
    let missing = 0;
    const runs: Promise<{ code: number | null; stderr: string }>[] = [];
    let running = false;
    while (building) {
      looks += 1;
      if (!existsSync(entry)) missing += 1;
      // A short offline discussion (it loads the bundle's chunks) started as soon as the last one
      // ended: one at a time, so that on a loaded machine runs do not pile up and slow the build.
      if (!running) {
        running = true;
        const run = runCli(['run', '--plain', '--turns', '2', '--no-summary', '--no-transcript']);
        void run.then(() => {
          running = false;
        });
        runs.push(run);
      }
      await sleep(5);
    }
    expect(await built, stderr).toBe(0);
    expect(missing, `dist/roundtable.js missing at ${missing} of ${looks} looks`).toBe(0);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of await Promise.all(runs)) expect(run.code, run.stderr).toBe(0);
  }, 90_000);
});
