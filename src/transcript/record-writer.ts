// The files of a transcript folder, written record by record as a discussion goes: events.jsonl
// (the record), transcript.md and transcript.html (views of it) and outcome.json.
import { closeSync, fdatasync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DiscussionEvent, DiscussionEventType } from '../engine/events.js';
import { RoundtableError } from '../errors.js';
import { terminalSafeJson } from '../render/terminal-safe.js';
import {
  type ClosedRecord,
  EVENTS_FILE,
  MARKDOWN_FILE,
  type RunRecord,
  type TranscriptRecord,
} from './events-file.js';
import type { HtmlFile } from './html/html-file.js';
import type { TranscriptLock } from './lock.js';
import type { MarkdownFormatter } from './markdown.js';
import { createScrubber, stripUrlCredentials } from './redact.js';
import type { RecordObserver, TranscriptWriter } from './writer.js';

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

/** fdatasync on libuv's thread pool: the event loop goes on while the disk catches up. */
function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    fdatasync(fd, (error) => (error === null ? resolve() : reject(error)));
  });
}

/**
 * Both files are opened for appending and written with one synchronous write() per record, so a
 * record is in the kernel's hands before the next event is handled: a crash or kill -9 cannot lose
 * it and can at most leave a partial last line, which the reader skips. fsync is not needed for
 * that; it is done at the end of a turn at most once a second, so a power cut loses at most the
 * last second of turns, and once more when the transcript is closed. Once per turn blocked the
 * event loop for ~8% of the time when a fast local model ended dozens of turns a second
 * (docs/benchmarks.md, live view); and done in this thread, the first one alone (a new file's
 * blocks and the folder's entry going to disk) held the second turn back by 10–180 ms while other
 * programs wrote to the disk. So it runs on the thread pool; `close` waits for it.
 */
export function createWriter(
  dir: string,
  run: RunRecord | undefined,
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
  /** Records appended, and how many of them a finished sync has put on disk. */
  let appended = 0;
  let synced = 0;
  const append = (record: TranscriptRecord) => {
    if (eventsFd === undefined || markdownFd === undefined) return;
    appended += 1;
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
  /** The sync under way, if any: the files are not closed under it. */
  let syncing: Promise<void> | undefined;
  let syncFailure: unknown;
  const sync = (): Promise<void> => {
    if (syncing !== undefined) return syncing;
    lastSync = performance.now();
    const through = appended;
    const fds = [eventsFd, markdownFd].filter((fd) => fd !== undefined);
    syncing = Promise.all(fds.map(datasync)).then(
      () => {
        syncing = undefined;
        synced = Math.max(synced, through);
      },
      (error: unknown) => {
        syncing = undefined;
        syncFailure ??= error;
      },
    );
    return syncing;
  };

  try {
    eventsFd = openSync(join(dir, EVENTS_FILE), 'a');
    markdownFd = openSync(join(dir, MARKDOWN_FILE), 'a');
    if (run !== undefined) append(run);
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
        // A failed sync is a disk that cannot keep the transcript: said at the next record.
        if (syncFailure !== undefined) throw syncFailure;
        append({ ...redactEvent(event), ts: new Date().toISOString() });
        if (event.type === 'outcome') writeOutcome(dir, scrub(terminalSafeJson(event.record, 2)));
        const due = performance.now() - lastSync >= SYNC_INTERVAL_MS;
        if (event.type === 'discussion-ended' || (due && DURABLE.has(event.type))) void sync();
      } catch (error) {
        fail(error);
      }
    },
    close(reason) {
      closing ??= (async () => {
        try {
          if (!formatter.ended) {
            const closed: ClosedRecord = {
              type: 'closed',
              reason: reason ?? 'interrupted',
              ts: new Date().toISOString(),
            };
            append(closed);
          }
          // The one under way may have started before the last records: one more after it,
          // unless it holds them all (the discussion's end starts one; nothing may follow it).
          await syncing;
          if (synced < appended) await sync();
          if (syncFailure !== undefined) throw syncFailure;
        } catch (error) {
          throw new RoundtableError(
            `Cannot finish the transcript in ${dir}: ${(error as Error).message}`,
            undefined,
            { cause: error },
          );
        } finally {
          await syncing;
          for (const fd of [eventsFd, markdownFd]) if (fd !== undefined) closeSync(fd);
          eventsFd = undefined;
          markdownFd = undefined;
          lock.release();
        }
      })();
      return closing;
    },
  };
}

/** transcript.html is a view of events.jsonl: failing to write it must not end the discussion. */
export function warnHtml(error: Error): void {
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
