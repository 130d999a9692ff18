import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { LOCK_FILE, lockTranscript } from './lock.js';
import { DEAD_PID, leaveStaleLock } from './test-utils/stale-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockPath = () => join(dir, LOCK_FILE);
const holder = () =>
  JSON.parse(readFileSync(lockPath(), 'utf8')) as { pid: number; command: string };

describe('lockTranscript', () => {
  it('takes the lock, names its holder in it, and removes it on release', () => {
    const lock = lockTranscript(dir, 'run');
    expect(holder()).toMatchObject({ pid: process.pid, command: 'run' });
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
    lock.release();
  });

  it('releases every lock it holds when the process exits, through one exit listener', () => {
    const before = process.listenerCount('exit');
    const dirs = Array.from({ length: 20 }, () => mkdtempSync(join(dir, 'run-')));
    const locks = dirs.map((d) => lockTranscript(d, 'batch'));
    // Twenty discussions of a batch at once: Node warns from the eleventh listener on.
    expect(process.listenerCount('exit')).toBe(before + 1);
    const exit = process.listeners('exit').at(-1) as () => void;
    locks[0]?.release();
    exit();
    for (const d of dirs) expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('refuses a second writer with exit code 2, naming the holder', () => {
    const lock = lockTranscript(dir, 'resume');
    try {
      lockTranscript(dir, 'resume');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(
        new RegExp(`being written by roundtable resume \\(pid ${process.pid}, since`),
      );
    }
    lock.release();
  });

  it('takes over a lock whose process is gone', () => {
    leaveStaleLock(dir);
    expect(holder().pid).toBe(DEAD_PID);
    const lock = lockTranscript(dir, 'resume');
    expect(holder()).toMatchObject({ pid: process.pid, command: 'resume' });
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (a reused pid)', () => {
    writeFileSync(
      lockPath(),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        command: 'run',
        since: '',
        processStart: -1,
        nonce: 'old',
      }),
    );
    const lock = lockTranscript(dir, 'resume');
    expect(holder()).toMatchObject({ command: 'resume' });
    lock.release();
  });

  it("takes over an unreadable lock file, and leaves another process's lock alone on release", () => {
    writeFileSync(lockPath(), 'garbage');
    const lock = lockTranscript(dir, 'run');
    // Someone deleted our lock and another writer took the folder: our release must not remove it.
    rmSync(lockPath());
    const other = lockTranscript(dir, 'resume');
    lock.release();
    expect(holder().command).toBe('resume');
    other.release();
  });

  it('presumes a lock from another host alive', () => {
    writeFileSync(
      lockPath(),
      JSON.stringify({
        pid: DEAD_PID,
        host: 'elsewhere',
        command: 'run',
        since: 'then',
        nonce: 'x',
      }),
    );
    expect(() => lockTranscript(dir, 'resume')).toThrow(/pid 99999999 on elsewhere/);
  });
});
