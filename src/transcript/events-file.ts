import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscussionEvent, DiscussionEventType, EndReason } from '../engine/events.js';
import { InputError } from '../errors.js';

export const EVENTS_FILE = 'events.jsonl';
export const MARKDOWN_FILE = 'transcript.md';

/** What a run knows that its events do not. Never holds a key: URLs lose their userinfo. */
export interface RunInfo {
  /**
   * The run's id (12 hex digits; the run library and `roundtable show` know it by this). A new
   * transcript gets a fresh one when absent; a resumed one keeps its first record's.
   */
  readonly id?: string | undefined;
  /** roundtable's version. */
  readonly version: string;
  /** The default endpoint's name: a preset such as `ollama`, or one from the config. */
  readonly endpoint?: string | undefined;
  /** The default endpoint's base URL. */
  readonly baseUrl?: string | undefined;
  /** The table's default model. */
  readonly model?: string | undefined;
  /** The table folder the run was started from. */
  readonly tableDir: string;
  /** ISO time; the transcript's opening time when absent. */
  readonly startedAt?: string | undefined;
  /** The resolved settings (flags, environment, config file), without argv. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** First line of events.jsonl, and the first line of every resumed segment. */
export interface RunRecord extends RunInfo {
  readonly type: 'run';
  /** The transcript's title: the first question, or the table folder's name. */
  readonly title: string;
  readonly startedAt: string;
  readonly ts: string;
  readonly resumed?: boolean | undefined;
}

/** Written by `close()` when the run ends without a `discussion-ended` event. */
export interface ClosedRecord {
  readonly type: 'closed';
  readonly reason: EndReason;
  readonly ts: string;
}

export type StoredEvent = DiscussionEvent & { readonly ts: string };
export type TranscriptRecord = RunRecord | ClosedRecord | StoredEvent;

/**
 * Every event type the transcript may hold. Typed as a record over the union so that a new event
 * type fails to compile here until someone decides whether transcripts keep it.
 */
const EVENT_TYPES: Record<DiscussionEventType, true> = {
  'discussion-started': true,
  'discussion-resumed': true,
  'turn-started': true,
  'text-delta': true,
  'turn-ended': true,
  'topic-changed': true,
  summary: true,
  'context-trimmed': true,
  retry: true,
  error: true,
  interjection: true,
  command: true,
  'discussion-ended': true,
  'phase-started': true,
  'phase-ended': true,
  'reply-discarded': true,
  'moderator-decision': true,
  bids: true,
  review: true,
  positions: true,
  'consensus-check': true,
  budget: true,
  'summary-record': true,
  outcome: true,
  'review-tally': true,
};

export function isRecordType(type: string): type is TranscriptRecord['type'] {
  return type === 'run' || type === 'closed' || Object.hasOwn(EVENT_TYPES, type);
}

export interface ParsedEvents {
  /** Every whole record, in file order. */
  readonly records: readonly TranscriptRecord[];
  readonly runs: readonly RunRecord[];
  readonly events: readonly StoredEvent[];
  /** The file ended in a partial line (a crash mid-write), which was left out. */
  readonly truncated: boolean;
  /** Bytes of the file up to the end of the last whole record. */
  readonly validBytes: number;
}

/**
 * Reads events.jsonl. A partial last line – all a crash or kill -9 can leave behind, since each
 * record is written whole with one write() – is reported, not fatal. A broken line anywhere else
 * means the file was damaged, and is an error naming the line.
 */
export function parseEventsFile(text: string, source = EVENTS_FILE): ParsedEvents {
  const records: TranscriptRecord[] = [];
  const lines = text.split('\n');
  // Everything before the last '\n' is whole lines; after it comes a partial line, or nothing.
  const tail = lines.pop() ?? '';
  let validChars = text.length - tail.length;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const record = parseRecord(line);
    if (typeof record === 'string') {
      throw new InputError(`${source}, line ${index + 1}: ${record}.`, source);
    }
    records.push(record);
  });

  let truncated = false;
  if (tail.trim() !== '') {
    const record = parseRecord(tail);
    // A record that parses is whole even without its newline: JSON cannot close early.
    if (typeof record === 'string') truncated = true;
    else {
      records.push(record);
      validChars = text.length;
    }
  }
  return {
    records,
    runs: records.filter((r): r is RunRecord => r.type === 'run'),
    events: records.filter((r): r is StoredEvent => r.type !== 'run' && r.type !== 'closed'),
    truncated,
    validBytes: Buffer.byteLength(text.slice(0, validChars)),
  };
}

/** The record on this line, or why it is not one. */
function parseRecord(line: string): TranscriptRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return 'no "type" field';
  if (!isRecordType(type)) return `unknown record type "${type}"`;
  return value as TranscriptRecord;
}

/** Reads `<dir>/events.jsonl`; resume starts here. */
export async function readEvents(dir: string): Promise<ParsedEvents> {
  const path = join(dir, EVENTS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new InputError(
      `Cannot read ${path}: ${why}. Expected a transcript folder written by roundtable run.`,
      path,
      { cause: error },
    );
  }
  return parseEventsFile(text, path);
}
