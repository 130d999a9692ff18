/** A sentence's end, among followers. Never a word: words are never empty. */
export const END = '';

/** Receives one follower of a state and its weight. */
export type FollowerSink = (word: string, weight: number) => void;

/**
 * A chain the static mix draws words from (the built-in talk, a seat's persona and context).
 * `undefined` for a state word means the sentence's beginning.
 */
export interface WordSource {
  addFollowers(
    previous: string | undefined,
    last: string | undefined,
    weight: number,
    sink: FollowerSink,
  ): void;
  /** Followers of the last word alone (the walk's one-word jumps). */
  addWordFollowers(last: string, weight: number, sink: FollowerSink): void;
  /** Whether four consecutive words (joined by spaces) occur in this source: a fluent stretch. */
  attests(quad: string): boolean;
  /** Whether a sentence of this source opens with these four words (joined by spaces). */
  opens(quad: string): boolean;
  /** Whether five consecutive words (joined by spaces) occur in this source. */
  attestsFive(five: string): boolean;
}

/** The four-word stretches of a sentence, as `attests` takes them. */
export function quadsOf(words: readonly string[]): string[] {
  const quads: string[] = [];
  for (let i = 3; i < words.length; i++)
    quads.push(`${words[i - 3]} ${words[i - 2]} ${words[i - 1]} ${words[i]}`);
  return quads;
}
