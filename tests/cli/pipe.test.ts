// `roundtable run … | head`: a reader that stops early must end the run quietly and cleanly, as
// with any Unix tool — no stack trace, the transcript closed, the exit code of an interrupted run.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ensureBuilt, ROOT, withTempDir } from '../helpers/cli.js';
import { dummyServerPerFile } from '../helpers/dummy-server.js';

const exec = promisify(execFile);

// Paced, so the run is still talking (and writing) long after head has had its lines.
const serverUrl = dummyServerPerFile({ tokensPerSecond: 200 });

/** Runs `roundtable run <args> | head -<lines>` in bash; returns head's output, the run's code. */
async function throughHead(args: readonly string[], lines: number) {
  ensureBuilt();
  const script = `"$0" "$1" run "\${@:2}" | head -${lines}; echo "exit=\${PIPESTATUS[0]}" >&2`;
  const { stdout, stderr } = await exec(
    'bash',
    ['-c', script, process.execPath, BIN, ...args, '--base-url', serverUrl(), '--model', 'markov'],
    { cwd: ROOT, env: cleanEnv() },
  );
  const code = Number(/exit=(\d+)/.exec(stderr)?.[1]);
  return { stdout, stderr: stderr.replace(/exit=\d+\n?$/, ''), code };
}

async function records(out: string): Promise<{ type: string; reason?: string }[]> {
  const [name] = await readdir(out);
  const text = await readFile(join(out, name as string, 'events.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; reason?: string });
}

describe('a closed pipe', () => {
  it('`run --json | head -3` ends quietly: three lines, exit 130, the transcript ended', async () => {
    await withTempDir(async (out) => {
      const result = await throughHead(['--json', '--turns', '20', '--out', out], 3);
      expect(result.stdout.trim().split('\n')).toHaveLength(3);
      expect(result.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
      expect(result.code).toBe(130);
      const all = await records(out);
      expect(all.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
    });
  });

  it('`run --plain | head -5` ends quietly with the transcript.md closed as interrupted', async () => {
    await withTempDir(async (out) => {
      const result = await throughHead(['--plain', '--turns', '20', '--out', out], 5);
      expect(result.stdout.trim().split('\n')).toHaveLength(5);
      expect(result.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
      expect(result.stderr).toContain('Transcript: ');
      expect(result.code).toBe(130);
      const all = await records(out);
      expect(all.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
      const [name] = await readdir(out);
      const markdown = await readFile(join(out, name as string, 'transcript.md'), 'utf8');
      expect(markdown).toContain('The run was interrupted after');
    });
  });
});
