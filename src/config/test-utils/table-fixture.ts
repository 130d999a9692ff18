import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { InputError } from '../../errors.js';

export type FixtureFiles = Record<string, string | Uint8Array | null>;

export function role(fields: Record<string, unknown>): string {
  return JSON.stringify(fields, null, 2);
}

/** A small valid table; tests override or delete (null) single files. */
export function validFiles(): FixtureFiles {
  return {
    'participants/role1.json': role({
      name: 'Ada',
      full_name: 'Ada Lovelace, mathematician',
      creativity: 0.3,
      prompt: 'You are Ada.',
    }),
    'participants/role2.json': role({
      name: 'Alan',
      full_name: 'Alan Turing, logician',
      prompt: 'You are Alan.',
    }),
    'task/context.txt': 'A question of machines.\nSecond line.\n',
    'task/instructions.txt': 'Speak briefly.\n',
    'task/questions.txt': '# topics\n\nCan machines think?\nShould they?\n',
  };
}

const created: string[] = [];

/** Writes the files into a fresh temporary folder; `null` leaves a file out. */
export async function writeTable(
  overrides: FixtureFiles = {},
  base = validFiles(),
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-table-'));
  created.push(dir);
  for (const [relative, content] of Object.entries({ ...base, ...overrides })) {
    if (content === null) continue;
    const path = join(dir, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return dir;
}

export async function removeTables(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Awaits a rejection and checks it is a user-facing InputError (exit 2, no stack in the text). */
export async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const input = error as InputError;
  expect(input.exitCode).toBe(2);
  expect(input.message).not.toMatch(/\n\s+at /);
  return input;
}
