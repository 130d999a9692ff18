// Whether a code point is a letter (upper or lower case), a digit or a combining mark, asked
// without a regular expression. V8 parses a `\p{…}` class through ICU when it makes a pattern and
// builds its Unicode ranges again at every compile (bytecode, then machine code as it tiers up,
// and again for text past Latin-1): 1–10 M instructions a pattern, and the offline model's first
// turns compiled a dozen (docs/benchmarks.md, "Start-up › Session 13"). The build reads this
// Node's `\p{…}` for every code point into a table of ranges (builtPropertyTable), which a
// bundled run looks up by binary search; where the sources run unbundled (tests, tsx) one
// `\p{…}` pattern per property answers, remembered by code point. The table is checked against
// the patterns for every code point (unicode-properties.test.ts).

/** The build's table (builtPropertyTable); undefined where the sources run unbundled. */
declare const __ROUNDTABLE_UNICODE_PROPERTIES__: string | undefined;

export const UPPER = 1; // \p{Lu}
export const LOWER = 2; // \p{Ll}
export const LETTER = 4; // \p{L}
export const DIGIT = 8; // \p{N}
export const MARK = 16; // \p{M}
export type Property = typeof UPPER | typeof LOWER | typeof LETTER | typeof DIGIT | typeof MARK;

const SOURCES: readonly [Property, string][] = [
  [UPPER, String.raw`\p{Lu}`],
  [LOWER, String.raw`\p{Ll}`],
  [LETTER, String.raw`\p{L}`],
  [DIGIT, String.raw`\p{N}`],
  [MARK, String.raw`\p{M}`],
];

const ASCII = new Uint8Array(128);
for (let code = 65; code <= 90; code++) ASCII[code] = UPPER | LETTER;
for (let code = 97; code <= 122; code++) ASCII[code] = LOWER | LETTER;
for (let code = 48; code <= 57; code++) ASCII[code] = DIGIT;

const LAST_CODE_POINT = 0x10ffff;

/**
 * Every code point past ASCII read with the `\p{…}` patterns, as runs that share their
 * properties: `[length of the run before, its bits, …]` in JSON, the first run at 128.
 */
export function builtPropertyTable(): string {
  const patterns = SOURCES.map(([bit, source]) => [bit, new RegExp(source, 'u')] as const);
  const table: number[] = [];
  let start = 128;
  let previous = -1;
  for (let code = 128; code <= LAST_CODE_POINT; code++) {
    const character = String.fromCodePoint(code);
    let bits = 0;
    for (const [bit, pattern] of patterns) if (pattern.test(character)) bits |= bit;
    if (bits !== previous) {
      if (previous >= 0) table.push(code - start, previous);
      start = code;
      previous = bits;
    }
  }
  table.push(LAST_CODE_POINT + 1 - start, previous);
  return JSON.stringify(table);
}

/** A table's lookup: the properties of a code point past ASCII, by binary search of its runs. */
export function tableLookup(encoded: string): (code: number) => number {
  const table = JSON.parse(encoded) as number[];
  const runs = table.length / 2;
  const starts = new Uint32Array(runs);
  const bits = new Uint8Array(runs);
  let start = 128;
  for (let run = 0; run < runs; run++) {
    starts[run] = start;
    bits[run] = table[2 * run + 1] as number;
    start += table[2 * run] as number;
  }
  return (code) => {
    let low = 0;
    let high = runs - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= code) low = middle;
      else high = middle - 1;
    }
    return bits[low] as number;
  };
}

/** Unbundled: each property asked of a code point by its pattern, once (asked bits high). */
function patternLookup(): (code: number, properties: number) => boolean {
  const patterns = SOURCES.map(([bit, source]) => [bit, new RegExp(source, 'u')] as const);
  const known = new Map<number, number>();
  const ASKED = 5;
  return (code, properties) => {
    let bits = known.get(code) ?? 0;
    for (const [bit, pattern] of patterns) {
      if ((properties & bit) === 0 || (bits & (bit << ASKED)) !== 0) continue;
      bits |= bit << ASKED;
      if (pattern.test(String.fromCodePoint(code))) bits |= bit;
    }
    known.set(code, bits);
    return (bits & properties) !== 0;
  };
}

let lookup: ((code: number, properties: number) => boolean) | undefined;

function made(): (code: number, properties: number) => boolean {
  if (typeof __ROUNDTABLE_UNICODE_PROPERTIES__ === 'string') {
    const table = tableLookup(__ROUNDTABLE_UNICODE_PROPERTIES__);
    return (code, properties) => (table(code) & properties) !== 0;
  }
  return patternLookup();
}

/** Whether `code` has any of `properties` (bits of UPPER, LOWER, LETTER, DIGIT, MARK). */
export function hasProperty(code: number, properties: number): boolean {
  if (code < 128) return ((ASCII[code] ?? 0) & properties) !== 0;
  lookup ??= made();
  return lookup(code, properties);
}

/** \p{L} */
export function isLetter(code: number): boolean {
  return hasProperty(code, LETTER);
}

/** [\p{L}\p{N}] */
export function isLetterOrDigit(code: number): boolean {
  return hasProperty(code, LETTER | DIGIT);
}

/** [\p{L}\p{N}\p{M}] */
export function isWordCharacter(code: number): boolean {
  return hasProperty(code, LETTER | DIGIT | MARK);
}

/** \p{Lu} */
export function isUpper(code: number): boolean {
  return hasProperty(code, UPPER);
}

/** \p{Ll} */
export function isLower(code: number): boolean {
  return hasProperty(code, LOWER);
}

/**
 * `\s`: ECMAScript's white space and line terminators (the Zs category, tab, vertical tab, form
 * feed, the byte-order mark, line feed, carriage return, U+2028 and U+2029).
 */
export function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const PAST_ASCII = /[^\0-\x7f]/;

/**
 * Whether a pattern whose letters and digits are spelled [A-Za-z0-9], without the `u` flag,
 * reads `text` as the same pattern with [\p{L}\p{N}] and `u` does: no letter or digit past
 * ASCII, and no code point past U+FFFF (without `u`, one is two characters). So a caller can
 * ask a cheap pattern first and scan (or ask `\p{…}`) only the rare text that fails.
 */
export function readsAsAscii(text: string): boolean {
  const first = text.search(PAST_ASCII);
  if (first < 0) return true;
  for (let i = first; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 128) continue;
    if ((unit >= 0xd800 && unit <= 0xdfff) || isLetterOrDigit(unit)) return false;
  }
  return true;
}
