import type { Unit } from '../read-request.js';
import type { ConversationChain } from './conversation-chain.js';
import { OccurrenceIndex, type Span } from './occurrences.js';

/** What `attestsEach` answers into (one request at a time reads it). */
let heard = new Uint8Array(64);

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

  /**
   * Spans found, by state: a reply's walks come back to the same states (every sentence starts
   * at the beginning), and finding a span goes down its list. A span within [from, to) never
   * changes, whatever the chain gains after `to`.
   */
  private readonly pairSpans = new Map<number, Span | null>();
  private readonly wordSpans = new Map<number, Span | null>();

  /** Rough heap size of what the view remembered (it lives as long as its state). */
  get bytes(): number {
    return (this.pairSpans.size + this.wordSpans.size) * 120;
  }

  /** The followers of two words within this view (undefined words: the sentence's start). */
  pairSpan(previous: string | undefined, last: string | undefined): Span | undefined {
    const { index } = this.chain;
    const a = previous === undefined ? 0 : index.id(previous);
    const b = last === undefined ? 0 : index.id(last);
    if (a === undefined || b === undefined) return undefined;
    const key = OccurrenceIndex.pairKey(a, b);
    let span = this.pairSpans.get(key);
    if (span === undefined) {
      span = index.pairSpan(a, b, this.from, this.to, this.recentFrom) ?? null;
      this.pairSpans.set(key, span);
    }
    return span ?? undefined;
  }

  /** The followers of one word within this view. */
  wordSpan(last: string): Span | undefined {
    const id = this.chain.index.id(last);
    if (id === undefined) return undefined;
    let span = this.wordSpans.get(id);
    if (span === undefined) {
      span = this.chain.index.wordSpan(id, this.from, this.to, this.recentFrom) ?? null;
      this.wordSpans.set(id, span);
    }
    return span ?? undefined;
  }

  /** A follower of a span: in proportion, or the rank-th without `random` (greedy). */
  pick(span: Span, random: (() => number) | undefined, rank: number): string {
    return this.chain.index.pick(span, random, rank);
  }

  /** Someone said words[end-3..end] (in this order) before this point. */
  attests(words: readonly string[], end: number): boolean {
    return this.chain.quadBefore(words, end, this.to);
  }

  /**
   * Whether each four-word stretch of `words` was said before this point (`attests` for every
   * end from 3 on, at index end - 3). The array is reused by the next call: read it first.
   */
  attestsEach(words: readonly string[]): Uint8Array {
    if (heard.length < words.length) heard = new Uint8Array(words.length * 2);
    this.chain.quadsBefore(words, this.to, heard);
    return heard;
  }

  /** A moderator line up to this point holds this run of words. */
  moderatorSaid(key: string): boolean {
    return this.chain.runBefore('moderator', key, this.to);
  }

  /** Reads what the seats said up to this view's end, for `carriesOn`; returns their words. */
  readSpoken(): ReadonlySet<string> {
    this.chain.spokenRuns.readUpTo(this.chain.units, this.to);
    return this.chain.spokenRuns.words;
  }

  /** The run carries on a seat's words otherwise than they did (see SpokenRuns.carriesOn). */
  carriesOn(key: string, known: (short: string) => boolean): boolean {
    return this.chain.spokenRuns.carriesOn(key, known, this.to);
  }

  /** A topic announced up to this point holds this run of words. */
  topicSaid(key: string): boolean {
    return this.chain.runBefore('topic', key, this.to);
  }

  /** Someone already said this sentence (lower case) in this conversation. */
  alreadySaid(sentence: string): boolean {
    return this.chain.spokenBefore(sentence, this.to);
  }

  /**
   * alreadySaid by the sentence's fingerprint (textHash of its lower case): a seat's bank keeps
   * its sentences' and asks at every draw, where hashing the text again was most of the draw.
   */
  alreadySaidHash(hash: number): boolean {
    return this.chain.spokenHashBefore(hash, this.to);
  }

  get units(): readonly Unit[] {
    return this.chain.units.slice(0, this.to);
  }
}
