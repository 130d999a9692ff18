import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import { InputError } from '../errors.js';
import { describeIssues, recordSchema } from './record-schemas.js';

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
  /** The table folder the run was started from (absolute: resume reads it). */
  readonly tableDir: string;
  /** The table as pages show it (see tableNameOf): never the absolute path. */
  readonly tableName?: string | undefined;
  /** ISO time; the transcript's opening time when absent. */
  readonly startedAt?: string | undefined;
  /** The resolved settings (flags, environment, config file), without argv. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** A fork (`roundtable fork`): the transcript it started from, and the last turn it kept. */
  readonly forkedFrom?: ForkOrigin | undefined;
}

export interface ForkOrigin {
  /** The parent transcript folder (absolute). */
  readonly dir: string;
  /** The parent run's id. */
  readonly id?: string | undefined;
  /** The parent's turns 1 to `turn` are this discussion's too; it goes on from `turn + 1`. */
  readonly turn: number;
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

export function isRecordType(type: string): type is TranscriptRecord['type'] {
  return recordSchema(type) !== undefined;
}

export interface ParsedEvents {
  /** Every whole record, in file order. */
  readonly records: readonly TranscriptRecord[];
  /** The 1-based line of each record, for messages that name it. */
  readonly lines: readonly number[];
  readonly runs: readonly RunRecord[];
  readonly events: readonly StoredEvent[];
  /** The file ended in a partial line (a crash mid-write), which was left out. */
  readonly truncated: boolean;
  /** Bytes of the file up to the end of the last whole record. */
  readonly validBytes: number;
}

/**
 * Reads events.jsonl. A partial last line – all a crash or kill -9 can leave behind, since each
 * record is written whole with one write() – is reported, not fatal. A broken line anywhere else,
 * or a record that its schema refuses (event-schemas.ts), means the file was damaged or tampered
 * with, and is an error naming the line.
 */
export function parseEventsFile(text: string, source = EVENTS_FILE): ParsedEvents {
  const records: TranscriptRecord[] = [];
  const numbers: number[] = [];
  const lines = text.split('\n');
  // Everything before the last '\n' is whole lines; after it comes a partial line, or nothing.
  const tail = lines.pop() ?? '';
  let validChars = text.length - tail.length;
  const fail = (line: number, why: string): never => {
    throw new InputError(`${source}, line ${line}: ${why}.`, source);
  };
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseRecord(line);
    if (!parsed.ok) fail(index + 1, parsed.why);
    else {
      records.push(parsed.record);
      numbers.push(index + 1);
    }
  });

  let truncated = false;
  if (tail.trim() !== '') {
    const parsed = parseRecord(tail);
    if (parsed.ok) {
      // A record that parses is whole even without its newline: JSON cannot close early.
      records.push(parsed.record);
      numbers.push(lines.length + 1);
      validChars = text.length;
    } else if (parsed.json) fail(lines.length + 1, parsed.why);
    else truncated = true;
  }
  return {
    records,
    lines: numbers,
    runs: records.filter((r): r is RunRecord => r.type === 'run'),
    events: records.filter((r): r is StoredEvent => r.type !== 'run' && r.type !== 'closed'),
    truncated,
    validBytes: Buffer.byteLength(text.slice(0, validChars)),
  };
}

type Parsed =
  | { readonly ok: true; readonly record: TranscriptRecord }
  /** `json`: the line is whole JSON, so it is damaged rather than cut off by a crash. */
  | { readonly ok: false; readonly why: string; readonly json: boolean };

/** The record on this line, or why it is not one. */
function parseRecord(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, why: `not valid JSON (${(error as Error).message})`, json: false };
  }
  const bad = (why: string): Parsed => ({ ok: false, why, json: true });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return bad('not a JSON object');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return bad('no "type" field');
  const schema = recordSchema(type);
  if (schema === undefined) return bad(`unknown record type "${type}"`);
  // Checked as strictly as a live run's events: a tampered or damaged record is named, not used.
  const checked = schema.safeParse(value);
  if (!checked.success) {
    return bad(`this "${type}" record is not valid: ${describeIssues(checked.error, value)}`);
  }
  return { ok: true, record: checked.data as TranscriptRecord };
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
