// Continuing a transcript folder: what a resume (or a batch's coordinator taking a run up again)
// finds there is made whole before anything more is written.
import { closeSync, openSync, readSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, RoundtableError } from '../errors.js';
import {
  EVENTS_FILE,
  MARKDOWN_FILE,
  type ParsedEvents,
  type RunRecord,
  readEvents,
} from './events-file.js';
import { createHtmlFile } from './html/html-file.js';
import type { TranscriptLock } from './lock.js';
import { createMarkdownFormatter } from './markdown.js';
import { createWriter, warnHtml } from './record-writer.js';
import { sanitize } from './redact.js';
import { derivedRunId } from './run-id.js';
import type { ResumeTranscriptOptions, TranscriptWriter } from './writer.js';

/** What `resumeTranscript` does with the folder's lock held. */
export async function reopen(
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

    const run: RunRecord | undefined = options.run && {
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
