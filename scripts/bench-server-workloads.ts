// The workloads of scripts/bench-server.ts: the request bodies of the original's baseline (its
// real turn-5 request, a 200-turn replay, a 20,000-word prompt), read from the reference folder,
// or the committed fixtures where that folder is absent.
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface Workload {
  readonly label: string;
  readonly body: (index: number) => Buffer;
  /**
   * A file of `count` bodies for load.js (one request a line; a single body is sent `count`
   * times): the bodies from index `from` on (the warm-up's and the measured run's differ).
   */
  readonly file: (count: number, from: number) => string;
  /** At most this many requests a measurement. */
  readonly limit?: number;
  /** Requests per pass: a replay is measured over whole passes. */
  readonly count?: number | undefined;
}

/** Passes of the replay in one measurement at most (see the replay's `limit`). */
const REPLAY_PASSES_AT_MOST = 40;

/** Distinct conversations in a cold measurement at most. */
const COLD_BODIES = 5000;

/** Bodies written for load.js, which reads its bodies from a file. */
let scratch: string | undefined;

function scratchDir(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(`${tmpdir()}/bench-server-`);
    scratch = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

/** A reference body's path, or its committed stand-in. */
export function pathOf(reference: string, name: string, fallback: string): string {
  const path = `${reference}/${name}`;
  return existsSync(path) ? path : `${root}/test-server/fixtures/${fallback}`;
}

/** The original's turn-5 request (or its stand-in). */
export function turn5Request(reference: string): Buffer {
  return readFileSync(pathOf(reference, 'turn5_request_fixed.json', 'turn5-request.json'));
}

/** Bodies `from` to `from + count - 1`, one a line, written once for load.js. */
function bodiesFile(name: string, body: (index: number) => Buffer, from: number, count: number) {
  const path = `${scratchDir()}/${name}-${from}-${count}.jsonl`;
  if (!existsSync(path)) {
    // Line by line: a fast machine's seconds of the replay (11 MB a pass) joined into one string
    // passed V8's longest (~512 MB) and ended the run.
    const fd = openSync(path, 'w');
    try {
      for (let i = 0; i < count; i++) writeSync(fd, `${body(from + i).toString('utf8')}\n`);
    } finally {
      closeSync(fd);
    }
  }
  return path;
}

interface ChatBody {
  messages: { role: string; content: string }[];
}

/** Tags the body's first message with `(k)`, before its first blank line. */
function tagConversation(parsed: ChatBody, k: number): void {
  const index = parsed.messages.findIndex((message) => message.role !== 'system');
  const first = parsed.messages[index];
  if (first !== undefined) {
    const end = first.content.indexOf('\n\n');
    const at = end === -1 ? first.content.length : end;
    parsed.messages[index] = {
      ...first,
      content: `${first.content.slice(0, at)} (${k})${first.content.slice(at)}`,
    };
  }
}

/**
 * A request made part of conversation `k`: its first message tagged, so every unit after it
 * keys a different conversation while the text stays what it was.
 */
export function inConversation(request: Buffer, k: number): Buffer {
  const parsed = JSON.parse(request.toString('utf8')) as ChatBody;
  tagConversation(parsed, k);
  return Buffer.from(JSON.stringify(parsed));
}

/** A paragraph that opens a moderator's line (`Moderator:`), or a seat's turn (`Name:`). */
const MODERATOR_TAG = /^Moderator:/;
const SEAT_TAG = /^[^\s:][^\n:]{0,60}:/;

/**
 * Every seat's turn in `content` with ` (k)` at the end of each of its paragraphs. A turn is
 * tagged alike wherever it comes back (an assistant message is its seat's turn whole; a user
 * message holds others' turns, each after its `Name:`), so a pass's requests still extend each
 * other; the moderator's lines stay as they are (a new discussion at the table hears the same).
 */
function tagTurns(role: string, content: string, k: number): string {
  if (role === 'assistant') return content.replace(/(?<=\S)(?=\n[ \t]*\n|$)/g, ` (${k})`);
  let moderator = false;
  return content
    .split('\n\n')
    .map((paragraph) => {
      if (MODERATOR_TAG.test(paragraph)) moderator = true;
      else if (SEAT_TAG.test(paragraph)) moderator = false;
      return moderator || paragraph.trim() === '' ? paragraph : `${paragraph} (${k})`;
    })
    .join('\n\n');
}

/**
 * A replayed request made pass `k`'s: a conversation of its own (see `inConversation`), and
 * every seat's turn in it tagged with `k`, so that no text a turn was read as on an earlier pass
 * is met again. With only the first message tagged, each pass repeated the others' texts word
 * for word, and a cache by text answered passes 2+ from pass 1 (session 12: 0.65 against 0.81
 * ms a warm request in one process), which a server meeting a new discussion never gets.
 */
export function asPass(request: Buffer, k: number): Buffer {
  const parsed = JSON.parse(request.toString('utf8')) as ChatBody;
  tagConversation(parsed, k);
  for (const message of parsed.messages)
    if (message.role === 'user' || message.role === 'assistant')
      message.content = tagTurns(message.role, message.content, k);
  return Buffer.from(JSON.stringify(parsed));
}

/**
 * A request made part of conversation `conversation` at table `table`: tagged as by
 * `inConversation`, and its system message too, so that each table's seats are seats of their
 * own (their material and sentence banks built afresh), as at a server serving many tables.
 */
export function atTable(request: Buffer, conversation: number, table: number): Buffer {
  const parsed = JSON.parse(request.toString('utf8')) as ChatBody;
  tagConversation(parsed, conversation);
  const system = parsed.messages.find((message) => message.role === 'system');
  if (system !== undefined) system.content = `${system.content} (Table ${table}.)`;
  return Buffer.from(JSON.stringify(parsed));
}

/** The replay's requests as they came (the turn-5 request where the reference has none). */
export function replayRequests(reference: string): Buffer[] {
  const replayPath = `${reference}/replay200.jsonl.gz`;
  return existsSync(replayPath)
    ? gunzipSync(readFileSync(replayPath))
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => Buffer.from(line))
    : [turn5Request(reference)];
}

/**
 * The workloads by name. `firstOnly`: the replay's passes tagged as before session 12 (only the
 * first message), to measure what the repetition across passes was worth.
 */
export function workloads(reference: string, firstOnly = false): Record<string, Workload> {
  const turn5Path = pathOf(reference, 'turn5_request_fixed.json', 'turn5-request.json');
  const turn5 = readFileSync(turn5Path);
  const wordsPath = pathOf(reference, 'req_20000w.json', 'words20000-request.json');
  const replay = replayRequests(reference);
  // Each pass of the replay a discussion of its own, as a server meets them: a pass repeated
  // word for word would be answered from the states and readings it left behind.
  const replayed = (i: number) =>
    (firstOnly ? inConversation : asPass)(
      replay[i % replay.length] as Buffer,
      Math.floor(i / replay.length),
    );
  const cold = (i: number) => inConversation(turn5, i);
  const same = (path: string) => (): string => path;
  const words = readFileSync(wordsPath);
  return {
    turn5: { label: "the original's turn-5 request", body: () => turn5, file: same(turn5Path) },
    replay: {
      label: `a ${replay.length}-request replay of a 200-turn discussion`,
      body: replayed,
      file: (count, from) => bodiesFile('replay', replayed, from, count),
      count: replay.length,
      // load.js reads its bodies file into one string: past ~46 passes (11 MB each) it fails,
      // which a quiet machine's null server reached in 3 s with keep-alive (3,817 requests a
      // second). 40 passes at most: a fast server's measurement is then shorter than asked.
      limit: REPLAY_PASSES_AT_MOST * replay.length,
    },
    words20000: { label: '20,000-word prompt', body: () => words, file: same(wordsPath) },
    cold: {
      label: 'turn-5 request, a new conversation each time',
      body: cold,
      file: (count, from) => bodiesFile('cold', cold, from, count),
      limit: COLD_BODIES,
    },
  };
}
