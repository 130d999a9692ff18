import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleTableDir } from '../../config/example-table.js';
import { loadTable } from '../../config/load-table.js';
import { InputError } from '../../errors.js';
import { initCommand } from './init.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-init-'));
  dirs.push(dir);
  return dir;
}

const quiet = { write: () => true };

describe('roundtable init', () => {
  it('--markdown writes the example personas as roleN.md, and the table loads the same', async () => {
    const dir = await freshDir();
    expect(await initCommand(dir, { markdown: true }, quiet)).toBe(0);
    const files = (await readdir(join(dir, 'participants'))).sort();
    expect(files.filter((f) => f.startsWith('role'))).toEqual([
      'role1.md',
      'role2.md',
      'role3.md',
      'role4.md',
    ]);
    const written = await loadTable(dir);
    const example = await loadTable(exampleTableDir());
    expect(written.table).toEqual(example.table);
    expect(written.warnings).toEqual(example.warnings);
  });

  it('writes JSON personas by default and refuses to overwrite without --force', async () => {
    const dir = await freshDir();
    await initCommand(dir, {}, quiet);
    expect(
      (await readdir(join(dir, 'participants'))).filter((f) => f.endsWith('.json')),
    ).toHaveLength(4);
    expect((await loadTable(dir)).table).toEqual((await loadTable(exampleTableDir())).table);
    // A new table gets the moderator's fair turns; the example itself keeps the original rule.
    expect((await loadTable(dir)).config).toMatchObject({ speakerPolicy: 'fair' });
    const again = await initCommand(dir, {}, quiet).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(InputError);
    // The folder and the table's top-level entries, not the eleven files' full paths.
    expect((again as Error).message).toBe(
      `${dir} already holds participants/, task/, roundtable.config.json; nothing was written (use --force to overwrite)`,
    );
  });
});

describe('roundtable init: the settings a new table starts with', () => {
  it('writes roundtable.config.json with closing positions on, which the loader accepts', async () => {
    const dir = await freshDir();
    expect(await initCommand(dir, {}, quiet)).toBe(0);
    const loaded = await loadTable(dir);
    expect(loaded.config).toMatchObject({ closing: true });
    await expect(initCommand(dir, {}, quiet)).rejects.toThrow(/roundtable\.config\.json/);
  });
});
