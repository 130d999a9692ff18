import { type SearchTerm, tokenSpans } from './search-query.js';

export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface Snippet {
  /** The text around the first match, matched words between MATCH_START and MATCH_END. */
  readonly text: string;
  /** How many of the search's terms the passage holds. */
  readonly terms: number;
}

/**
 * Marks the search's terms in a passage and cuts a window of about `words` words around the
 * first match, with `…` where the passage goes on. The library's full-text index has already
 * chosen the passage; this only shows a person where the words are.
 */
export function snippetOf(text: string, terms: readonly SearchTerm[], words = 16): Snippet {
  const tokens = tokenSpans(text);
  const marked = new Set<number>();
  let found = 0;
  for (const term of terms) {
    let hit = false;
    for (let i = 0; i + term.words.length <= tokens.length; i++) {
      const matches = term.words.every((word, k) => {
        const token = tokens[i + k]?.word ?? '';
        const last = k === term.words.length - 1;
        return last && term.prefix ? token.startsWith(word) : token === word;
      });
      if (!matches) continue;
      hit = true;
      for (let k = 0; k < term.words.length; k++) marked.add(i + k);
    }
    if (hit) found += 1;
  }
  if (marked.size === 0 || tokens.length === 0) {
    return { text: clip(text, 0, Math.min(tokens.length, words), tokens), terms: 0 };
  }
  const first = Math.min(...marked);
  // Some words before the first match; as many as fit when the passage ends soon after it.
  const from = Math.max(0, Math.min(first - Math.floor(words / 3), tokens.length - words));
  const to = Math.min(tokens.length, from + words);
  let out = '';
  let cursor = tokens[from]?.start ?? 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    out += text.slice(cursor, token.start);
    const word = text.slice(token.start, token.end);
    out += marked.has(i) ? `${MATCH_START}${word}${MATCH_END}` : word;
    cursor = token.end;
  }
  const end = to >= tokens.length ? text.length : cursor;
  out += text.slice(cursor, end);
  return {
    text: `${from > 0 ? '…' : ''}${out.trim()}${to < tokens.length ? '…' : ''}`,
    terms: found,
  };
}

function clip(
  text: string,
  from: number,
  to: number,
  tokens: readonly { start: number; end: number }[],
): string {
  const end = to < tokens.length ? (tokens[to - 1]?.end ?? text.length) : text.length;
  return `${text.slice(tokens[from]?.start ?? 0, end).trim()}${to < tokens.length ? '…' : ''}`;
}
