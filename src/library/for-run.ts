import { resolve } from 'node:path';
import { notice, warnNotice } from '../cli/notice.js';
import type { SeatMemory } from '../engine/events.js';
import type { Table } from '../engine/table.js';
import type { TranscriptRecord } from '../transcript/events-file.js';
import type { RecordObserver } from '../transcript/writer.js';
import { Library, type OpenLibraryOptions } from './library.js';
import { type RecallOptions, recallMemories } from './memory.js';

/** What `run` and `resume` need of the library: an observer for the transcript writer. */
export interface RunIndexing {
  /** Give it to the transcript writer; it binds itself to the folder on the first record. */
  readonly observe: RecordObserver;
  /** Call once the transcript folder is known (the writer creates it before the first record). */
  bind(dir: string, previous?: readonly TranscriptRecord[]): void;
  close(): void;
}

/**
 * Opens the library for one run. Never fatal: when the library cannot be opened at all (the
 * home folder is not writable, say), the run goes on without it, and says so once.
 */
export function indexingForRun(options: OpenLibraryOptions = {}): RunIndexing {
  const warn = options.warn ?? ((m: string) => notice(`roundtable: ${m}`));
  let library: Library | undefined;
  try {
    library = Library.open({ ...options, warn });
  } catch (error) {
    warn(`the run library is not available (${(error as Error).message}); this run is not indexed`);
  }
  let live: ReturnType<Library['liveIndexer']> | undefined;
  const pending: TranscriptRecord[] = [];
  return {
    observe(record) {
      if (live !== undefined) live.observe(record);
      else if (library !== undefined) pending.push(record);
    },
    bind(dir, previous = []) {
      if (library === undefined || live !== undefined) return;
      live = library.liveIndexer(resolve(dir), previous);
      for (const record of pending.splice(0)) live.observe(record);
    },
    close() {
      library?.close();
    },
  };
}

/**
 * The memory notes of a table's seats that ask for one (`memory: true`), from the run library;
 * none when no seat asks. A library that cannot be read leaves the seats without memory, and
 * says so: a run never fails for want of it.
 */
export function recallForRun(
  table: Table,
  before: Date,
  options: OpenLibraryOptions = {},
): SeatMemory[] {
  if (!wantsMemory(table)) return [];
  const warn = options.warn ?? warnNotice;
  let library: Library | undefined;
  try {
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
  warn: (message: string) => void = warnNotice,
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
