import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { RoundtableError } from '../errors.js';
import { EVENTS_FILE, parseEventsFile, type TranscriptRecord } from '../transcript/events-file.js';
import { FolderList } from './folders.js';
import { libraryPaths } from './home.js';
import { type Fill, openLibraryFile, reopenDamaged } from './library-file.js';
import { rebuildNote } from './rebuild-note.js';
import { RunIndexer, type RunStatus } from './run-indexer.js';
import { isCorruption, transaction } from './sqlite.js';
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
    this.#db = openLibraryFile(this.paths.db, this.#options.busyTimeoutMs, this.#fill);
    this.#store = new LibraryStore(this.#db);
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
      return operation(this.#db);
    }
  }

  /**
   * Indexes one transcript folder from its events.jsonl, replacing what the library had for
   * that run. Throws (a RoundtableError naming the file) when the folder holds no readable run.
   */
  indexFolder(dir: string): IndexedRun {
    return this.#indexFolderInto(this.#store, dir);
  }

  #indexFolderInto(store: LibraryStore, dir: string): IndexedRun {
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
    const indexer = new RunIndexer(store, { dir });
    const outcome = readOutcomeText(dir);
    transaction(store.db, () => {
      for (const record of parsed.records) indexer.apply(record);
      indexer.settle(new Date().toISOString());
      if (indexer.id !== undefined && outcome !== undefined) store.outcome(indexer.id, outcome);
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
    return this.#indexFoldersInto(this.#store, folders);
  }

  #indexFoldersInto(
    store: LibraryStore,
    folders: readonly string[],
  ): { indexed: IndexedRun[]; skipped: SkippedFolder[] } {
    const indexed: IndexedRun[] = [];
    const skipped: SkippedFolder[] = [];
    for (const dir of folders) {
      try {
        indexed.push(this.#indexFolderInto(store, dir));
      } catch (error) {
        if (isCorruption(error)) throw error;
        skipped.push({ dir, reason: (error as Error).message });
      }
    }
    return { indexed, skipped };
  }

  /**
   * Indexes the transcript folders into a library just made empty, inside the transaction that
   * made it so (see Fill in library-file.ts). A new library with no folders listed is simply new.
   */
  readonly #fill: Fill = (db, reason) => {
    const folders = this.folders.read();
    if (reason === 'created' && folders.length === 0) return;
    const why = {
      created: 'is missing',
      replaced: 'was made by another version',
      damaged: 'was damaged',
    }[reason];
    const { indexed, skipped } = this.#indexFoldersInto(
      new LibraryStore(db),
      folders.filter((dir) => existsSync(`${dir}/${EVENTS_FILE}`)),
    );
    this.#warn(`the run library ${this.paths.db} ${why}; ${rebuildNote(indexed.length, skipped)}`);
  };

  #quarantineAndReopen(): void {
    this.close();
    this.#db = reopenDamaged(this.paths.db, this.#options.busyTimeoutMs, this.#fill);
    this.#store = new LibraryStore(this.#db);
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
