import {
  closeSync,
  fdatasyncSync,
  openSync,
  readSync,
  renameSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DiscussionEvent, DiscussionEventType, EndReason } from '../engine/events.js';
import { InputError, RoundtableError } from '../errors.js';
import { terminalSafeJson } from '../render/terminal-safe.js';
import {
  type ClosedRecord,
  EVENTS_FILE,
  MARKDOWN_FILE,
  type ParsedEvents,
  type RunInfo,
  type RunRecord,
  readEvents,
  type TranscriptRecord,
} from './events-file.js';
import { createHtmlFile, type HtmlFile } from './html/html-file.js';
import { lockTranscript, type TranscriptLock } from './lock.js';
import { createMarkdownFormatter, type MarkdownFormatter } from './markdown.js';
import { createScrubber, sanitize, stripUrlCredentials } from './redact.js';
import { derivedRunId, newRunId } from './run-id.js';
import { createUniqueDir, slugify, timestampName } from './slug.js';

export interface TranscriptWriter {
  /** The transcript folder. */
  readonly dir: string;
  /** The `run` record this writer began with. */
  readonly run: RunRecord;
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
  readonly run: RunInfo;
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

async function reopen(
  options: ResumeTranscriptOptions,
  lock: TranscriptLock,
): Promise<{ writer: TranscriptWriter; previous: ParsedEvents }> {
  const previous = await readEvents(options.dir);
  const eventsPath = join(options.dir, EVENTS_FILE);
  const first = previous.runs[0];
  if (!first) {
    throw new InputError(
      `${eventsPath} has no run record: it was not written by roundtable run.`,
      eventsPath,
    );
  }
  const now = options.now ?? new Date();
  try {
    truncateSync(eventsPath, previous.validBytes);
    if (!endsWithNewline(eventsPath, previous.validBytes)) {
      writeFileSync(eventsPath, '\n', { flag: 'a' });
    }

    // The same formatter goes on writing, with the state of everything already recorded.
    const formatter = createMarkdownFormatter();
    const markdown = previous.records.map((record) => formatter.record(record)).join('');
    const mdPath = join(options.dir, MARKDOWN_FILE);
    // Write-then-rename: a crash here leaves the old transcript.md, never half of the new one.
    writeFileSync(`${mdPath}.tmp`, markdown);
    renameSync(`${mdPath}.tmp`, mdPath);

    const run: RunRecord = {
      type: 'run',
      ...sanitize(options.run),
      id: first.id ?? derivedRunId(first),
      title: first.title,
      startedAt: first.startedAt,
      ts: now.toISOString(),
      resumed: true,
    };
    const html = createHtmlFile(options.dir, { previous: previous.records, onError: warnHtml });
    html.flush();
    const writer = createWriter(
      options.dir,
      run,
      formatter,
      html,
      options.secrets ?? [],
      options.observe,
      lock,
    );
    return { writer, previous };
  } catch (error) {
    if (error instanceof RoundtableError) throw error;
    throw new RoundtableError(
      `Cannot resume the transcript in ${options.dir}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}

/** Whether the file's first `length` bytes are empty or end with a newline. */
function endsWithNewline(path: string, length: number): boolean {
  if (length === 0) return true;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, length - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

export const OUTCOME_FILE = 'outcome.json';

/**
 * outcome.json, the decision record (schema/outcome.schema.json), pretty-printed for people and
 * written whole (write-then-rename): a reader never sees half of it.
 */
function writeOutcome(dir: string, json: string): void {
  const path = join(dir, OUTCOME_FILE);
  writeFileSync(`${path}.tmp`, `${json}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Written to disk (not just to the kernel) after these, so even a power cut keeps whole turns. */
const SYNC_INTERVAL_MS = 1000;

const DURABLE: ReadonlySet<DiscussionEventType> = new Set([
  'turn-ended',
  'summary',
  'discussion-ended',
]);

/**
 * Both files are opened for appending and written with one synchronous write() per record, so a
 * record is in the kernel's hands before the next event is handled: a crash or kill -9 cannot lose
 * it and can at most leave a partial last line, which the reader skips. fsync is not needed for
 * that; it is done at the end of a turn at most once a second, so a power cut loses at most the
 * last second of turns. Once per turn blocked the event loop for ~8% of the time when a fast local
 * model ended dozens of turns a second (docs/benchmarks.md, live view).
 */
function createWriter(
  dir: string,
  run: RunRecord,
  formatter: MarkdownFormatter,
  html: HtmlFile,
  secrets: readonly (string | undefined)[],
  observe: RecordObserver | undefined,
  lock: TranscriptLock,
  history: readonly TranscriptRecord[] = [],
): TranscriptWriter {
  const scrub = createScrubber(secrets);
  let eventsFd: number | undefined;
  let markdownFd: number | undefined;
  let closing: Promise<void> | undefined;

  const fail = (error: unknown): never => {
    throw new RoundtableError(
      `Cannot write the transcript in ${dir}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  };
  const writeAll = (fd: number, text: string) => {
    const buffer = Buffer.from(text);
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
  };
  const append = (record: TranscriptRecord) => {
    if (eventsFd === undefined || markdownFd === undefined) return;
    // events.jsonl first: it is what resume reads, and resume rebuilds transcript.md from it.
    const line = scrub(terminalSafeJson(record));
    writeAll(eventsFd, `${line}\n`);
    const markdown = formatter.record(record);
    if (markdown !== '') writeAll(markdownFd, scrub(markdown));
    // As written: scrubbed of secrets, so nothing downstream can hold what the file does not.
    const written = JSON.parse(line) as TranscriptRecord;
    html.record(written);
    observe?.(written);
  };
  let lastSync = Number.NEGATIVE_INFINITY;
  const sync = () => {
    if (eventsFd !== undefined) fdatasyncSync(eventsFd);
    if (markdownFd !== undefined) fdatasyncSync(markdownFd);
    lastSync = performance.now();
  };

  try {
    eventsFd = openSync(join(dir, EVENTS_FILE), 'a');
    markdownFd = openSync(join(dir, MARKDOWN_FILE), 'a');
    append(run);
    for (const record of history) append(record);
  } catch (error) {
    lock.release();
    fail(error);
  }

  return {
    dir,
    run,
    write(event) {
      if (closing || event.type === 'text-delta') return;
      try {
        append({ ...redactEvent(event), ts: new Date().toISOString() });
        if (event.type === 'outcome') writeOutcome(dir, scrub(terminalSafeJson(event.record, 2)));
        const due = performance.now() - lastSync >= SYNC_INTERVAL_MS;
        if (event.type === 'discussion-ended' || (due && DURABLE.has(event.type))) sync();
      } catch (error) {
        fail(error);
      }
    },
    close(reason) {
      closing ??= new Promise<void>((done, reject) => {
        try {
          if (!formatter.ended) {
            const closed: ClosedRecord = {
              type: 'closed',
              reason: reason ?? 'interrupted',
              ts: new Date().toISOString(),
            };
            append(closed);
          }
          sync();
          done();
        } catch (error) {
          reject(
            new RoundtableError(
              `Cannot finish the transcript in ${dir}: ${(error as Error).message}`,
              undefined,
              { cause: error },
            ),
          );
        } finally {
          for (const fd of [eventsFd, markdownFd]) if (fd !== undefined) closeSync(fd);
          eventsFd = undefined;
          markdownFd = undefined;
          lock.release();
        }
      });
      return closing;
    },
  };
}

/** transcript.html is a view of events.jsonl: failing to write it must not end the discussion. */
function warnHtml(error: Error): void {
  process.stderr.write(
    `warning: cannot write transcript.html (${error.message}); \`roundtable export --html\` rebuilds it from events.jsonl\n`,
  );
}

/** Error texts may quote a URL, with its credentials, from a failed connection. */
function redactEvent(event: DiscussionEvent): DiscussionEvent {
  switch (event.type) {
    case 'error':
      return { ...event, message: stripUrlCredentials(event.message) };
    case 'retry':
      return { ...event, reason: stripUrlCredentials(event.reason) };
    default:
      return event;
  }
}
