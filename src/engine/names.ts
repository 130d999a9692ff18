// Participant names go into regular expressions (mentions, name tags); they must match as
// literal text, whatever punctuation a name holds.

/** Escapes for a `u`-flag pattern, where escaping anything else is itself a syntax error. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A name as a pattern: literal, but any run of spaces inside it matches any run of whitespace. */
export function namePattern(name: string): string {
  return name.trim().split(/\s+/u).map(escapeRegExp).join('\\s+');
}

/** Names without repeats or blanks, longest first so "Jo Ann" wins over "Jo" at one position. */
export function orderedNames(names: readonly string[]): string[] {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
  return unique.sort((a, b) => b.length - a.length);
}

/** An alternation of names, longest first (see orderedNames). */
export function nameAlternation(names: readonly string[]): string {
  return orderedNames(names).map(namePattern).join('|');
}

/** The key two spellings of one name share: lower case, whitespace collapsed. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/gu, ' ').toLowerCase();
}
