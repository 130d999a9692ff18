// A server's JSON bodies, parsed with the messages it met lately remembered by their bytes. A
// conversation's next request is the previous one plus a turn: a 200-turn discussion's request
// repeats a hundred messages, 100 KB, byte for byte, and decoding and parsing them again was
// about a tenth of a replayed request's CPU. A message seen before is found by a fingerprint
// of its bytes and confirmed by comparing them all (native, no copy); only new messages are
// decoded and parsed. What a body parses to stays JSON.parse's: equal bytes parse equal.
import { type ElementParser, parseJsonBody } from './json-body.js';
import { LruBytes } from './model/lru.js';

/** From this many bytes a body is read message by message (a smaller one is parsed whole). */
export const MEMO_FROM = 1024;
/** Elements shorter than this are parsed every time (cheaper than remembering them). */
export const SHORT_ELEMENT = 64;

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
    // Another element with the same key takes its place.
    // A buffer of its own: a slice of Buffer's shared pool would keep the pool's 8 KB alive.
    const source = Buffer.allocUnsafeSlow(end - start);
    body.copy(source, 0, start, end);
    this.elements.set(key, new Element(source, value));
    return value;
  };

  constructor(limitBytes: number) {
    this.elements = new LruBytes(limitBytes);
  }

  get bytes(): number {
    return this.elements.bytes;
  }

  parse(body: Buffer): unknown {
    return parseJsonBody(body, MEMO_FROM, this.element);
  }
}
