import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TranscriptRecord } from '../events-file.js';
import { htmlPage } from './document.js';
import { createHtmlFormatter } from './formatter.js';

export const HTML_FILE = 'transcript.html';

/** Rewritten at most this often while a discussion runs; always at its end. */
const WRITE_INTERVAL_MS = 2000;

export interface HtmlFile {
  /** Takes the next record as events.jsonl holds it. */
  record(record: TranscriptRecord): void;
  /** Writes the page now. */
  flush(): void;
}

/**
 * transcript.html, kept beside events.jsonl as the discussion goes. A page is a whole document
 * (its head holds the seat colours and a Content-Security-Policy with the style's hash), so it is
 * rebuilt from its fragments and replaced with a write-then-rename: at most every two seconds at a
 * turn's end, and at once when the discussion ends or is interrupted. A crash leaves the last page
 * written; `roundtable export --html` and `resume` rebuild it from events.jsonl.
 */
export function createHtmlFile(
  dir: string,
  options: {
    readonly previous?: readonly TranscriptRecord[] | undefined;
    /** A failure to write the page does not stop the discussion: events.jsonl is the record. */
    readonly onError?: ((error: Error) => void) | undefined;
  } = {},
): HtmlFile {
  const formatter = createHtmlFormatter();
  const fragments: string[] = [];
  const path = join(dir, HTML_FILE);
  let lastWrite = Number.NEGATIVE_INFINITY;
  let failed = false;

  const add = (record: TranscriptRecord) => {
    const html = formatter.record(record);
    if (html !== '') fragments.push(html);
  };
  const flush = () => {
    if (failed) return;
    lastWrite = performance.now();
    try {
      const page = htmlPage({
        title: `Roundtable: ${formatter.title ?? 'discussion'}`,
        body: fragments.join(''),
        participants: formatter.participants,
      });
      writeFileSync(`${path}.tmp`, page);
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      failed = true;
      options.onError?.(error as Error);
    }
  };

  for (const record of options.previous ?? []) add(record);
  return {
    record(record) {
      add(record);
      switch (record.type) {
        case 'discussion-ended':
        case 'closed':
          flush();
          break;
        case 'run':
        case 'turn-ended':
        case 'summary':
          if (performance.now() - lastWrite >= WRITE_INTERVAL_MS) flush();
          break;
        default:
          break;
      }
    },
    flush,
  };
}
