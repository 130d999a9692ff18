// A server's JSON bodies, parsed with the messages it met lately remembered by their bytes. A
// conversation's next request is the previous one plus a turn: a 200-turn discussion's request
// repeats a hundred messages, 100 KB, byte for byte, and decoding and parsing them again was
// about a tenth of a replayed request's CPU. A message seen before is found by a fingerprint
// of its bytes and confirmed by comparing them all (native, no copy); only new messages are
// decoded and parsed. What a body parses to stays JSON.parse's: equal bytes parse equal.
//
// Most bodies are more than that: the same seat's previous request with its last message
// dropped and a few added. The last body of each conversation's seat is kept (found by its
// first messages' bytes), and a body that repeats it byte for byte up to its last message takes
// those messages as they were, in one comparison of the bytes, without reading them one by one.
import {
  type ElementParser,
  type MessagesSpan,
  parseAround,
  parseJsonBody,
  type Scan,
  scanOn,
  spanOf,
  startScan,
} from './json-body.js';
import { LruBytes } from './model/lru.js';

/** From this many bytes a body is read message by message (a smaller one is parsed whole). */
export const MEMO_FROM = 1024;
/** Elements shorter than this are parsed every time (cheaper than remembering them). */
export const SHORT_ELEMENT = 64;
/** Messages that say whose conversation a body is (the seat's system message, the first turn). */
const HEAD_ELEMENTS = 2;

/** A body parsed whole in this reading: its bytes, where its messages lay, what they parsed to. */
class Previous {
  readonly bytes: number;

  constructor(
    readonly source: Buffer,
    readonly span: MessagesSpan,
    readonly values: readonly unknown[],
  ) {
    // The source may be a view of a larger buffer, which it keeps.
    this.bytes = 200 + source.buffer.byteLength + span.elements.length * 80;
  }
}

/** One message's bytes and the value they parse to (frozen: every request shares it). */
class Element {
  readonly bytes: number;

  constructor(
    readonly source: Buffer,
    readonly value: unknown,
  ) {
    this.bytes = 160 + source.length * 3;
  }
}

/** Freezes a parsed JSON value and everything in it. */
function deepFreeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The element's length and a hash of 48 of its bytes, spread over it, and its last 16; kept
 * within a small integer, which a Map hashes without boxing a number.
 */
function keyOf(body: Buffer, start: number, end: number): number {
  const length = end - start;
  let hash = 0x811c9dc5;
  const step = Math.max(1, Math.floor(length / 48));
  for (let i = start; i < end; i += step) hash = Math.imul(hash ^ (body[i] as number), 0x01000193);
  for (let i = Math.max(start, end - 16); i < end; i++)
    hash = Math.imul(hash ^ (body[i] as number), 0x01000193);
  return (hash ^ Math.imul(length, 0x9e3779b1)) & 0x3fffffff;
}

/**
 * Parses request bodies, remembering the messages it parsed (bounded by bytes, least recently
 * used first out). The values it returns share their messages between requests: they are
 * frozen, and a reader must not change them.
 */
export class JsonBodyMemo {
  private readonly elements: LruBytes<number, Element>;
  private readonly element: ElementParser = (body, start, end) => {
    if (end - start < SHORT_ELEMENT) return JSON.parse(body.toString('utf8', start, end));
    const key = keyOf(body, start, end);
    const known = this.elements.get(key);
    if (known !== undefined && known.source.compare(body, start, end) === 0) return known.value;
    const value = deepFreeze(JSON.parse(body.toString('utf8', start, end)));
    // The tail of a body resumed from its seat's last: that seat's next body takes these from
    // this one (see `resume`), and no other body holds the same bytes (each seat is sent the
    // others' turns in a message of its own): remembered, they would only age into the old
    // generation, ~3 messages a request, and be collected there (a third of what a replayed
    // discussion promoted).
    if (!this.remembering) return value;
    // Another element with the same key takes its place.
    // A buffer of its own: a slice of Buffer's shared pool would keep the pool's 8 KB alive.
    const source = Buffer.allocUnsafeSlow(end - start);
    body.copy(source, 0, start, end);
    this.elements.set(key, new Element(source, value));
    return value;
  };

  /** Whether the messages parsed now are remembered (not when the body was resumed). */
  private remembering = true;

  /** The last body of each conversation's seat, by its head (see `parse`). */
  private readonly previous: LruBytes<number, Previous>;

  /** `limitBytes`: half for the messages, half for the last bodies. */
  constructor(limitBytes: number) {
    this.elements = new LruBytes(Math.floor(limitBytes / 2));
    this.previous = new LruBytes(Math.floor(limitBytes / 2));
  }

  get bytes(): number {
    return this.elements.bytes + this.previous.bytes;
  }

  /** What the messages remembered by their bytes hold (the last bodies left out). */
  get messageBytes(): number {
    return this.elements.bytes;
  }

  parse(body: Buffer): unknown {
    if (body.length < MEMO_FROM) return parseJsonBody(body, MEMO_FROM, this.element);
    const scan = startScan();
    // The head: the first messages, read on their own (a few KB of a body of up to ~100).
    if (!scanOn(body, scan, HEAD_ELEMENTS) || scan.elements.length < HEAD_ELEMENTS)
      return parseJsonBody(body, MEMO_FROM, this.element);
    const head = keyOf(body, 0, (scan.elements[HEAD_ELEMENTS - 1] as [number, number])[1]);
    const reused = this.resume(body, head, scan);
    const span = scanOn(body, scan) ? spanOf(scan) : undefined;
    this.remembering = reused.length === 0;
    const parsed = span === undefined ? undefined : parseAround(body, span, this.element, reused);
    this.remembering = true;
    if (parsed === undefined || span === undefined)
      return parseJsonBody(body, MEMO_FROM, this.element);
    // Kept for the seat's next body: frozen as the remembered messages are (a short one too).
    // Those taken from the last body were frozen when it was parsed: Object.isFrozen asked of
    // each of a long discussion's hundred messages was a call into the runtime apiece.
    const messages = (parsed as { messages: unknown[] }).messages;
    for (let k = reused.length; k < messages.length; k++) deepFreeze(messages[k]);
    this.previous.set(head, new Previous(body, span, messages.slice()));
    return parsed;
  }

  /**
   * When the body repeats the last one with the same head up to that one's last message, moves
   * `scan` on to there (as a reading of this body's bytes would stand there: they are the same)
   * and returns the messages up to there; else leaves it and returns none.
   */
  private resume(body: Buffer, head: number, scan: Scan): readonly unknown[] {
    const previous = this.previous.get(head);
    const kept = (previous?.span.elements.length ?? 0) - 1;
    if (previous === undefined || kept < HEAD_ELEMENTS) return [];
    const { span, source } = previous;
    // The comma after the last message kept: bytes up to it equal, the reading stands after it.
    const comma = (span.elements[kept - 1] as readonly [number, number])[1];
    if (body.length <= comma + 1 || source.compare(body, 0, comma + 1, 0, comma + 1) !== 0)
      return [];
    scan.at = comma + 1;
    scan.depth = 2;
    scan.key = undefined;
    scan.open = span.open;
    scan.close = -1;
    scan.elementStart = comma + 1;
    scan.elements.length = 0;
    for (let k = 0; k < kept; k++) scan.elements.push(span.elements[k] as [number, number]);
    return previous.values.slice(0, kept);
  }
}
