import { topicOf } from '../guidance.js';
import type { Unit } from '../read-request.js';
import { sentencesOf } from '../sentences.js';
import { normalWords, runKeys } from '../words.js';
import { END, quadsOf } from './source.js';

/** Where each follower of a state occurred: parallel arrays, in the order the units came. */
interface Occurrences {
  readonly next: string[];
  /** The unit it occurred in; ascending, so a range of units is a slice. */
  readonly at: number[];
}

const BEGIN_KEY = '\u0001';

/** The key of a two-word state, shared by every chain (undefined: the sentence's start). */
export function pairKey(previous: string | undefined, last: string | undefined): string {
  return `${previous ?? BEGIN_KEY}\u0000${last ?? BEGIN_KEY}`;
}

/** First index in `at` whose unit is >= `unit` (at is ascending). */
function lowerBound(at: readonly number[], unit: number): number {
  let low = 0;
  let high = at.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((at[mid] ?? 0) < unit) low = mid + 1;
    else high = mid;
  }
  return low;
}

function record(map: Map<string, Occurrences>, key: string, next: string, unit: number): number {
  let occurrences = map.get(key);
  let bytes = 24 + next.length;
  if (occurrences === undefined) {
    occurrences = { next: [], at: [] };
    map.set(key, occurrences);
    bytes += 120 + key.length * 2;
  }
  occurrences.next.push(next);
  occurrences.at.push(unit);
  return bytes;
}

/**
 * What was said in one conversation, read once and extended in place as the conversation
 * grows: a request that repeats an earlier one plus a few turns adds only those turns. Every
 * entry remembers the unit it came from, so a view can read the chain as it stood after any
 * unit (an earlier request of the same conversation gets the same reply as before) and only
 * within its context window.
 */
export class ConversationChain {
  readonly units: Unit[] = [];
  /** Words spoken before each unit (seats' turns only), for the context window. */
  private readonly wordsBefore: number[] = [0];
  private readonly pairs = new Map<string, Occurrences>();
  private readonly single = new Map<string, Occurrences>();
  /** Runs of moderator lines (never to be recited), by the unit they first appeared in. */
  private readonly moderatorRuns = new Map<string, number>();
  /** Every word the moderator said (a superset is fine: it only speeds up the exact test). */
  readonly moderatorWords = new Set<string>();
  /** Runs of the topics the moderator announced (which may be quoted). */
  private readonly topicRuns = new Map<string, number>();
  /** Topics announced, with the unit that announced them. */
  readonly topics: { readonly text: string; readonly unit: number }[] = [];
  /** Sentences spoken (lower case), by first unit: a reply should not parrot them. */
  private readonly spoken = new Map<string, number>();
  /** Four-word stretches spoken, by first unit: what a reply would repeat. */
  private readonly quads = new Map<string, number>();
  bytes = 512;

  /** `contextWords`: the model's window; a longer unit is read from its last words only. */
  constructor(private readonly contextWords: number) {}

  get length(): number {
    return this.units.length;
  }

  append(unit: Unit): void {
    const index = this.units.length;
    this.units.push(unit);
    this.bytes += 96 + unit.text.length * 2;
    let words = 0;
    if (unit.moderator) {
      for (const key of runKeys(unit.text)) this.noteRun(this.moderatorRuns, key, index);
      for (const word of normalWords(unit.text)) this.moderatorWords.add(word);
      const topic = topicOf(unit.text);
      if (topic !== undefined) {
        this.topics.push({ text: topic, unit: index });
        for (const key of runKeys(topic)) this.noteRun(this.topicRuns, key, index);
      }
    } else {
      for (const sentence of this.lastSentences(unit.text)) {
        const lower = sentence.toLowerCase();
        if (!this.spoken.has(lower)) this.spoken.set(lower, index);
        const list = sentence.split(' ');
        words += list.length;
        for (const quad of quadsOf(list)) {
          if (!this.quads.has(quad)) {
            this.quads.set(quad, index);
            this.bytes += 90 + quad.length * 2;
          }
        }
        let previous: string | undefined;
        let last: string | undefined;
        for (const word of [...list, END]) {
          this.bytes += record(this.pairs, pairKey(previous, last), word, index);
          if (last !== undefined) this.bytes += record(this.single, last, word, index);
          previous = last;
          last = word;
        }
      }
    }
    this.wordsBefore.push((this.wordsBefore[index] ?? 0) + words);
  }

  /** The unit's sentences, but only its last `contextWords` words of them. */
  private lastSentences(text: string): string[] {
    const sentences = sentencesOf([text]);
    let words = 0;
    let first = sentences.length;
    while (first > 0) {
      const count = (sentences[first - 1] ?? '').split(' ').length;
      if (words + count > this.contextWords) {
        if (words === 0) {
          const tail = (sentences[first - 1] ?? '').split(' ').slice(-this.contextWords);
          return [tail.join(' ')];
        }
        break;
      }
      words += count;
      first--;
    }
    return sentences.slice(first);
  }

  private noteRun(map: Map<string, number>, key: string, unit: number): void {
    if (!map.has(key)) {
      map.set(key, unit);
      this.bytes += 80 + key.length * 2;
    }
  }

  /** The chain as it stood after `length` units, reading only its last `contextWords` words. */
  view(length: number, key = ''): ConversationView {
    let from = length;
    let words = 0;
    while (from > 0) {
      const count = (this.wordsBefore[from] ?? 0) - (this.wordsBefore[from - 1] ?? 0);
      if (words > 0 && words + count > this.contextWords) break;
      words += count;
      from--;
    }
    return new ConversationView(this, from, length, key);
  }

  /** @internal for views */
  occurrences(key: string): Occurrences | undefined {
    return this.pairs.get(key);
  }

  /** @internal for views */
  wordOccurrences(last: string): Occurrences | undefined {
    return this.single.get(last);
  }

  /** @internal for views */
  runBefore(map: 'moderator' | 'topic', key: string, length: number): boolean {
    const first = (map === 'moderator' ? this.moderatorRuns : this.topicRuns).get(key);
    return first !== undefined && first < length;
  }

  /** @internal for views */
  quadBefore(quad: string, length: number): boolean {
    const first = this.quads.get(quad);
    return first !== undefined && first < length;
  }

  /** @internal for views */
  spokenBefore(sentence: string, length: number): boolean {
    const first = this.spoken.get(sentence);
    return first !== undefined && first < length;
  }
}

/**
 * The followers of a state within a view: occurrences [start, end) of `next`, those from
 * `recent` on counting double; `total` is their weighted count.
 */
export interface Span {
  readonly next: readonly string[];
  readonly start: number;
  readonly recent: number;
  readonly end: number;
  readonly total: number;
}

/**
 * One follower of a span, drawn in proportion to how often it occurred (the chain's own
 * distribution, at temperature 1); `rank` picks deterministically for greedy decoding.
 */
export function pickFrom(span: Span, random: (() => number) | undefined, rank: number): string {
  const { next, start, recent, end, total } = span;
  if (random === undefined) return next[start + (rank % (end - start))] ?? END;
  const target = random() * total;
  const old = recent - start;
  const index = target < old ? start + Math.floor(target) : recent + Math.floor((target - old) / 2);
  return next[Math.min(index, end - 1)] ?? END;
}

/** One request's reading of a conversation: units [from, to), the last few counting double. */
export class ConversationView {
  /** Units from here on are the latest turns, which a reply answers most directly. */
  private readonly recentFrom: number;

  constructor(
    readonly chain: ConversationChain,
    readonly from: number,
    readonly to: number,
    /** A fingerprint of the units up to `to` (see ConversationCache), for seeding. */
    readonly key: string,
  ) {
    let recent = to;
    let turns = 0;
    while (recent > from && turns < 2) {
      recent--;
      if (chain.units[recent]?.moderator === false) turns++;
    }
    this.recentFrom = recent;
  }

  private span(occurrences: Occurrences | undefined): Span | undefined {
    if (occurrences === undefined) return undefined;
    const { at } = occurrences;
    const start = lowerBound(at, this.from);
    const end = lowerBound(at, this.to);
    if (start >= end) return undefined;
    const recent = Math.max(start, lowerBound(at, this.recentFrom));
    return { next: occurrences.next, start, recent, end, total: end - start + (end - recent) };
  }

  /** The followers of two words (by `pairKey`) within this view. */
  pairSpan(key: string): Span | undefined {
    return this.span(this.chain.occurrences(key));
  }

  /** The followers of one word within this view. */
  wordSpan(last: string): Span | undefined {
    return this.span(this.chain.wordOccurrences(last));
  }

  /** Someone said these four words (in this order) before this point. */
  attests(quad: string): boolean {
    return this.chain.quadBefore(quad, this.to);
  }

  /** A moderator line up to this point holds this run of words. */
  moderatorSaid(key: string): boolean {
    return this.chain.runBefore('moderator', key, this.to);
  }

  /** A topic announced up to this point holds this run of words. */
  topicSaid(key: string): boolean {
    return this.chain.runBefore('topic', key, this.to);
  }

  /** Someone already said this sentence (lower case) in this conversation. */
  alreadySaid(sentence: string): boolean {
    return this.chain.spokenBefore(sentence, this.to);
  }

  get units(): readonly Unit[] {
    return this.chain.units.slice(0, this.to);
  }
}
