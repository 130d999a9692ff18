import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { waitFor } from '../tui/waits.js';

describe('the web flags and serve on the command line', () => {
  it('names a bad --web port or a missing serve folder, exit code 2', async () => {
    const bad = await runCli(['run', '--web', 'eighty', '--plain', '--no-transcript']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--web: expected a whole number from 0 to 65535, got "eighty"');
    await withTempDir(async (root) => {
      const missing = await runCli(['serve', join(root, 'nope')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('folder not found');
      const port = await runCli(['serve', root, '--port', '-1']);
      expect(port.code).toBe(2);
      expect(port.stderr).toContain('--port');
    });
  });

  it('run --web says where the read-only page is and serves it while the discussion runs', async () => {
    await withTempDir(async (root) => {
      const table = writeTable(join(root, 'table'));
      const run = spawnCli(['run', table, '--plain', '--turns', '500', '--no-transcript', '--web']);
      let stderr = '';
      run.child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const url = await waitFor(
        () => /Web view, read-only: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(stderr)?.[1],
        'the URL',
        30_000,
        () => stderr,
      );
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('data-events="/events"');
      // Ctrl-C ends the discussion cleanly, and the web server with it.
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code, result.stderr).toBe(130);
      expect(stderr).not.toContain('token=');
      await expect(fetch(url)).rejects.toThrow();
    });
  });

  it('serve lists the runs and stops on SIGTERM', async () => {
    await withTempDir(async (root) => {
      const table = writeTable(join(root, 'table'));
      const out = join(root, 'runs');
      const run = await runCli(['run', table, '--plain', '--turns', '2', '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const serve = spawnCli(['serve', out]);
      let stderr = '';
      serve.child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const url = await waitFor(
        () => / at (http:\/\/\S+) /.exec(stderr)?.[1],
        'the URL',
        30_000,
        () => stderr,
      );
      const list = (await (await fetch(`${url}api/runs`)).json()) as { runs: { title: string }[] };
      expect(list.runs.map((r) => r.title)).toEqual(['Park, housing or tram?']);
      serve.child.kill('SIGTERM');
      expect((await serve.done).code).toBe(0);
    });
  });
});
