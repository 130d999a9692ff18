import type { Random } from '../../prng.js';
import type { RunGuard } from '../run-guard.js';
import { normalWords, RUN_WORDS } from '../words.js';
import type { ConversationView } from './conversation-view.js';
import type { Span } from './occurrences.js';
import { END } from './source.js';
import { type Mixed, type StaticMix, temper } from './static-mix.js';

/** A sentence that never reaches an end (a cycle under greedy decoding) is cut here. */
export const MAX_SENTENCE_WORDS = 45;

/**
 * Chance per word of choosing it from the followers of the last word alone instead of the last
 * two: new word pairs, so more varied text. None at temperature 0, 0.07 at 0.7, 0.2 at 2.
 */
export function backoffChance(temperature: number): number {
  return Math.min(0.2, Math.max(0, 0.1 * temperature));
}

export interface WalkedSentence {
  readonly words: readonly string[];
  /** The walk reached a sentence end, rather than being cut or stuck. */
  readonly ended: boolean;
  /** It had to turn away from a word that would have recited: a seam the reader may see. */
  readonly swerved: boolean;
}

/**
 * Picks tried at one step: before the walk gives up on a sentence that would recite, or takes a
 * word that splices two sources (see Walker.continues).
 */
const PICKS_PER_STEP = 4;

/** Whether `words` holds `last` followed by `word` already: the walk is going round. */
function entered(words: readonly string[], last: string, word: string): boolean {
  for (let i = 1; i < words.length; i++)
    if (words[i] === word && words[i - 1] === last) return true;
  return false;
}

/** Normal forms of words, shared by every walk (words recur across requests). */
const normalCache = new Map<string, readonly string[]>();
const NORMAL_CACHE_LIMIT = 100_000;

export function normalOf(word: string): readonly string[] {
  let words = normalCache.get(word);
  if (words === undefined) {
    if (normalCache.size >= NORMAL_CACHE_LIMIT) normalCache.clear();
    words = normalWords(word);
    normalCache.set(word, words);
  }
  return words;
}

/** What the walk draws from: the seat's static chains, and what was said (with its weight). */
export interface WalkSources {
  readonly mix: StaticMix;
  readonly view: ConversationView | undefined;
  readonly viewWeight: number;
}

/**
 * Walks the static chains and the conversation as one chain: at each step the next word comes
 * from one of them, chosen in proportion to how much each has to say about the current two
 * words, then from that one's followers. A word that would complete a forbidden run (see
 * RunGuard) is never chosen; the walk picks another, jumps, or gives the sentence up.
 */
export class Walker {
  /** 1 / temperature, capped so weight ** exponent stays finite; 0 means greedy. */
  private readonly exponent: number;
  private readonly backoff: number;
  private swerved = false;

  constructor(
    private readonly sources: WalkSources,
    temperature: number,
    private readonly random: Random,
    private readonly guard: RunGuard,
  ) {
    this.exponent = temperature <= 0 ? 0 : Math.min(1 / temperature, 40);
    this.backoff = backoffChance(temperature);
  }

  get greedy(): boolean {
    return this.exponent === 0;
  }

  /**
   * One sentence, after `before` (the reply's normal words so far, which a forbidden run may
   * span). `ordinal` picks the ordinal-th likeliest opening under greedy decoding, so that
   * successive sentences differ.
   */
  sentence(before: readonly string[], ordinal: number): WalkedSentence {
    this.swerved = false;
    const out: string[] = [];
    const tail = before.slice(-(RUN_WORDS - 1));
    // How many of the tail's last words a forbidden text holds, in a row: kept as words are
    // added, so that testing a follower does not go over the tail again.
    let streak = this.guard.streak(tail);
    let previous: string | undefined;
    let last: string | undefined;
    for (let step = 0; step < MAX_SENTENCE_WORDS; step++) {
      const word = this.next(out, previous, last, tail, streak, step === 0 ? ordinal : 0);
      if (word === undefined) return { words: out, ended: false, swerved: this.swerved };
      if (word === END) return { words: out, ended: out.length > 0, swerved: this.swerved };
      // A state seen before in this sentence means the walk has entered a cycle ("a grant of the
      // branch or a grant of the branch or …"); the sentence ends there instead.
      if (last !== undefined && entered(out, last, word))
        return { words: out, ended: false, swerved: this.swerved };
      out.push(word);
      const normal = normalOf(word);
      for (const added of normal) tail.push(added);
      streak = this.guard.streak(normal, streak);
      if (tail.length > 2 * RUN_WORDS) tail.splice(0, tail.length - (RUN_WORDS - 1));
      previous = last;
      last = word;
    }
    return { words: out, ended: false, swerved: this.swerved };
  }

  /** The next word (END at a sentence end), or undefined when every choice would recite. */
  private next(
    out: readonly string[],
    previous: string | undefined,
    last: string | undefined,
    tail: readonly string[],
    streak: number,
    rank: number,
  ): string | undefined {
    const { mix, view, viewWeight } = this.sources;
    const jump = last !== undefined && this.backoff > 0 && this.random() < this.backoff;
    if (!jump) {
      const word = this.from(
        out,
        mix.pair(previous, last),
        view?.pairSpan(previous, last),
        viewWeight,
        tail,
        streak,
        rank,
      );
      if (word !== undefined) return word;
    }
    if (last === undefined) return undefined;
    return this.from(out, mix.single(last), view?.wordSpan(last), viewWeight, tail, streak, rank);
  }

  /** A follower from the mix or the conversation that does not recite; undefined if none. */
  private from(
    out: readonly string[],
    mixed: Mixed | undefined,
    span: Span | undefined,
    viewWeight: number,
    tail: readonly string[],
    streak: number,
    rank: number,
  ): string | undefined {
    const still = mixed?.total ?? 0;
    const said = (span?.total ?? 0) * viewWeight;
    if (still + said === 0) return undefined;
    // A pick that would recite is passed over; so is one that splices, when a later pick does
    // not (see continues).
    let spliced: string | undefined;
    for (let attempt = 0; attempt < PICKS_PER_STEP; attempt++) {
      const word = this.pick(mixed, still, span, said, rank + attempt);
      if (word === END) return word;
      if (this.recites(tail, streak, word)) this.swerved = true;
      else if (this.continues(out, word)) return word;
      else spliced ??= word;
    }
    return spliced;
  }

  private pick(
    mixed: Mixed | undefined,
    still: number,
    span: Span | undefined,
    said: number,
    rank: number,
  ): string {
    const fromSpan =
      span !== undefined &&
      (mixed === undefined ||
        (this.greedy ? said > still : this.random() * (still + said) >= still));
    if (fromSpan) return span.index.pick(span, this.greedy ? undefined : this.random, rank);
    if (mixed === undefined) return END;
    const { cumulative, ranked } = temper(mixed, this.exponent);
    if (this.greedy) return mixed.words[ranked[rank % ranked.length] ?? 0] ?? END;
    const target = this.random() * (cumulative[cumulative.length - 1] ?? 0);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (target < (cumulative[mid] ?? 0)) high = mid;
      else low = mid + 1;
    }
    return mixed.words[low] ?? END;
  }

  /**
   * Whether `word` after `out` keeps the last four words as one source has them. Where two
   * sources meet on a shared pair of words, the walk reads on as the second ("a plan that
   * pleases this room | and fails the town"): a seam a reader sees. Meeting on three shared
   * words, it mostly reads whole, so a walk takes such a word when one of its picks is.
   */
  private continues(out: readonly string[], word: string): boolean {
    const n = out.length;
    if (n < 3) return true;
    const a = out[n - 3] as string;
    const b = out[n - 2] as string;
    const c = out[n - 1] as string;
    const joined = `${a} ${b} ${c} ${word}`;
    // A sentence opens as one of the texts' sentences does: "I am wrong about this" is the
    // middle of "If I am wrong about this, …" (what was said keeps no openings).
    if (n === 3) return this.sources.mix.opens(joined);
    if (this.sources.mix.attests(joined)) return true;
    const quad = this.quad;
    quad[0] = a;
    quad[1] = b;
    quad[2] = c;
    quad[3] = word;
    return this.sources.view?.attests(quad, 3) === true;
  }

  private readonly quad: string[] = ['', '', '', ''];

  private recites(tail: readonly string[], streak: number, word: string): boolean {
    const added = normalOf(word);
    if (added.length === 0) return false;
    if (!this.guard.mayRecite(streak, added)) return false;
    const words = [...tail.slice(-(RUN_WORDS - 1)), ...added];
    for (
      let end = Math.max(RUN_WORDS, words.length - added.length + 1);
      end <= words.length;
      end++
    ) {
      if (this.guard.forbidden(words.slice(end - RUN_WORDS, end).join(' '))) return true;
    }
    return false;
  }
}
