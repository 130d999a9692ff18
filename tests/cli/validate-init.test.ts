import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../helpers/cli.js';

describe('roundtable init and validate', () => {
  it('init writes a table that validates, and refuses to overwrite it', async () => {
    await withTempDir(async (dir) => {
      const init = await runCli(['init', dir]);
      expect(init.code).toBe(0);
      // A folder outside the working one is shown as given, never as ../../..
      expect(init.stdout).toContain(`npx roundtable run ${dir}\n`);
      expect(init.stdout).not.toContain('../');
      expect(
        (await readdir(join(dir, 'participants'))).filter((f) => f.endsWith('.json')).length,
      ).toBe(4);
      expect(await readdir(join(dir, 'task'))).toEqual(
        expect.arrayContaining(['context.txt', 'instructions.txt', 'questions.txt']),
      );

      const validate = await runCli(['validate', dir]);
      expect(validate.code).toBe(0);
      expect(validate.stdout).toContain('Margit');
      expect(validate.stdout).toContain('Larkhaven Branch');

      const edited = join(dir, 'task', 'context.txt');
      await writeFile(edited, 'my own context\n');
      const again = await runCli(['init', dir]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('--force');
      expect(await readFile(edited, 'utf8')).toBe('my own context\n');

      const forced = await runCli(['init', dir, '--force']);
      expect(forced.code).toBe(0);
      expect(await readFile(edited, 'utf8')).not.toBe('my own context\n');
    });
  });

  it('init shows a folder inside the working one relative to it, quoted where a shell would split it', async () => {
    await withTempDir(async (dir) => {
      const init = await runCli(['init', 'my table'], { cwd: dir });
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('Wrote an example table to my table:\n');
      expect(init.stdout).toContain(`  ${join('my table', 'task', 'questions.txt')}\n`);
      expect(init.stdout).toContain("npx roundtable run 'my table'\n");
      expect((await runCli(['validate', join(dir, 'my table')])).code).toBe(0);
    });
  });

  it('validate names the file and field at fault, exits 2 and prints no stack', async () => {
    await withTempDir(async (dir) => {
      await runCli(['init', dir]);
      const role = join(dir, 'participants', 'role2.json');
      const parsed = JSON.parse(await readFile(role, 'utf8')) as Record<string, unknown>;
      await writeFile(role, JSON.stringify({ ...parsed, creativity: 1.5 }));
      const result = await runCli(['validate', dir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('role2.json');
      expect(result.stderr).toContain('creativity');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('validate reports a missing table folder', async () => {
    const result = await runCli(['validate', '/nonexistent/table']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/table');
  });
});
