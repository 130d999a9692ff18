import { createRequire } from 'node:module';
import type ChainClass from 'markov-chains';
import type { Corpus } from './corpus.js';
import type { Random } from './prng.js';

// Babel-6 CommonJS: `import` gives {default} under Node but the class under vitest; require is
// the same everywhere.
const Chain = createRequire(import.meta.url)('markov-chains').default as typeof ChainClass;

const BEGIN = '@@MARKOV_CHAIN_BEGIN';
const END = '@@MARKOV_CHAIN_END';
const END_ID = -1;

/**
 * Two words of state. One-word states read as word salad; two-word states over a few hundred
 * words of prompt read well but mostly retrace the prompt's sentences, so temperature adds
 * one-word jumps (see `backoffChance`). Three-word states only ever retrace.
 */
export const STATE_SIZE = 2;

/** A sentence that never reaches an end (a cycle under greedy decoding) is cut here. */
export const MAX_SENTENCE_WORDS = 60;

/**
 * Chance per word of choosing it from the followers of the last word alone instead of the last
 * two: new word pairs, so more varied text. None at temperature 0, 0.07 at 0.7, 0.2 at 2.
 */
export function backoffChance(temperature: number): number {
  return Math.min(0.2, Math.max(0, 0.1 * temperature));
}

export type WordChain = ChainClass<number>;

/** markov-chains builds the chain over word ids: number keys serialize faster than words. */
export function buildChain(corpus: Corpus): WordChain {
  return new Chain<number>(corpus.sentences, { stateSize: STATE_SIZE });
}

interface Followers {
  /** Word ids; END_ID stands for the end of the sentence. */
  readonly ids: readonly number[];
  /** Cumulative temperature-adjusted weights, for sampling by bisection. */
  readonly cumulative: readonly number[];
  /** Indexes into `ids`, most frequent first (ties keep corpus order); greedy decoding only. */
  readonly ranked: readonly number[];
}

/**
 * Walks the chain's model directly instead of calling `move()`, which rebuilds its cumulative
 * distribution with array spreads on every step (quadratic in a state's followers). Each state's
 * distribution is computed once per reply and then sampled in O(log n).
 */
export class ChainWalker {
  private readonly cache = new Map<string, Followers | undefined>();
  private readonly wordCache = new Map<number, Followers>();
  private readonly beginToken: string;
  /** 1 / temperature, capped so count ** exponent stays finite; 0 means greedy. */
  private readonly exponent: number;
  private readonly backoff: number;

  constructor(
    private readonly chain: WordChain,
    private readonly corpus: Corpus,
    temperature: number,
    private readonly random: Random,
  ) {
    this.exponent = temperature <= 0 ? 0 : Math.min(1 / temperature, 40);
    this.backoff = backoffChance(temperature);
    // The library serializes the BEGIN padding its own way; read it back from the first state
    // it stored (every run starts from the all-BEGIN state) instead of re-implementing it.
    const first = chain.model.keys().next();
    const parsed: unknown = first.done ? undefined : JSON.parse(first.value);
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !parsed[0].includes(BEGIN)) {
      throw new Error('markov-chains: unexpected model layout (no BEGIN state first)');
    }
    this.beginToken = parsed[0];
  }

  /**
   * One sentence as words. `ordinal` only matters for greedy decoding, where it picks the
   * ordinal-th most frequent opening so that successive sentences differ.
   */
  sentence(ordinal: number): string[] {
    const state: number[] = new Array<number>(this.chain.stateSize).fill(-1);
    const out: string[] = [];
    // A state seen before in this sentence means the walk has entered a cycle ("a grant of the
    // branch or a grant of the branch or …"); a sentence ends there instead.
    const seen = new Set<string>();
    for (let step = 0; step < MAX_SENTENCE_WORDS; step++) {
      const last = state[state.length - 1] ?? END_ID;
      const jump = last >= 0 && this.backoff > 0 && this.random() < this.backoff;
      const followers =
        (jump ? undefined : this.stateFollowers(state)) ??
        (last >= 0 ? this.wordFollowers(last) : undefined);
      if (followers === undefined) break;
      const index = this.pick(followers, step === 0 ? ordinal : 0);
      const id = followers.ids[index] ?? END_ID;
      if (id === END_ID) return out;
      state.shift();
      state.push(id);
      const key = state.join(',');
      if (seen.has(key)) break;
      seen.add(key);
      out.push(this.corpus.words[id] ?? '');
    }
    const end = out.length - 1;
    if (end >= 0 && !/[.!?…]$/.test(out[end] ?? '')) out[end] = `${out[end]}.`;
    return out;
  }

  private pick(followers: Followers, rank: number): number {
    if (this.exponent === 0) return followers.ranked[rank % followers.ranked.length] ?? 0;
    const { cumulative } = followers;
    const target = this.random() * (cumulative[cumulative.length - 1] ?? 0);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (target < (cumulative[mid] ?? 0)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /**
   * Plain arrays, not typed ones: a reply visits a few hundred small states, and typed arrays
   * cost more to allocate than they save at this size.
   */
  private followers(ids: number[], counts: readonly number[]): Followers {
    const cumulative: number[] = [];
    let total = 0;
    for (const count of counts) {
      total += this.exponent === 0 ? count : count ** this.exponent;
      cumulative.push(total);
    }
    const ranked =
      this.exponent === 0
        ? Array.from(ids.keys()).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
        : [];
    return { ids, cumulative, ranked };
  }

  /** Followers of a full state, from the markov-chains model. */
  private stateFollowers(state: readonly number[]): Followers | undefined {
    const key = JSON.stringify(state.map((id) => (id < 0 ? this.beginToken : String(id))));
    if (this.cache.has(key)) return this.cache.get(key);
    const model = this.chain.model.get(key);
    let followers: Followers | undefined;
    if (model !== undefined) {
      const ids: number[] = [];
      const counts: number[] = [];
      for (const follower of model.values()) {
        ids.push(follower.value === END ? END_ID : (follower.value as number));
        counts.push(follower.count);
      }
      followers = this.followers(ids, counts);
    }
    this.cache.set(key, followers);
    return followers;
  }

  /** Followers of the last word alone, counted from the corpus's occurrence lists. */
  private wordFollowers(word: number): Followers | undefined {
    let followers = this.wordCache.get(word);
    if (followers !== undefined) return followers;
    const { flat, nextSame, firstAt } = this.corpus;
    const slots = new Map<number, number>();
    const ids: number[] = [];
    const counts: number[] = [];
    for (let at = firstAt[word] ?? -1; at >= 0; at = nextSame[at] ?? -1) {
      const next = flat[at + 1] ?? END_ID;
      const slot = slots.get(next);
      if (slot === undefined) {
        slots.set(next, ids.length);
        ids.push(next);
        counts.push(1);
      } else {
        counts[slot] = (counts[slot] ?? 0) + 1;
      }
    }
    if (ids.length === 0) return undefined;
    followers = this.followers(ids, counts);
    this.wordCache.set(word, followers);
    return followers;
  }
}
