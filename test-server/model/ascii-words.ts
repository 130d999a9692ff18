// A word at the start or the end of a text, as /^[\p{L}'’]+/u and /([\p{L}'’]+)\s*$/u find it,
// read with ASCII patterns first. V8 builds a \p{L} class's Unicode ranges at every compile of
// such a pattern (bytecode first, machine code once it is used again, again for text past
// Latin-1): ~1–4 M instructions each time, paid by every run. The ASCII run found is the word
// unless the character beside it is past ASCII (a letter such as é, or ’), and only then is the
// Unicode pattern made and asked (ascii-words.test.ts checks both answer alike): V8 parses a
// pattern when it is made, too, so a module-level \p{L} pattern costs every run even unused.

let leading: RegExp | undefined;
let trailing: RegExp | undefined;
const LEADING = () => (leading ??= /^[\p{L}'’]+/u);
const ASCII_LEADING = /^[A-Za-z']+/;
const TRAILING = () => (trailing ??= /([\p{L}'’]+)\s*$/u);
const ASCII_TRAILING = /([A-Za-z']+)\s*$/;

const pastAscii = (code: number): boolean => code >= 0x80;

/** The letters and apostrophes `text` starts with (/^[\p{L}'’]+/u), or undefined. */
export function leadingWord(text: string): string | undefined {
  const ascii = ASCII_LEADING.exec(text)?.[0] ?? '';
  if (!pastAscii(text.charCodeAt(ascii.length))) return ascii === '' ? undefined : ascii;
  return LEADING().exec(text)?.[0];
}

/** The letters and apostrophes `text` ends with, spaces after them aside (/([\p{L}'’]+)\s*$/u). */
export function trailingWord(text: string): string | undefined {
  const found = ASCII_TRAILING.exec(text);
  if (found !== null) {
    return pastAscii(text.charCodeAt(found.index - 1)) ? TRAILING().exec(text)?.[1] : found[1];
  }
  const end = text.trimEnd();
  return pastAscii(end.charCodeAt(end.length - 1)) ? TRAILING().exec(text)?.[1] : undefined;
}
