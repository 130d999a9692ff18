import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { createUniqueDir, slugify, timestampName } from './slug.js';

describe('slugify', () => {
  it('makes lowercase ASCII words joined by dashes', () => {
    expect(slugify('Should cities ban cars?')).toBe('should-cities-ban-cars');
    expect(slugify('  Café crème & naïve  Ideen: Über-Fragen! ')).toBe(
      'cafe-creme-naive-ideen-uber-fragen',
    );
  });

  it('keeps at most 40 characters, cutting at a word boundary', () => {
    const slug = slugify(
      'What would a fair and sustainable transport policy for small towns look like?',
    );
    expect(slug).toBe('what-would-a-fair-and-sustainable');
    expect(slug.length).toBeLessThanOrEqual(40);
    const unbroken = slugify('x'.repeat(60));
    expect(unbroken).toBe('x'.repeat(40));
  });

  it('falls back to a fixed word when nothing ASCII is left', () => {
    expect(slugify('日本語の質問')).toBe('discussion');
    expect(slugify('???')).toBe('discussion');
  });
});

describe('timestampName', () => {
  it('formats local time as YYYYMMDD-HHMMSS', () => {
    expect(timestampName(new Date(2026, 0, 5, 9, 3, 7))).toBe('20260105-090307');
    expect(timestampName(new Date(2026, 11, 31, 23, 59, 58))).toBe('20261231-235958');
  });
});

describe('createUniqueDir', () => {
  let root = '';
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('creates missing parents and numbers collisions -2, -3', async () => {
    root = await mkdtemp(join(tmpdir(), 'rt-slug-'));
    const parent = join(root, 'nested', 'transcripts');
    const names = [];
    for (let i = 0; i < 3; i++) names.push(basename(await createUniqueDir(parent, 'run')));
    expect(names).toEqual(['run', 'run-2', 'run-3']);
  });

  it('explains a folder it cannot create, with the flags that help', async () => {
    root = await mkdtemp(join(tmpdir(), 'rt-slug-'));
    // A file where the parent folder should be.
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(root, 'taken'), '');
    // `--out` naming a file is the user's input: exit code 2, with the flags that help.
    const error = await createUniqueDir(join(root, 'taken'), 'run').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(
      /--out .*taken: is a file, not a folder.*--no-transcript/,
    );
    const below = await createUniqueDir(join(root, 'taken', 'sub'), 'run').catch((e: unknown) => e);
    expect((below as InputError).exitCode).toBe(2);
  });
});
