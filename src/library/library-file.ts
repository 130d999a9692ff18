// The run library's SQLite file: opened with its schema current (created, migrated, or made
// afresh for a version this roundtable has no migration from), and set aside when damaged.
import { renameSync, rmSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema.js';
import { isCorruption, openDatabase, transaction } from './sqlite.js';

/**
 * Why the library must be filled from the transcript folders: its file was just created (it is
 * new, or was deleted), replaced (made by a version with no migration to this one), or set aside
 * as damaged.
 */
export type FillReason = 'created' | 'replaced' | 'damaged';

/**
 * Fills a library that has just been made empty. It runs inside the write transaction that made
 * it so: only one process ever fills a library, and no other process's live run can write to it
 * first (a second run, filling afterwards from a transcript it is still writing, would delete the
 * turns that run had indexed and put back only what its file held so far).
 */
export type Fill = (db: DatabaseSync, reason: FillReason) => void;

/** Opens the file with its schema current; `fill` is called when it was made empty. */
export function openLibraryFile(
  path: string,
  busyTimeoutMs: number | undefined,
  fill: Fill,
): DatabaseSync {
  try {
    const db = openDatabase(path, busyTimeoutMs);
    try {
      ensureSchema(db, (reason) => fill(db, reason));
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    if (!isCorruption(error)) throw error;
    return reopenDamaged(path, busyTimeoutMs, fill);
  }
}

/** Sets a damaged file aside and opens a fresh one in its place, filled as `damaged`. */
export function reopenDamaged(
  path: string,
  busyTimeoutMs: number | undefined,
  fill: Fill,
): DatabaseSync {
  quarantine(path);
  const db = openDatabase(path, busyTimeoutMs);
  // Another process may have set it aside and filled the fresh one first: then no fill here.
  ensureSchema(db, () => fill(db, 'damaged'));
  return db;
}

/**
 * Creates the tables in a new file and migrates an older library in place; for a version it
 * has no migration from (a newer roundtable's), drops and recreates them. Either way the
 * library is then empty, and `fill` is called in the same write transaction.
 */
export function ensureSchema(
  db: DatabaseSync,
  fill: (reason: 'created' | 'replaced') => void,
): void {
  const versionOf = () =>
    (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (versionOf() === SCHEMA_VERSION) return;
  transaction(db, () => {
    // Checked again under the write lock: another process may have just created or migrated it.
    let version = versionOf();
    if (version === SCHEMA_VERSION) return;
    if (version === 0) {
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      fill('created');
      return;
    }
    for (let step = MIGRATIONS[version]; step !== undefined; step = MIGRATIONS[version]) {
      step(db);
      version += 1;
    }
    if (version !== SCHEMA_VERSION) {
      for (const name of ['passages_fts', 'passages', 'seats', 'runs']) {
        db.exec(`DROP TABLE IF EXISTS ${name}`);
      }
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      fill('replaced');
      return;
    }
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}

/** Moves a damaged file aside (kept for a bug report) so that a fresh one can take its place. */
export function quarantine(path: string): void {
  const aside = `${path}.damaged-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    rmSync(path, { force: true });
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
