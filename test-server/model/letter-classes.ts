// The character classes of the model's two word patterns (words.ts's WORD, phrases.ts's TOKEN),
// spelled as ranges of code points instead of Unicode properties. V8 builds every `\p{…}` of a
// pattern from ICU each time it compiles it (once for text in Latin-1, again for text past it,
// again as it tiers up): the two patterns cost ~24 M instructions of an offline run's first
// request with `\p{…}`, ~11 M with the same classes as ranges (callgrind, docs/benchmarks.md
// "Start-up › Session 8"). The ranges are read from this Node's `\p{…}` when the bundle is built
// (scripts/build.ts defines them); where the sources run unbundled (tests, tsx) the classes keep
// their `\p{…}` spelling, which matches the same characters.

/** The build's ranges (JSON of ClassBodies); undefined where the sources run unbundled. */
declare const __ROUNDTABLE_LETTER_CLASSES__: string | undefined;

export interface ClassBodies {
  /** `\p{L}\p{N}`: a letter or digit in any script. */
  readonly letterOrDigit: string;
  /** `\p{L}\p{N}\p{M}`: a letter, digit or combining mark. */
  readonly wordCharacter: string;
}

const PROPERTIES: ClassBodies = {
  letterOrDigit: String.raw`\p{L}\p{N}`,
  wordCharacter: String.raw`\p{L}\p{N}\p{M}`,
};

/** Bodies of `[…]` for a `u`-flag pattern (without the brackets). */
export const CLASS_BODIES: ClassBodies =
  typeof __ROUNDTABLE_LETTER_CLASSES__ === 'string'
    ? (JSON.parse(__ROUNDTABLE_LETTER_CLASSES__) as ClassBodies)
    : PROPERTIES;

const LAST_CODE_POINT = 0x10ffff;

/** A code point as a class member: itself where that is plain, else `\u{…}`. */
function member(code: number): string {
  const plain = code > 0x20 && code < 0x7f ? !'\\]-^['.includes(String.fromCharCode(code)) : false;
  const beyondAscii = code > 0xa0 && code < 0xd800;
  return plain || beyondAscii ? String.fromCharCode(code) : `\\u{${code.toString(16)}}`;
}

/**
 * The body of a `u`-flag class that matches the code points `[body]` matches (`body` in `\p{…}`
 * terms), as ranges, every code point tried (a lone surrogate too: a `u` pattern reads one as a
 * code point of its own).
 */
export function rangesOf(body: string): string {
  const pattern = new RegExp(`^[${body}]$`, 'u');
  const parts: string[] = [];
  let start = -1;
  let end = -1;
  for (let code = 0; code <= LAST_CODE_POINT; code++) {
    if (pattern.test(String.fromCodePoint(code))) {
      if (start < 0) start = code;
      end = code;
    } else if (start >= 0) {
      parts.push(start === end ? member(start) : `${member(start)}-${member(end)}`);
      start = -1;
    }
  }
  if (start >= 0) parts.push(start === end ? member(start) : `${member(start)}-${member(end)}`);
  return parts.join('');
}

/** What the build defines as __ROUNDTABLE_LETTER_CLASSES__. */
export function builtClassBodies(): string {
  const bodies: ClassBodies = {
    letterOrDigit: rangesOf(PROPERTIES.letterOrDigit),
    wordCharacter: rangesOf(PROPERTIES.wordCharacter),
  };
  return JSON.stringify(bodies);
}
