// What kind of character a token starts with (a letter, a digit, a mark, upper or lower case),
// asked of single characters thousands of times a request. Each question was a pattern of its
// own (/^\p{Lu}/u, /^[\p{L}\p{N}]/u, /^[\p{L}\p{N}\p{M}]$/u, …), and V8 builds the Unicode sets
// of every pattern it compiles (a union of two classes costs more than both alone), again for
// text past Latin-1 and again as it tiers up: an offline run paid that on its first request.
// ASCII is answered from a table; any other code point by one pattern per property, once, and
// remembered.

const UPPER = 1;
const LOWER = 2;
const LETTER = 4;
const DIGIT = 8;
const MARK = 16;
type Property = typeof UPPER | typeof LOWER | typeof LETTER | typeof DIGIT | typeof MARK;

const ASCII = new Uint8Array(128);
for (let code = 65; code <= 90; code++) ASCII[code] = UPPER | LETTER;
for (let code = 97; code <= 122; code++) ASCII[code] = LOWER | LETTER;
for (let code = 48; code <= 57; code++) ASCII[code] = DIGIT;

const PATTERNS: Readonly<Record<Property, RegExp>> = {
  [UPPER]: /\p{Lu}/u,
  [LOWER]: /\p{Ll}/u,
  [LETTER]: /\p{L}/u,
  [DIGIT]: /\p{N}/u,
  [MARK]: /\p{M}/u,
};

/** Past ASCII, by code point: which properties were asked (high bits) and which hold (low). */
const known = new Map<number, number>();
const ASKED = 5;

function has(code: number, property: Property): boolean {
  if (code < 128) return ((ASCII[code] ?? 0) & property) !== 0;
  let bits = known.get(code) ?? 0;
  if ((bits & (property << ASKED)) === 0) {
    bits |= property << ASKED;
    if (PATTERNS[property].test(String.fromCodePoint(code))) bits |= property;
    known.set(code, bits);
  }
  return (bits & property) !== 0;
}

/** A letter or digit in any script (\p{L} or \p{N}). */
export function isLetterOrDigit(code: number): boolean {
  return has(code, LETTER) || has(code, DIGIT);
}

/** A letter, digit or combining mark in any script (\p{L}, \p{N} or \p{M}). */
export function isWordCharacter(code: number): boolean {
  return has(code, LETTER) || has(code, DIGIT) || has(code, MARK);
}

/** `text` starts with a letter or digit (as /^[\p{L}\p{N}]/u tests). */
export function startsWithLetterOrDigit(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && isLetterOrDigit(code);
}

/** `text` starts with an upper-case letter (/^\p{Lu}/u). */
export function startsUpper(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && has(code, UPPER);
}

/** `text` starts with a lower-case letter (/^\p{Ll}/u). */
export function startsLower(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && has(code, LOWER);
}

/** Every code point of `text` is a letter or digit, and there is one (/^[\p{L}\p{N}]+$/u). */
export function allLettersOrDigits(text: string): boolean {
  if (text === '') return false;
  for (const character of text) if (!isLetterOrDigit(character.codePointAt(0) ?? 0)) return false;
  return true;
}

/** Some code point of `text` is a letter or digit (/[\p{L}\p{N}]/u). */
export function hasLetterOrDigit(text: string): boolean {
  // ASCII first: nearly every text that has one has an ASCII one, found without the table.
  for (let i = 0; i < text.length; i++) if ((ASCII[text.charCodeAt(i)] ?? 0) !== 0) return true;
  for (const character of text) if (isLetterOrDigit(character.codePointAt(0) ?? 0)) return true;
  return false;
}
