// A discussion's transcript folder, opened for a new run (`openTranscript`) or reopened to go on
// (`resumeTranscript`); the writer both return appends each event to its files (record-writer.ts).
import { basename, resolve } from 'node:path';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import type { ParsedEvents, RunInfo, RunRecord, TranscriptRecord } from './events-file.js';
import { createHtmlFile } from './html/html-file.js';
import { lockTranscript, type TranscriptLock } from './lock.js';
import { createMarkdownFormatter } from './markdown.js';
import { createWriter, warnHtml } from './record-writer.js';
import { sanitize } from './redact.js';
import { reopen } from './reopen.js';
import { newRunId } from './run-id.js';
import { createUniqueDir, slugify, timestampName } from './slug.js';
import { tableNameOf } from './table-name.js';

export interface TranscriptWriter {
  /** The transcript folder. */
  readonly dir: string;
  /** The `run` record this writer began with; none when a queue worker's run is resumed. */
  readonly run: RunRecord | undefined;
  /** Records one engine event. Text deltas are not stored: each turn's end holds its whole text. */
  write(event: DiscussionEvent): void;
  /**
   * Ends the transcript. When no `discussion-ended` was written, records why the run stopped
   * (`interrupted` unless told otherwise) in both files. Safe to call more than once.
   */
  close(reason?: EndReason): Promise<void>;
}

export interface OpenTranscriptOptions {
  /** The folder transcripts go in, e.g. `transcripts` (`--out`). */
  readonly root: string;
  /** The transcript folder's name; `<YYYYMMDD-HHMMSS>-<slug>` when absent. */
  readonly dirName?: string | undefined;
  readonly now?: Date | undefined;
  readonly run: RunInfo;
  /** The title and slug source: the first question. The table folder's name when absent. */
  readonly title?: string | undefined;
  /** Values never to be written, wherever they appear (the API keys read from the environment). */
  readonly secrets?: readonly (string | undefined)[] | undefined;
  /** Told every record once it is written (the run library indexes them as they come). */
  readonly observe?: RecordObserver | undefined;
  /** Records to carry over after the run record, as they are, times included (a fork's history). */
  readonly history?: readonly TranscriptRecord[] | undefined;
}

/** Sees each record exactly as events.jsonl holds it. Its failures are its own to handle. */
export type RecordObserver = (record: TranscriptRecord) => void;

export async function openTranscript(options: OpenTranscriptOptions): Promise<TranscriptWriter> {
  const now = options.now ?? new Date();
  const title =
    options.title?.trim() || basename(resolve(options.run.tableDir)) || 'roundtable discussion';
  const dir = await createUniqueDir(
    options.root,
    options.dirName ?? `${timestampName(now)}-${slugify(title)}`,
  );
  // Taken before anything is written, so a resume of this folder cannot start while it runs.
  const lock = lockTranscript(dir, 'run');
  const run: RunRecord = {
    type: 'run',
    ...sanitize(options.run),
    // What pages show of the table, worked out where the run starts (see tableNameOf).
    tableName: options.run.tableName ?? tableNameOf(options.run.tableDir),
    id: options.run.id ?? newRunId(),
    title,
    startedAt: options.run.startedAt ?? now.toISOString(),
    ts: now.toISOString(),
  };
  return createWriter(
    dir,
    run,
    createMarkdownFormatter(),
    createHtmlFile(dir, { onError: warnHtml }),
    options.secrets ?? [],
    options.observe,
    lock,
    options.history,
  );
}

export interface ResumeTranscriptOptions {
  /** An existing transcript folder. */
  readonly dir: string;
  /**
   * The folder's lock, taken before its events were read (taken here when absent); the writer
   * releases it when it closes.
   */
  readonly lock?: TranscriptLock | undefined;
  /**
   * The resumed run's record. Without it no record marks a resume: the records go on the last
   * segment (a batch's coordinator, restarted, writing what a worker went on sending).
   */
  readonly run: RunInfo | undefined;
  readonly now?: Date | undefined;
  readonly secrets?: readonly (string | undefined)[] | undefined;
  /** Told every new record once it is written (not the ones already in the folder). */
  readonly observe?: RecordObserver | undefined;
}

/**
 * Reopens a transcript to continue it: drops a partial last line from events.jsonl, rebuilds
 * transcript.md and transcript.html from the events (so a turn recorded in one file but not yet in the other after a
 * kill -9 is not lost or doubled), and appends a `run` record marked `resumed`.
 */
export async function resumeTranscript(
  options: ResumeTranscriptOptions,
): Promise<{ writer: TranscriptWriter; previous: ParsedEvents }> {
  const lock = options.lock ?? lockTranscript(options.dir, 'resume');
  try {
    return await reopen(options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}
