import { resolve } from 'node:path';
import type { SeatMemory } from '../engine/events.js';
import type { Table } from '../engine/table.js';
import type { TranscriptRecord } from '../transcript/events-file.js';
import type { RecordObserver } from '../transcript/writer.js';
import type { Library, OpenLibraryOptions } from './library.js';
import { type RecallOptions, recallMemories } from './memory.js';

/** What `run` and `resume` need of the library: an observer for the transcript writer. */
export interface RunIndexing {
  /** Give it to the transcript writer; it binds itself to the folder on the first record. */
  readonly observe: RecordObserver;
  /** Call once the transcript folder is known (the writer creates it before the first record). */
  bind(dir: string, previous?: readonly TranscriptRecord[]): void;
  /**
   * Indexes what is still held and says what the library had to say. The library is left open
   * for the process's exit (see `close` below).
   */
  close(): Promise<void>;
}

/**
 * The library for one run. It is opened once the first turn has ended (or at `close`, for a run
 * that ended before one did), not before the run: loading SQLite and opening the library is a
 * good part of a first turn's start-up (docs/benchmarks.md, "Start-up"). The records seen until
 * then are held and indexed, in order, as soon as it is open. Never fatal: when the library
 * cannot be opened at all (the home folder is not writable, say), the run goes on without it.
 * What it has to say (that, or that it was rebuilt) is said at `close`, after the live view.
 */
export function indexingForRun(options: OpenLibraryOptions = {}): RunIndexing {
  const said: string[] = [];
  let library: Library | undefined;
  let live: ReturnType<Library['liveIndexer']> | undefined;
  let folder: { dir: string; previous: readonly TranscriptRecord[] } | undefined;
  const pending: TranscriptRecord[] = [];
  let opening: Promise<void> | undefined;

  const start = (): void => {
    if (library === undefined || folder === undefined || live !== undefined) return;
    live = library.liveIndexer(folder.dir, folder.previous);
    for (const record of pending.splice(0)) live.observe(record);
  };
  let unavailable = false;
  const open = (): Promise<void> => {
    opening ??= (async () => {
      try {
        const { Library } = await import('./library.js');
        library = Library.open({ ...options, warn: (m) => said.push(m) });
      } catch (error) {
        unavailable = true;
        pending.length = 0;
        said.push(
          `the run library is not available (${(error as Error).message}); this run is not indexed`,
        );
        return;
      }
      start();
    })();
    return opening;
  };
  return {
    observe(record) {
      if (live !== undefined) live.observe(record);
      else if (!unavailable) pending.push(record);
      // After the turn's end has been shown: loading the library is work on this thread too.
      if (record.type === 'turn-ended') setImmediate(() => void open());
    },
    bind(dir, previous = []) {
      folder ??= { dir: resolve(dir), previous };
      start();
    },
    async close() {
      await open();
      // Not closed: closing SQLite's last connection folds the WAL into the file, syncing both
      // (9-15 ms of every run's end on ext4, the run's output long written). Every transaction is
      // committed, so the process's exit leaves the WAL as a crash would, which WAL mode keeps
      // consistent (sqlite.ts): the next connection reads it, and a later checkpoint (SQLite's
      // own, past 1,000 pages, or another command's close) folds it in.
      if (said.length === 0) return;
      const warn = options.warn ?? (await import('../cli/warn-notice.js')).warnNotice;
      for (const message of said.splice(0)) warn(message);
    },
  };
}

/**
 * The memory notes of a table's seats that ask for one (`memory: true`), from the run library;
 * none when no seat asks. A library that cannot be read leaves the seats without memory, and
 * says so: a run never fails for want of it.
 */
export async function recallForRun(
  table: Table,
  before: Date,
  options: OpenLibraryOptions = {},
): Promise<SeatMemory[]> {
  if (!wantsMemory(table)) return [];
  const warn = options.warn ?? (await import('../cli/warn-notice.js')).warnNotice;
  let library: Library | undefined;
  try {
    const { Library } = await import('./library.js');
    library = Library.open({ ...options, warn });
    return recallFrom(library, table, { before }, warn);
  } catch (error) {
    warn(`seat memory is not available (${(error as Error).message}); the seats start without it`);
    return [];
  } finally {
    library?.close();
  }
}

export function wantsMemory(table: Table): boolean {
  return table.participants.some((p) => p.memory === true);
}

/** The same from an open library (a batch's); a failure leaves the seats without memory. */
export function recallFrom(
  library: Library | undefined,
  table: Table,
  options: RecallOptions,
  warn: (message: string) => void,
): SeatMemory[] {
  if (!wantsMemory(table)) return [];
  if (library === undefined) {
    warn('seat memory is not available (no run library); the seats start without it');
    return [];
  }
  try {
    return library.recovering((db) => recallMemories(db, table, options));
  } catch (error) {
    warn(`seat memory is not available (${(error as Error).message}); the seats start without it`);
    return [];
  }
}
