import { InputError } from '../errors.js';

/**
 * A person's search words as an FTS5 query that cannot be a syntax error: every word and every
 * "quoted phrase" becomes a quoted FTS string, all of them required; a trailing * keeps a word a
 * prefix (`rail*`).
 */
export function toFtsQuery(input: string): string {
  const terms: string[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      const words = wordsOf(phrase);
      if (words.length > 0) terms.push(`"${words.join(' ')}"`);
      continue;
    }
    const raw = match[2] ?? '';
    const prefix = raw.endsWith('*');
    const words = wordsOf(raw);
    words.forEach((word, i) => {
      terms.push(`"${word}"${prefix && i === words.length - 1 ? '*' : ''}`);
    });
  }
  if (terms.length === 0) {
    throw new InputError(
      `nothing to search for in "${input}": give a word (letters or digits), a "quoted phrase" or a prefix like rail*`,
    );
  }
  return terms.join(' ');
}

/** Letters, digits and marks, as FTS5's unicode61 tokenizer splits them. */
function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
}
