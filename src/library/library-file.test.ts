import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { type FillReason, openLibraryFile } from './library-file.js';
import { SCHEMA_VERSION } from './schema.js';
import { openDatabase } from './sqlite.js';
import { testLibraries } from './test-utils/libraries.js';

const libs = testLibraries();

/** Whether another connection could take the write lock right now (no waiting). */
function writable(path: string): boolean {
  const other = openDatabase(path, 0);
  try {
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    return true;
  } catch (error) {
    expect((error as Error).message).toMatch(/locked|busy/i);
    return false;
  } finally {
    other.close();
  }
}

describe('a library file made empty', () => {
  it('is filled once, by the connection that created it, under its write lock', () => {
    const path = join(libs.home.root, 'library.db');
    const fills: { reason: FillReason; othersCouldWrite: boolean }[] = [];
    const open = () =>
      openLibraryFile(path, 1_000, (_db, reason) => {
        fills.push({ reason, othersCouldWrite: writable(path) });
      });
    const first = open();
    const second = open();
    // Another process's live run could otherwise index turns between the file's creation and
    // the fill, and the fill would delete them (two runs at once lost a run's first turns).
    expect(fills).toEqual([{ reason: 'created', othersCouldWrite: false }]);
    for (const db of [first, second]) db.close();
  });

  it('is filled when made by a version it cannot migrate from, once', () => {
    const path = join(libs.home.root, 'library.db');
    const old = openDatabase(path);
    old.exec('CREATE TABLE runs (id TEXT)');
    old.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 7}`);
    old.close();
    const fills: FillReason[] = [];
    const dbs: DatabaseSync[] = [];
    for (let i = 0; i < 2; i += 1) {
      dbs.push(
        openLibraryFile(path, 1_000, (_db, reason) => {
          expect(writable(path)).toBe(false);
          fills.push(reason);
        }),
      );
    }
    expect(fills).toEqual(['replaced']);
    for (const db of dbs) db.close();
  });
});
