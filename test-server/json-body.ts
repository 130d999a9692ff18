// A request body's JSON, parsed without ever holding the whole body as one string when it is
// large. V8 keeps a string of over 128 KB (64,000 characters of text with a non-Latin-1
// character, such as "€") in its large-object space, and making one there cost about a
// millisecond of CPU on this machine, half of it in the kernel: more than the JSON.parse of it,
// and a quarter of a 20,000-word request's whole cost. A chat request is nearly all its
// `messages`, so a large body is cut at that array's elements (found by its brackets, commas
// and quotes, outside strings), and each element, then the rest of the body with the array
// left empty, is parsed on its own. Anything this reading cannot account for is parsed whole,
// as JSON.parse parses it (and refused as it refuses it): the result is always JSON.parse's.

/** From this many bytes, a body's text may be past the large-object size. */
export const SPLIT_FROM = 48 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MESSAGES_KEY = Buffer.from('"messages"');

/** The index just past the string that opens at `start`, or -1 if it never closes. */
function stringEnd(body: Buffer, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = body.indexOf(QUOTE, from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (body[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Where the top-level `messages` array's elements lie: [start, end) of each, and the array's. */
export interface MessagesSpan {
  readonly open: number;
  readonly close: number;
  readonly elements: readonly (readonly [number, number])[];
}

/**
 * How far a reading of a body's brackets, commas and quotes has come: the next byte to read, the
 * nesting depth, the top-level key last read, and the messages array's bounds and elements so
 * far. A reading can stop after some elements and go on later, or start where a reading of a
 * body with the same bytes up to there stood (see JsonBodyMemo).
 */
export interface Scan {
  at: number;
  depth: number;
  key: readonly [number, number] | undefined;
  open: number;
  close: number;
  elementStart: number;
  readonly elements: [number, number][];
}

export function startScan(): Scan {
  return { at: 0, depth: 0, key: undefined, open: -1, close: -1, elementStart: -1, elements: [] };
}

/**
 * Reads on from `scan.at` to the body's end, or until the messages array has `stop` elements:
 * false when the body is not what this reading accounts for (then JSON.parse reads it whole).
 */
export function scanOn(body: Buffer, scan: Scan, stop = Number.POSITIVE_INFINITY): boolean {
  let { depth, key, open, close, elementStart } = scan;
  const { elements } = scan;
  let i = scan.at;
  for (; i < body.length && elements.length < stop; i++) {
    const byte = body[i];
    if (byte === QUOTE) {
      const end = stringEnd(body, i);
      if (end === -1) return false;
      if (depth === 1) key = [i, end];
      i = end - 1;
    } else if (byte === COLON && depth === 1 && key !== undefined) {
      // A top-level key: "messages", once, and spelt plainly (an escaped or repeated key is
      // read by JSON.parse alone, which knows which one counts).
      const [start, end] = key;
      const backslash = body.indexOf(BACKSLASH, start);
      if (backslash !== -1 && backslash < end) return false;
      if (end - start === MESSAGES_KEY.length && MESSAGES_KEY.equals(body.subarray(start, end))) {
        if (open !== -1) return false;
        let value = i + 1;
        while (
          value < body.length &&
          (body[value] === 0x20 ||
            body[value] === 0x0a ||
            body[value] === 0x0d ||
            body[value] === 0x09)
        )
          value++;
        if (body[value] !== OPEN_ARRAY) return false;
        open = value;
        elementStart = value + 1;
        depth = 2;
        i = value;
      }
      key = undefined;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth === 2 && open !== -1 && close === -1) {
        if (byte !== CLOSE_ARRAY) return false;
        if (elements.length > 0 || body.subarray(elementStart, i).toString('latin1').trim() !== '')
          elements.push([elementStart, i]);
        close = i;
      }
      depth--;
    } else if (byte === COMMA && depth === 2 && open !== -1 && close === -1) {
      elements.push([elementStart, i]);
      elementStart = i + 1;
    }
  }
  scan.at = i;
  scan.depth = depth;
  scan.key = key;
  scan.open = open;
  scan.close = close;
  scan.elementStart = elementStart;
  return true;
}

/** The messages array a finished scan found, if it found one. */
export function spanOf(scan: Scan): MessagesSpan | undefined {
  return scan.open === -1 || scan.close === -1 ? undefined : scan;
}

/** Parses the element at body[start, end): JSON.parse of its text (or what that would give). */
export type ElementParser = (body: Buffer, start: number, end: number) => unknown;

const parseElement: ElementParser = (body, start, end) =>
  JSON.parse(body.toString('utf8', start, end));

/**
 * The body parsed around its messages array (at `span`): the rest with the array left empty,
 * then each element by `element`, but for the first `reused.length`, which are given.
 */
export function parseAround(
  body: Buffer,
  span: MessagesSpan,
  element: ElementParser,
  reused: readonly unknown[] = [],
): unknown {
  try {
    const rest = JSON.parse(
      body.toString('utf8', 0, span.open + 1) + body.toString('utf8', span.close),
    ) as Record<string, unknown>;
    if (typeof rest !== 'object' || rest === null || !Array.isArray(rest.messages))
      return undefined;
    const messages: unknown[] = reused.slice(0, span.elements.length);
    for (let k = messages.length; k < span.elements.length; k++) {
      const [start, end] = span.elements[k] as readonly [number, number];
      messages.push(element(body, start, end));
    }
    rest.messages = messages;
    return rest;
  } catch {
    // Not JSON after all: JSON.parse of the whole says where, as it would have.
    return undefined;
  }
}

function parseSplit(body: Buffer, element: ElementParser): unknown {
  const scan = startScan();
  const span = scanOn(body, scan) ? spanOf(scan) : undefined;
  return span === undefined ? undefined : parseAround(body, span, element);
}

/**
 * JSON.parse of a UTF-8 body, without a string of the whole body when it is large.
 * `element` parses each message on its own (JsonBodyMemo passes one that remembers them).
 */
export function parseJsonBody(
  body: Buffer,
  splitFrom = SPLIT_FROM,
  element: ElementParser = parseElement,
): unknown {
  if (body.length >= splitFrom) {
    const parsed = parseSplit(body, element);
    if (parsed !== undefined) return parsed;
  }
  return JSON.parse(body.toString('utf8'));
}
