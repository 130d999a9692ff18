// Participant names go into regular expressions (mentions, name tags); they must match as
// literal text, whatever punctuation a name holds.

/** Letters, digits and underscore in any script: what a name may not run into. */
export const WORD_CHARS = '\\p{L}\\p{N}_';

/** Escapes for a `u`-flag pattern, where escaping anything else is itself a syntax error. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A name as a pattern: literal, but any run of spaces inside it matches any run of whitespace. */
export function namePattern(name: string): string {
  return name.trim().split(/\s+/u).map(escapeRegExp).join('\\s+');
}

/** An alternation of names, longest first so "Jo Ann" wins over "Jo" at the same position. */
export function nameAlternation(names: readonly string[]): string {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
  unique.sort((a, b) => b.length - a.length);
  return unique.map(namePattern).join('|');
}

/** The key two spellings of one name share: lower case, whitespace collapsed. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/gu, ' ').toLowerCase();
}
