// The run library's SQLite file: opened with its schema current (created, migrated, or made
// afresh for a version this roundtable has no migration from), and set aside when damaged.
import { renameSync, rmSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema.js';
import { isCorruption, openDatabase, transaction } from './sqlite.js';

/**
 * Opens the file; `rebuild` says why the caller must index the transcript folders again (the
 * file was damaged and set aside, or made by another version), undefined when it need not.
 */
export function openLibraryFile(
  path: string,
  busyTimeoutMs: number | undefined,
): { db: DatabaseSync; rebuild?: string | undefined } {
  try {
    const db = openDatabase(path, busyTimeoutMs);
    try {
      if (ensureSchema(db)) {
        return { db, rebuild: `the run library ${path} was made by another version` };
      }
      return { db };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    if (!isCorruption(error)) throw error;
    quarantine(path);
    const db = openDatabase(path, busyTimeoutMs);
    ensureSchema(db);
    return { db, rebuild: `the run library ${path} was damaged` };
  }
}

/**
 * Creates the tables in a new file and migrates an older library in place; for a version it
 * has no migration from (a newer roundtable's), drops and recreates them: true when the
 * caller must then rebuild the library from the transcript folders.
 */
export function ensureSchema(db: DatabaseSync): boolean {
  const versionOf = () =>
    (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (versionOf() === SCHEMA_VERSION) return false;
  return transaction(db, () => {
    // Checked again under the write lock: another process may have just created or migrated it.
    let version = versionOf();
    if (version === SCHEMA_VERSION) return false;
    if (version === 0) {
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      return false;
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
    }
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    return version !== SCHEMA_VERSION;
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
