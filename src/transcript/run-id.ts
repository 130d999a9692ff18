import { createHash, randomBytes } from 'node:crypto';

/** A run's id: 12 hex digits, recorded in its first `run` record; any unique prefix names it. */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * The id of a run recorded before runs had ids: derived from what its first record holds and
 * never changes, so the library gives it the same id wherever the folder is moved.
 */
export function derivedRunId(first: {
  readonly startedAt: string;
  readonly title: string;
  readonly tableDir: string;
}): string {
  return createHash('sha256')
    .update(`${first.startedAt}\0${first.title}\0${first.tableDir}`)
    .digest('hex')
    .slice(0, 12);
}
