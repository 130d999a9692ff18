// The repetition guard: a reply that is a near-duplicate of one of the last turns, by word
// shingles. Pure: the engine hands it the recent turns.

import type { RepeatMark } from '../events.js';
import type { HistoryEntry } from '../history.js';

/** How many of the latest turns a reply is compared with. */
export const REPEAT_WINDOW = 10;
/** The default similarity from which a reply counts as a repeat. */
export const DEFAULT_REPEAT_THRESHOLD = 0.5;
const SHINGLE = 3;

/** The reply's word 3-grams: lower case, punctuation ignored. */
export function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const set = new Set<string>();
  if (words.length < SHINGLE) {
    if (words.length > 0) set.add(words.join(' '));
    return set;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) set.add(words.slice(i, i + SHINGLE).join(' '));
  return set;
}

/**
 * How alike two replies are: the Jaccard index of their word 3-grams (shared ÷ all). A near
 * word-for-word repeat scores near 1; two replies on the same topic share a phrase or two.
 */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** The earlier turn `text` repeats most, when at least `threshold` alike. */
export function findRepeat(
  text: string,
  entries: readonly HistoryEntry[],
  threshold: number,
): RepeatMark | undefined {
  if (threshold <= 0) return undefined;
  const mine = shingles(text);
  // A very short reply ("Agreed.") is not a repeat of anything in particular.
  if (mine.size < 4) return undefined;
  let best: RepeatMark | undefined;
  let seen = 0;
  for (let k = entries.length - 1; k >= 0 && seen < REPEAT_WINDOW; k--) {
    const entry = entries[k];
    if (entry?.kind !== 'turn' || entry.turn === undefined) continue;
    seen += 1;
    const alike = similarity(mine, shingles(entry.text));
    if (alike >= threshold && (best === undefined || alike > best.similarity)) {
      best = { of: entry.turn, similarity: Math.round(alike * 1000) / 1000 };
    }
  }
  return best;
}
