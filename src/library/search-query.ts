import { InputError } from '../errors.js';
import { once } from '../once.js';

/** One search term: a word, a prefix (`rail*`) or a phrase (`"bus lane"`), folded as indexed. */
export interface SearchTerm {
  readonly words: readonly string[];
  /** The last word matches any word that starts with it. */
  readonly prefix: boolean;
}

export interface SearchQuery {
  /** For FTS5 MATCH: every term quoted, so no input is a syntax error; all terms required. */
  readonly fts: string;
  readonly terms: readonly SearchTerm[];
}

/**
 * A person's search words: every word and every "quoted phrase" becomes a term, all of them
 * required in one passage; a trailing * makes a word a prefix (`rail*`).
 */
export function parseSearch(input: string): SearchQuery {
  const terms: SearchTerm[] = [];
  for (const match of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      const words = tokenize(phrase);
      if (words.length > 0) terms.push({ words, prefix: false });
      continue;
    }
    const raw = match[2] ?? '';
    const words = tokenize(raw);
    words.forEach((word, i) => {
      terms.push({ words: [word], prefix: raw.endsWith('*') && i === words.length - 1 });
    });
  }
  if (terms.length === 0) {
    throw new InputError(
      `nothing to search for in "${input}": give a word (letters or digits), a "quoted phrase" or a prefix like rail*`,
    );
  }
  const fts = terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' ');
  return { fts, terms };
}

/** Folds a word as the index's tokenizer does (unicode61, remove_diacritics 2): no case, no accents. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Made on first use: V8 parses a pattern when it is made (its \p{…} classes through ICU), and a
// run loads this module without tokenizing anything.
const TOKEN = once(() => /[\p{L}\p{N}\p{M}_]+/gu);

/** The words of a text, folded. */
export function tokenize(text: string): string[] {
  return (text.match(TOKEN()) ?? []).map(fold).filter((w) => w !== '');
}

/** Where each word of `text` is: its folded form and its span. */
export function tokenSpans(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(TOKEN())].map((m) => ({
    word: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}
