import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, RoundtableError } from '../errors.js';

const MAX_SLUG = 40;

/** Lowercase ASCII words joined by '-', at most 40 characters, cut at a word boundary if one is near. */
export function slugify(text: string): string {
  const ascii = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    slug = slug.slice(0, MAX_SLUG + 1);
    const lastBreak = slug.lastIndexOf('-');
    slug = lastBreak >= MAX_SLUG / 2 ? slug.slice(0, lastBreak) : slug.slice(0, MAX_SLUG);
    slug = slug.replace(/-+$/, '');
  }
  return slug === '' ? 'discussion' : slug;
}

/** `YYYYMMDD-HHMMSS` in local time: the folder names a person sorts and recognises. */
export function timestampName(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`
  );
}

/**
 * Creates `root/name`, or `root/name-2`, `-3`… when it exists. A non-recursive mkdir either
 * creates the folder or fails with EEXIST, so two runs started in the same second never share one.
 */
export async function createUniqueDir(root: string, name: string): Promise<string> {
  try {
    await mkdir(root, { recursive: true });
    for (let n = 1; n <= 10_000; n++) {
      const dir = join(root, n === 1 ? name : `${name}-${n}`);
      try {
        await mkdir(dir);
        return dir;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('every numbered name is taken');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const advice = 'Choose another folder with --out, or skip transcripts with --no-transcript.';
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      // `--out` names a file (or a path through one): the user's input, not a failure.
      throw new InputError(
        `--out ${root}: ${code === 'EEXIST' ? 'is a file, not a folder' : 'a part of this path is a file, not a folder'}. ${advice}`,
        root,
        { cause: error },
      );
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new InputError(
        `--out ${root}: cannot create a transcript folder there (${code}). ${advice}`,
        root,
        { cause: error },
      );
    }
    throw new RoundtableError(
      `Cannot create a transcript folder in ${root}: ${(error as Error).message}. ${advice}`,
      undefined,
      { cause: error },
    );
  }
}
