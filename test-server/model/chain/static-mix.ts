import { END } from './source.js';
import type { StaticChain } from './static-chain.js';

/** The followers of one state across every static chain, with their weighted counts. */
export interface Mixed {
  readonly words: readonly string[];
  readonly weights: readonly number[];
  readonly total: number;
  /** Sampling tables by temperature exponent, made on first use. */
  readonly tempered: Map<number, Tempered>;
  /** The table last asked for (see temper). */
  last?: { readonly exponent: number; readonly table: Tempered } | undefined;
}

export interface Tempered {
  /** Cumulative weight ** exponent, for sampling by bisection. */
  readonly cumulative: Float64Array;
  /** Indexes into `words`, heaviest first: greedy decoding's order. */
  readonly ranked: Int32Array;
}

export interface MixPart {
  readonly chain: StaticChain;
  readonly weight: number;
}

/** Stands for the sentence's start in the memo's keys; never a word (words have no controls). */
const BEGIN_WORD = '\u0001';

/** States remembered before the memo starts over (a seat's material rarely has more). */
const MEMO_LIMIT = 40_000;

/**
 * The followers the parts give, merged by word in the order first given. A part gives each word
 * once (its followers are keyed by word), except END: a chain's own end marker and a word that
 * is END's text both read as END. So until a second part gives any, or END comes twice, the
 * words are listed as given, without the map by word that merging needs: most states a seat
 * walks are known to one part only, and each state is mixed once per seat.
 */
function mix(
  parts: readonly MixPart[],
  fill: (part: MixPart, sink: (word: string, weight: number) => void) => void,
): Mixed | undefined {
  let slots: Map<string, number> | undefined;
  const words: string[] = [];
  const weights: number[] = [];
  let total = 0;
  let ended = false;
  const merge = (): Map<string, number> => {
    const made = new Map<string, number>();
    // Built from the words as given; a repeated END keeps its first slot, as merging would.
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const slot = made.get(word);
      if (slot === undefined) {
        made.set(word, at);
        words[at] = word;
        weights[at] = weights[i] as number;
        at++;
      } else weights[slot] = (weights[slot] ?? 0) + (weights[i] ?? 0);
    }
    words.length = at;
    weights.length = at;
    return made;
  };
  const sink = (word: string, weight: number): void => {
    total += weight;
    if (slots === undefined) {
      if (word === END) {
        if (ended) slots = merge();
        ended = true;
      }
      if (slots === undefined) {
        words.push(word);
        weights.push(weight);
        return;
      }
    }
    const slot = slots.get(word);
    if (slot === undefined) {
      slots.set(word, words.length);
      words.push(word);
      weights.push(weight);
    } else {
      weights[slot] = (weights[slot] ?? 0) + weight;
    }
  };
  for (const part of parts) {
    if (slots === undefined && words.length > 0) slots = merge();
    fill(part, sink);
  }
  return words.length === 0 ? undefined : { words, weights, total, tempered: new Map() };
}

/** The sampling table of `mixed` at `exponent` (1 / temperature; 0 is greedy). */
export function temper(mixed: Mixed, exponent: number): Tempered {
  // A reply walks at one temperature: its last table saves a lookup by a float key each step.
  if (mixed.last?.exponent === exponent) return mixed.last.table;
  let table = mixed.tempered.get(exponent);
  if (table === undefined) {
    const { weights } = mixed;
    const cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const weight = weights[i] ?? 0;
      sum += exponent === 0 || exponent === 1 ? weight : weight ** exponent;
      cumulative[i] = sum;
    }
    const ranked = Int32Array.from(weights.keys()).sort(
      (a, b) => (weights[b] ?? 0) - (weights[a] ?? 0),
    );
    table = { cumulative, ranked };
    mixed.tempered.set(exponent, table);
  }
  mixed.last = { exponent, table };
  return table;
}

/**
 * The chains that do not change between a seat's requests (the built-in talk, its persona, the
 * context), merged state by state on first use and remembered: a seat's every turn walks the
 * same states, so the merging is paid once per seat rather than once per reply.
 */
export class StaticMix {
  /**
   * By the first word, then the second (BEGIN_WORD for the sentence's start): the walk's words
   * are the chains' own strings, whose hashes V8 keeps, where a key joined from the two was a
   * new string to hash at every step.
   */
  private readonly pairs = new Map<string, Map<string, Mixed | null>>();
  private pairCount = 0;
  private readonly singles = new Map<string, Mixed | null>();

  constructor(readonly parts: readonly MixPart[]) {}

  /** Rough heap size of the memo, for the cache that holds this mix. */
  get bytes(): number {
    return (this.pairCount + this.singles.size) * 400;
  }

  /** The followers of two words (undefined words: the sentence's start). */
  pair(previous: string | undefined, last: string | undefined): Mixed | undefined {
    const first = previous ?? BEGIN_WORD;
    let byLast = this.pairs.get(first);
    let mixed = byLast?.get(last ?? BEGIN_WORD);
    if (mixed === undefined) {
      if (this.pairCount >= MEMO_LIMIT) {
        this.pairs.clear();
        this.pairCount = 0;
        byLast = undefined;
      }
      if (byLast === undefined) {
        byLast = new Map();
        this.pairs.set(first, byLast);
      }
      mixed =
        mix(this.parts, ({ chain, weight }, sink) =>
          chain.addFollowers(previous, last, weight, sink),
        ) ?? null;
      byLast.set(last ?? BEGIN_WORD, mixed);
      this.pairCount++;
    }
    return mixed ?? undefined;
  }

  single(last: string): Mixed | undefined {
    let mixed = this.singles.get(last);
    if (mixed === undefined) {
      if (this.singles.size >= MEMO_LIMIT) this.singles.clear();
      mixed =
        mix(this.parts, ({ chain, weight }, sink) => chain.addWordFollowers(last, weight, sink)) ??
        null;
      this.singles.set(last, mixed);
    }
    return mixed ?? undefined;
  }

  attests(quad: string): boolean {
    for (const { chain } of this.parts) if (chain.attests(quad)) return true;
    return false;
  }

  opens(quad: string): boolean {
    for (const { chain } of this.parts) if (chain.opens(quad)) return true;
    return false;
  }

  /**
   * Every five words of the walk stand in one source: a two-word chain can join two sentences
   * that share three words ("the simplest version of this | I could defend"), every four-word
   * stretch written and the whole a fragment.
   */
  fivesHold(words: readonly string[]): boolean {
    for (let i = 4; i < words.length; i++) {
      const five = `${words[i - 4]} ${words[i - 3]} ${words[i - 2]} ${words[i - 1]} ${words[i]}`;
      if (!this.parts.some(({ chain }) => chain.attestsFive(five))) return false;
    }
    return true;
  }
}

export { END };
