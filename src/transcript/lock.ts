// One writer per transcript folder. `run` and `resume` hold `roundtable.lock` in the folder while
// they write it, so two resumes of one folder cannot both run (and spend every token twice). The
// lock names its holder (pid, host, command, start); a lock whose process is gone (kill -9, a
// crash, a reboot) is stale and taken over. Creation is atomic (O_EXCL); a takeover moves the
// stale file aside under a name of its own and checks that what it moved is what it judged stale,
// so two processes taking over at once cannot both win.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError, RoundtableError } from '../errors.js';

export const LOCK_FILE = 'roundtable.lock';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** `run` or `resume`. */
  readonly command: string;
  readonly since: string;
  /** The process's start time in clock ticks since boot (Linux), which a reused pid does not share. */
  readonly processStart?: number | undefined;
  readonly nonce: string;
}

export interface TranscriptLock {
  readonly path: string;
  /** Removes the lock if it is still ours. Idempotent. */
  release(): void;
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. */
function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const value = Number(fields[19]);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Another machine's process (a shared folder) cannot be checked: it is presumed alive.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (holder.processStart === undefined) return true;
  const start = processStart(holder.pid);
  return start === undefined || start === holder.processStart;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.nonce !== 'string') return undefined;
    return {
      pid: value.pid,
      host: String(value.host ?? ''),
      command: String(value.command ?? 'roundtable'),
      since: String(value.since ?? ''),
      processStart: typeof value.processStart === 'number' ? value.processStart : undefined,
      nonce: value.nonce,
    };
  } catch {
    return undefined;
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function describe(holder: LockHolder): string {
  const where =
    holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return `roundtable ${holder.command} (${where}, since ${holder.since})`;
}

/**
 * Takes the folder's lock for `command`, or throws an InputError (exit 2) naming the process
 * that holds it. A stale lock is taken over.
 */
export function lockTranscript(dir: string, command: string): TranscriptLock {
  const path = join(dir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: new Date().toISOString(),
    processStart: processStart(process.pid),
    nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${JSON.stringify(holder)}\n`);
      } finally {
        closeSync(fd);
      }
      return ownLock(path, holder.nonce);
    } catch (error) {
      if (code(error) !== 'EEXIST') {
        throw new RoundtableError(`Cannot lock ${dir}: ${(error as Error).message}`, undefined, {
          cause: error,
        });
      }
    }
    const current = readHolder(path);
    if (current !== undefined && isAlive(current)) {
      throw new InputError(
        `${dir} is being written by ${describe(current)}; wait for it to finish or stop it (if that process is gone, delete ${path})`,
        path,
      );
    }
    takeOver(path, current);
  }
  throw new InputError(`${dir}: could not take its lock (${path}); try again`, path);
}

/** Moves a stale lock aside; puts back a lock that turned out to be fresh after all. */
function takeOver(path: string, stale: LockHolder | undefined): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved !== undefined && moved.nonce !== stale?.nonce) {
    // Another process took the stale lock over between our read and our rename: give it back.
    try {
      linkSync(aside, path);
    } catch {
      // A third lock is there now; ours to lose, not to steal.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

/**
 * The locks this process holds, released together when it exits: a second Ctrl-C leaves with
 * process.exit(), and the locks go with it (kill -9 leaves them stale). One listener for all of
 * them: a batch holds a lock a running discussion, and a listener each made Node warn
 * (MaxListenersExceededWarning) from the eleventh on, over its progress display.
 */
const held = new Set<() => void>();
const releaseAll = (): void => {
  for (const release of [...held]) release();
};

function ownLock(path: string, nonce: string): TranscriptLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    held.delete(release);
    if (held.size === 0) process.off('exit', releaseAll);
    if (readHolder(path)?.nonce !== nonce) return;
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  if (held.size === 0) process.on('exit', releaseAll);
  held.add(release);
  return { path, release };
}
