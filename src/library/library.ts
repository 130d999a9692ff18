import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { RoundtableError } from '../errors.js';
import { EVENTS_FILE, parseEventsFile, type TranscriptRecord } from '../transcript/events-file.js';
import { FolderList } from './folders.js';
import { libraryPaths } from './home.js';
import { rebuildNote } from './rebuild-note.js';
import { RunIndexer, type RunStatus } from './run-indexer.js';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema.js';
import { isCorruption, openDatabase, transaction } from './sqlite.js';
import { LibraryStore } from './store.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface OpenLibraryOptions {
  readonly env?: Env | undefined;
  /**
   * Notices for a person (a rebuilt library, a write that failed): the commands give
   * `warnNotice` (src/cli/warn-notice.ts), a run its own list, said after the live view.
   */
  readonly warn?: ((message: string) => void) | undefined;
  /** How long a writer waits for another process's transaction. */
  readonly busyTimeoutMs?: number | undefined;
}

export interface SkippedFolder {
  readonly dir: string;
  readonly reason: string;
}

export interface IndexedRun {
  readonly id: string;
  readonly dir: string;
  readonly status: RunStatus;
}

/** Indexes one run as its transcript is written: give `observe` to the transcript writer. */
export interface LiveIndexer {
  readonly observe: (record: TranscriptRecord) => void;
  /** The run's id once its first record was seen. */
  readonly id: () => string | undefined;
  /** Writes the records a deferred indexer holds, in one transaction (nothing when none). */
  readonly flush: () => void;
}

export interface LiveIndexerOptions {
  /**
   * Hold the records until `flush`: one transaction for many records. A transaction a record
   * was most of what the library cost a batch's coordinator, which writes every run's records.
   */
  readonly deferred?: boolean | undefined;
}

/**
 * The run library: every run's table, seats, settings, status and tokens, and every turn's text
 * in a full-text index, in one SQLite file under ROUNDTABLE_HOME. It is an index of the transcript
 * folders, never the record: a missing, damaged or outdated library is rebuilt from them.
 */
export class Library {
  readonly paths: ReturnType<typeof libraryPaths>;
  readonly folders: FolderList;
  readonly #warn: (message: string) => void;
  readonly #options: OpenLibraryOptions;
  #db: DatabaseSync;
  #store: LibraryStore;

  private constructor(options: OpenLibraryOptions & Pick<Required<OpenLibraryOptions>, 'warn'>) {
    this.#options = options;
    this.paths = libraryPaths(options.env);
    this.#warn = options.warn;
    try {
      mkdirSync(this.paths.home, { recursive: true });
    } catch (error) {
      throw new RoundtableError(
        `cannot create the roundtable home folder ${this.paths.home}: ${(error as Error).message} (set ROUNDTABLE_HOME to a folder you can write)`,
      );
    }
    this.folders = new FolderList(this.paths.folders);
    const existed = existsSync(this.paths.db);
    const opened = this.#openOrRecover();
    this.#db = opened.db;
    this.#store = new LibraryStore(this.#db);
    const folders = this.folders.read();
    if (opened.rebuild !== undefined || (!existed && folders.length > 0)) {
      const why = opened.rebuild ?? `the run library ${this.paths.db} is missing`;
      this.#warn(`${why}; ${this.#rebuildReport(folders)}`);
    }
  }

  /**
   * Opens (or creates) the library; a damaged one is set aside and rebuilt, never fatal. No
   * default for `warn`: wrapping it for a terminal loads string-width, which a run does not need.
   */
  static open(options: OpenLibraryOptions & Pick<Required<OpenLibraryOptions>, 'warn'>): Library {
    return new Library(options);
  }

  get db(): DatabaseSync {
    return this.#db;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  /**
   * Runs a read or write; if it finds the file damaged, the library is set aside, rebuilt from
   * the transcript folders, and the operation tried once more.
   */
  recovering<T>(operation: (db: DatabaseSync) => T): T {
    try {
      return operation(this.#db);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#quarantineAndReopen();
      this.#warn(
        `the run library ${this.paths.db} was damaged; ${this.#rebuildReport(this.folders.read())}`,
      );
      return operation(this.#db);
    }
  }

  /**
   * Indexes one transcript folder from its events.jsonl, replacing what the library had for
   * that run. Throws (a RoundtableError naming the file) when the folder holds no readable run.
   */
  indexFolder(dir: string): IndexedRun {
    const path = `${dir}/${EVENTS_FILE}`;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new RoundtableError(`cannot read ${path}: ${(error as Error).message}`);
    }
    const parsed = parseEventsFile(text, path);
    if (parsed.runs.length === 0) {
      throw new RoundtableError(`${path} has no run record: it was not written by roundtable`);
    }
    const indexer = new RunIndexer(this.#store, { dir });
    const outcome = readOutcomeText(dir);
    transaction(this.#db, () => {
      for (const record of parsed.records) indexer.apply(record);
      indexer.settle(new Date().toISOString());
      if (indexer.id !== undefined && outcome !== undefined)
        this.#store.outcome(indexer.id, outcome);
    });
    this.folders.add(dir);
    return { id: indexer.id ?? '', dir, status: indexer.status };
  }

  /**
   * Indexes a run as it is written. `previous` holds what the folder already had (a resumed
   * run): it is indexed first, so the library holds the whole run whatever it knew before. A
   * failure to write is reported once and indexing stops: the run itself goes on, and
   * `roundtable reindex` catches the library up from the folder later.
   */
  liveIndexer(
    dir: string,
    previous: readonly TranscriptRecord[] = [],
    options: LiveIndexerOptions = {},
  ): LiveIndexer {
    const indexer = new RunIndexer(this.#store, { dir, pid: process.pid });
    let failed = false;
    const guarded = (body: () => void): void => {
      if (failed) return;
      try {
        transaction(this.#db, body);
      } catch (error) {
        failed = true;
        this.#warn(
          `the run library could not be updated (${(error as Error).message}); the transcript is complete, and roundtable reindex ${dir} will catch the library up`,
        );
      }
    };
    guarded(() => {
      for (const record of previous) indexer.apply(record);
    });
    try {
      this.folders.add(dir);
    } catch (error) {
      this.#warn(`cannot update ${this.folders.path}: ${(error as Error).message}`);
    }
    const held: TranscriptRecord[] = [];
    const flush = () => {
      if (held.length === 0) return;
      const records = held.splice(0);
      guarded(() => {
        for (const record of records) indexer.apply(record);
      });
    };
    return {
      observe: options.deferred
        ? (record) => {
            if (!failed) held.push(record);
          }
        : (record) => guarded(() => indexer.apply(record)),
      id: () => indexer.id,
      flush,
    };
  }

  /**
   * Empties the library and indexes the given transcript folders again. Folders that are gone
   * are left out; unreadable ones are skipped with the reason.
   */
  rebuild(folders: readonly string[]): { indexed: IndexedRun[]; skipped: SkippedFolder[] } {
    transaction(this.#db, () => {
      for (const table of ['passages', 'seats', 'runs']) this.#db.exec(`DELETE FROM ${table}`);
    });
    return this.indexFolders(folders.filter((dir) => existsSync(`${dir}/${EVENTS_FILE}`)));
  }

  /** Indexes each folder; one that cannot be read is skipped with the reason, not fatal. */
  indexFolders(folders: readonly string[]): { indexed: IndexedRun[]; skipped: SkippedFolder[] } {
    const indexed: IndexedRun[] = [];
    const skipped: SkippedFolder[] = [];
    for (const dir of folders) {
      try {
        indexed.push(this.indexFolder(dir));
      } catch (error) {
        if (isCorruption(error)) throw error;
        skipped.push({ dir, reason: (error as Error).message });
      }
    }
    return { indexed, skipped };
  }

  #rebuildReport(folders: readonly string[]): string {
    const { indexed, skipped } = this.rebuild(folders);
    return rebuildNote(indexed.length, skipped);
  }

  #openOrRecover(): { db: DatabaseSync; rebuild?: string | undefined } {
    try {
      const db = openDatabase(this.paths.db, this.#options.busyTimeoutMs);
      try {
        if (this.#ensureSchema(db)) {
          return { db, rebuild: `the run library ${this.paths.db} was made by another version` };
        }
        return { db };
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#quarantine();
      const db = openDatabase(this.paths.db, this.#options.busyTimeoutMs);
      this.#ensureSchema(db);
      return { db, rebuild: `the run library ${this.paths.db} was damaged` };
    }
  }

  /**
   * Creates the tables in a new file and migrates an older library in place; for a version it
   * has no migration from (a newer roundtable's), drops and recreates them: true when the
   * caller must then rebuild the library from the transcript folders.
   */
  #ensureSchema(db: DatabaseSync): boolean {
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

  #quarantineAndReopen(): void {
    this.close();
    this.#quarantine();
    this.#db = openDatabase(this.paths.db, this.#options.busyTimeoutMs);
    this.#ensureSchema(this.#db);
    this.#store = new LibraryStore(this.#db);
  }

  /** Moves a damaged file aside (kept for a bug report) so that a fresh one can take its place. */
  #quarantine(): void {
    const aside = `${this.paths.db}.damaged-${Date.now()}`;
    try {
      renameSync(this.paths.db, aside);
    } catch {
      rmSync(this.paths.db, { force: true });
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${this.paths.db}${suffix}`, { force: true });
  }
}

/** A folder's outcome.json (the decision record) as text, when it holds a JSON object. */
function readOutcomeText(dir: string): string | undefined {
  try {
    const text = readFileSync(`${dir}/outcome.json`, 'utf8');
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? text : undefined;
  } catch {
    return undefined;
  }
}
