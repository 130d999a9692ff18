import { DatabaseSync } from 'node:sqlite';

// SQLite's primary result codes that mean the file itself is damaged or is not a database.
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

function primaryCode(error: unknown): number | undefined {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
}

/** The library file is damaged (or was never a database): rebuild it, do not report a bug. */
export function isCorruption(error: unknown): boolean {
  const code = primaryCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

export function isBusy(error: unknown): boolean {
  const code = primaryCode(error);
  return code === SQLITE_BUSY || code === SQLITE_LOCKED;
}

/**
 * Opens a database for several processes at once: WAL lets readers run beside the one writer,
 * and a writer waits (busy_timeout) for another's transaction rather than failing.
 */
export function openDatabase(path: string, busyTimeoutMs = 15_000): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    db.exec('PRAGMA journal_mode = WAL');
    // In WAL mode NORMAL keeps the database consistent through a crash; the last transactions
    // may be lost, which the transcript folders (the record) make good on reindex.
    db.exec('PRAGMA synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Runs `body` in a write transaction. BEGIN IMMEDIATE takes the write lock up front, so two
 * processes wait for each other (busy_timeout) instead of failing when a read turns into a write.
 */
export function transaction<T>(db: DatabaseSync, body: () => T): T {
  if (db.isTransaction) return body();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
