import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../lock.js';

/** No process has this pid (Linux pids stay below 2^22). */
export const DEAD_PID = 99_999_999;

/**
 * What a kill -9 leaves behind: the folder's lock, naming a process that is gone. Tests that
 * simulate a crash in-process (a writer never closed) call this before resuming.
 */
export function leaveStaleLock(dir: string): void {
  writeFileSync(
    join(dir, LOCK_FILE),
    `${JSON.stringify({ pid: DEAD_PID, host: hostname(), command: 'run', since: new Date(0).toISOString(), nonce: 'crashed' })}\n`,
  );
}
