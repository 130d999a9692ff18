// What scripts/build.ts changes in each chunk esbuild wrote: the require banner left out where
// nothing calls require (below), and the chunks in ASCII only.
//
// esbuild writes strings and identifiers in ASCII (its `charset` is ascii) but leaves regular
// expression literals as written, so the chunks whose patterns hold a curly quote or an ellipsis
// (the offline model, the engine: `['’]`, `[.!?…]`) were UTF-8 with a few non-ASCII characters.
// Node decodes such a file into a two-byte string, on a path ~100 times slower than an ASCII
// file's (the four of a discussion, 533 kB: 11-33 ms against ~0.1 for 313 kB of ASCII, load ~5),
// and hashes it for the compile cache by encoding it back. In a pattern, `\uXXXX` matches what
// the character does (with or without the `u` flag, in a class or not), so each non-ASCII
// character of a regular expression literal is written so, and the source map's columns moved
// to match. Other non-ASCII text (a String.raw template's) is left as it is.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Node runs scripts/build.ts and this file as TypeScript without tsx, so a sibling is imported
// by its .ts name (tsc takes the types from the `import()` type).
const { scanChunk } = (await import(
  new URL('./chunk-scan.ts', import.meta.url).href
)) as typeof import('./chunk-scan.js');

/** [start, end) of each regular expression literal (with its slashes) in minified JavaScript. */
export function regExpSpans(code: string): [number, number][] {
  return scanChunk(code).regExps;
}

/** `\uXXXX` for each non-ASCII UTF-16 unit of a pattern; a `\` before one is dropped. */
function asciiPattern(literal: string): string {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const code = literal.charCodeAt(i);
    const next = literal.charCodeAt(i + 1);
    if (literal[i] === '\\' && next > 0x7f) continue;
    if (literal[i] === '\\') {
      out += literal.slice(i, i + 2);
      i += 1;
    } else out += code > 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : literal[i];
  }
  return out;
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = VLQ.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeVlq(values: readonly number[]): string {
  let text = '';
  for (const v of values) {
    let value = v < 0 ? (-v << 1) | 1 : v << 1;
    do {
      let digit = value & 31;
      value >>>= 5;
      if (value > 0) digit |= 32;
      text += VLQ[digit];
    } while (value > 0);
  }
  return text;
}

/** Moves each mapping's generated column by what was inserted before it on its line. */
export function shiftMappings(
  mappings: string,
  moved: (line: number, column: number) => number,
): string {
  return mappings
    .split(';')
    .map((line, lineIndex) => {
      let column = 0;
      let shiftedBefore = 0;
      return line
        .split(',')
        .map((segment) => {
          if (segment === '') return segment;
          const [delta = 0, ...rest] = decodeVlq(segment);
          column += delta;
          const shifted = moved(lineIndex, column);
          const out = encodeVlq([shifted - shiftedBefore, ...rest]);
          shiftedBefore = shifted;
          return out;
        })
        .join(',');
    })
    .join(';');
}

/** Rewrites the chunk (and its map) if a regular expression literal in it is not ASCII. */
export function asciiChunk(path: string): void {
  const code = readFileSync(path, 'utf8');
  if (!/[\u0080-\uffff]/.test(code)) return;
  const edits: Edit[] = [];
  for (const [start, end] of regExpSpans(code)) {
    const literal = code.slice(start, end);
    if (/[\u0080-\uffff]/.test(literal)) edits.push({ start, end, text: asciiPattern(literal) });
  }
  writeEdits(path, code, edits);
}

/** `[start, end)` of a chunk's code replaced by `text` (an insertion when start is end). */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Writes the chunk at `path`, whose code is `code`, with `edits` made (in order, not
 * overlapping), and moves its source map's generated columns to match: a mapping after an edit
 * on its line moves by what the edit added.
 */
export function writeEdits(path: string, code: string, edits: readonly Edit[]): void {
  if (edits.length === 0) return;
  let out = '';
  let from = 0;
  // Per generated line, the columns (in the old text) from which characters were added.
  const added = new Map<number, { at: number; added: number }[]>();
  let line = 0;
  let lineStart = 0;
  for (const { start, end, text } of edits) {
    for (let i = code.indexOf('\n', from); i !== -1 && i < start; i = code.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    out += code.slice(from, start) + text;
    const list = added.get(line) ?? [];
    list.push({ at: end - lineStart, added: text.length - (end - start) });
    added.set(line, list);
    from = end;
  }
  out += code.slice(from);
  writeFileSync(path, out);
  const mapPath = `${path}.map`;
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { mappings: string };
  map.mappings = shiftMappings(map.mappings, (lineIndex, column) => {
    let shifted = column;
    for (const edit of added.get(lineIndex) ?? []) if (column >= edit.at) shifted += edit.added;
    return shifted;
  });
  writeFileSync(mapPath, JSON.stringify(map));
}

/** The banner scripts/build.ts gives every chunk: CommonJS code calls require(). */
export const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Empties the banner's line in a chunk that never names `require` (~110 of 118: only the chunks
 * holding CommonJS code do): each `createRequire` made a require function at the chunk's import,
 * ~50 us apiece, ~3 ms of a discussion's start for the 60-odd chunks it loads. The line stays,
 * empty, so that the source map's lines still hold.
 */
function withoutUnusedRequire(path: string): void {
  const code = readFileSync(path, 'utf8');
  if (!code.startsWith(`${REQUIRE_BANNER}\n`)) {
    throw new Error(`${path} does not start with the require banner; see scripts/build.ts`);
  }
  const body = code.slice(REQUIRE_BANNER.length);
  if (!/\brequire\b/.test(body)) writeFileSync(path, body);
}

/** Every chunk of `dir`: the require banner where unused, then patterns in ASCII. */
export function rewriteChunks(dir: string): void {
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.js'))) {
    withoutUnusedRequire(join(dir, name));
    asciiChunk(join(dir, name));
  }
}
