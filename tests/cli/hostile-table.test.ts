// A hostile or broken table through the real CLI: exit code 2 naming the file, no stack trace, no
// hang; and validate refuses whatever run refuses.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BIN,
  cleanEnv,
  ensureBuilt,
  ROOT,
  runCli,
  withTempDir,
  writeTable,
} from '../helpers/cli.js';

function expectUsageError(result: { code: number | null; stderr: string }, ...parts: string[]) {
  expect(result.code, result.stderr).toBe(2);
  for (const part of parts) expect(result.stderr).toContain(part);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

const NOBODY = 65_534;

/** `roundtable <args>` as an unprivileged user: root reads any file, so EACCES needs another uid. */
function runUnprivileged(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  ensureBuilt();
  const asRoot = process.getuid?.() === 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('unreadable tables', () => {
  it('an unreadable table folder or participants folder exits 2 saying so, not "not found"', async () => {
    await withTempDir(async (tmp) => {
      // The test folder itself must be open to the unprivileged user.
      await chmod(tmp, 0o755);
      const table = writeTable(join(tmp, 'table'), 2);
      await chmod(join(table, 'participants'), 0o000);
      const participants = await runUnprivileged(['validate', table]);
      expectUsageError(participants, `${table}/participants/: cannot be read (permission denied)`);
      await chmod(join(table, 'participants'), 0o755);
      await chmod(table, 0o000);
      const root = await runUnprivileged(['validate', table]);
      expectUsageError(root, `${table}: the table folder cannot be read (permission denied)`);
      expect(root.stderr).not.toContain('not found');
      await chmod(table, 0o755);
    });
  });
});

describe('a table that would hang or flood', () => {
  it('a YAML alias bomb exits 2 naming the file, quickly', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      const lines = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (const [name, prev] of [
        ['b', 'a'],
        ['c', 'b'],
        ['d', 'c'],
        ['e', 'd'],
        ['f', 'e'],
        ['g', 'f'],
        ['h', 'g'],
        ['i', 'h'],
      ]) {
        lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      lines.push('---', '# Poet: Eino Leino', '', 'You are Eino.');
      await writeFile(join(table, 'participants', 'role3.md'), lines.join('\n'));
      expectUsageError(await runCli(['validate', table]), 'role3.md:3:', 'YAML alias *a');
    });
  });
});

describe('validate runs every check run does', () => {
  it('a context window smaller than the reply budget', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      await writeFile(join(table, 'roundtable.config.json'), JSON.stringify({ contextTokens: 10 }));
      const message = 'contextTokens (from';
      expectUsageError(await runCli(['validate', table]), message, 'cannot hold a reply');
      expectUsageError(await runCli(['run', table, '--plain', '--no-transcript']), message);
    });
  });

  it("a context too large for the offline model's request limit", async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      await writeFile(join(table, 'task', 'context.txt'), 'word '.repeat(200_000));
      const args = ['--max-file-bytes', '2000000'];
      const message = 'runs on the offline Markov model, which takes requests up to 1 MB';
      expectUsageError(
        await runCli(['validate', table, ...args]),
        message,
        'task/context.txt 976.6 KB',
      );
      expectUsageError(
        await runCli(['run', table, '--plain', '--no-transcript', ...args]),
        message,
      );
    });
  });
});

describe('run --out', () => {
  it('naming an existing file exits 2 and leaves the file alone', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      const file = join(tmp, 'notes.txt');
      await writeFile(file, 'mine');
      expectUsageError(
        await runCli(['run', table, '--plain', '--out', file]),
        `--out ${file}: is a file`,
      );
      expect(await readFile(file, 'utf8')).toBe('mine');
    });
  });
});

describe('batch reads tables as run does', () => {
  it('honours ROUNDTABLE_MAX_FILE_BYTES and ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      await mkdir(join(tmp, 'shared'));
      await writeFile(join(tmp, 'shared', 'context.txt'), 'A context shared between my tables.');
      await symlink(join(tmp, 'shared', 'context.txt'), join(table, 'task', 'summarize.txt'));
      const grid = join(tmp, 'grid.json');
      await writeFile(grid, JSON.stringify({ tables: [table], seeds: [1] }));
      const batch = (env: Record<string, string>) =>
        runCli(['batch', grid, '--out', join(tmp, 'b'), '--dry-run'], {
          env: { ROUNDTABLE_HOME: join(tmp, 'home'), ...env },
        });
      expectUsageError(
        await batch({}),
        'summarize.txt',
        'outside the table',
        'ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS',
      );
      const followed = await batch({ ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS: '1' });
      expect(followed.code, followed.stderr).toBe(0);
      expectUsageError(
        await batch({ ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS: '1', ROUNDTABLE_MAX_FILE_BYTES: '20' }),
        'task/context.txt: is 51 bytes, more than the 20 bytes a table file may have',
      );
    });
  }, 60_000);
});
