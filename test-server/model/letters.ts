// What kind of character a token starts with (a letter, a digit, a mark, upper or lower case),
// asked of single characters thousands of times a request. Each question was a pattern of its
// own (/^\p{Lu}/u, /^[\p{L}\p{N}]/u, /^[\p{L}\p{N}\p{M}]$/u, …), and V8 builds the Unicode sets
// of every pattern it compiles: src/unicode-properties.ts answers from tables instead.
import {
  isLetter,
  isLetterOrDigit,
  isLower,
  isSpace,
  isUpper,
  isWordCharacter,
  readsAsAscii,
} from '../../src/unicode-properties.js';

export { isLetterOrDigit, isWordCharacter };

/** `text` starts with a letter or digit (as /^[\p{L}\p{N}]/u tests). */
export function startsWithLetterOrDigit(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && isLetterOrDigit(code);
}

/** `text` starts with an upper-case letter (/^\p{Lu}/u). */
export function startsUpper(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && isUpper(code);
}

/** `text` starts with a lower-case letter (/^\p{Ll}/u). */
export function startsLower(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && isLower(code);
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
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 128 && isLetterOrDigit(unit)) return true;
  }
  for (const character of text) if (isLetterOrDigit(character.codePointAt(0) ?? 0)) return true;
  return false;
}

/** The tokens of a text that reads as ASCII (readsAsAscii). */
const ASCII_TOKEN = /[A-Za-z0-9][A-Za-z0-9'’-]*|[^\sA-Za-z0-9]/g;

/**
 * A text's words and marks, as text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[^\s\p{L}\p{N}]/gu)
 * finds them (or []): a word runs from a letter or digit over letters, digits, apostrophes and
 * hyphens; every other character but white space is a token alone. Not that pattern: V8
 * compiled its classes (~700 ranges) on the first request and again as it tiered up, ~10 M
 * instructions of an offline run's first turn. A text with no letter or digit past ASCII is read
 * with ASCII_TOKEN, any other is scanned.
 */
export function tokensOf(text: string): string[] {
  if (readsAsAscii(text)) return text.match(ASCII_TOKEN) ?? [];
  const tokens: string[] = [];
  const length = text.length;
  for (let i = 0; i < length; ) {
    const code = text.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    if (isLetterOrDigit(code)) {
      let end = i + width;
      while (end < length) {
        const next = text.codePointAt(end) as number;
        if (next !== 0x27 && next !== 0x2019 && next !== 0x2d && !isLetterOrDigit(next)) break;
        end += next > 0xffff ? 2 : 1;
      }
      tokens.push(text.slice(i, end));
      i = end;
    } else {
      if (!isSpace(code)) tokens.push(text.slice(i, i + width));
      i += width;
    }
  }
  return tokens;
}

/** An upper-case letter and lower-case ones after it (as /^\p{Lu}\p{Ll}*$/u tests). */
export function isCapitalisedWord(word: string): boolean {
  let upper = true;
  for (const character of word) {
    const code = character.codePointAt(0) as number;
    if (!(upper ? isUpper(code) : isLower(code))) return false;
    upper = false;
  }
  return !upper;
}

/**
 * `text` with only its letters, white space and apostrophes (as text.replace(/[^\p{L}\s']/gu,
 * ''), whose \p{L} V8 compiled at the first wrap-up: ~2 M instructions).
 */
export function lettersAndSpaces(text: string): string {
  let kept = '';
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (code === 0x27 || isSpace(code) || isLetter(code)) kept += character;
  }
  return kept;
}
