// What followed what in a conversation, compactly: every word occurrence is a slot in a few
// typed arrays (its word, the unit it came from, the previous slot of the same state), so a
// conversation of 20,000 words is a few hundred kilobytes and a handful of objects rather than
// tens of thousands; the garbage collector, not the Markov walk, was the cost of a new one.

/** A follower that ends the sentence. */
export const END_ID = 0;
/** The padding before a sentence's first word. */
const BEGIN_ID = 0;
/** Below this, a pair of ids packs into one small integer key (31-bit, no allocation). */
const PACKED = 0x8000;

function hash30(a: number, b: number): number {
  let hash = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  hash = Math.imul(hash ^ (hash >>> 15), 0xc2b2ae35);
  return (hash ^ (hash >>> 13)) & 0x3fffffff;
}

/** A window's followers of one state: slots from `head` back along the list, units in [from, to). */
export interface Span {
  readonly index: OccurrenceIndex;
  /** Newest slot of the state; the list runs back through `previous`. */
  readonly head: number;
  readonly single: boolean;
  readonly from: number;
  readonly to: number;
  /** Slots of units from here on count double (the latest turns). */
  readonly recent: number;
  /** Weighted number of followers in the window. */
  readonly total: number;
}

/**
 * The four slot arrays of `length` slots, in one buffer: a large buffer costs the same to make
 * whatever its size (~0.1-0.2 ms on this machine past ~64 KB), and a 200-turn discussion's index
 * grew four of them seven times, ~20 us of each of its requests.
 */
function slotArrays(length: number): [Int32Array, Int32Array, Int32Array, Int32Array] {
  const buffer = new ArrayBuffer(length * 16);
  const array = (k: number) => new Int32Array(buffer, k * length * 4, length);
  return [array(0), array(1), array(2), array(3)];
}

export class OccurrenceIndex {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = ['']; // id 0: the sentence boundary
  private follower: Int32Array;
  private unit: Int32Array;
  private previousOfPair: Int32Array;
  private previousOfWord: Int32Array;
  private size = 0;
  private readonly pairHeads = new Map<number, number>();
  private readonly wordHeads = new Map<number, number>();
  /** The last sentence's word ids (see addSentence). */
  private sentenceIds = new Int32Array(64);

  constructor() {
    [this.follower, this.unit, this.previousOfPair, this.previousOfWord] = slotArrays(256);
  }

  /**
   * The words' part of `bytes`, kept as they are interned: the cache measures a chain at every
   * request, and going over a 200-turn discussion's vocabulary each time was ~1% of a request.
   */
  private wordBytes = 40;

  get bytes(): number {
    return (
      this.follower.length * 16 +
      (this.pairHeads.size + this.wordHeads.size) * 40 +
      this.wordBytes * 2
    );
  }

  id(word: string): number | undefined {
    return this.ids.get(word);
  }

  word(id: number): string {
    return this.words[id] ?? '';
  }

  private intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.wordBytes += 40 + word.length;
    }
    return id;
  }

  /** The key of the state (previous, last); BEGIN (0) pads a sentence's start. */
  static pairKey(previous: number, last: number): number {
    return previous < PACKED && last < PACKED
      ? previous * PACKED + last
      : -1 - hash30(previous, last);
  }

  private grow(): void {
    const [follower, unit, previousOfPair, previousOfWord] = slotArrays(this.follower.length * 2);
    follower.set(this.follower);
    unit.set(this.unit);
    previousOfPair.set(this.previousOfPair);
    previousOfWord.set(this.previousOfWord);
    this.follower = follower;
    this.unit = unit;
    this.previousOfPair = previousOfPair;
    this.previousOfWord = previousOfWord;
  }

  /**
   * Indexes one sentence (its words) as said in unit `unit`. Returns the words' ids, in an array
   * reused by the next call (read them before indexing another sentence).
   */
  addSentence(words: readonly string[], unit: number): Int32Array {
    if (this.sentenceIds.length < words.length) this.sentenceIds = new Int32Array(words.length * 2);
    const ids = this.sentenceIds;
    let previous = BEGIN_ID;
    let last = BEGIN_ID;
    for (let i = 0; i <= words.length; i++) {
      const next = i < words.length ? this.intern(words[i] as string) : END_ID;
      if (i < words.length) ids[i] = next;
      if (this.size === this.follower.length) this.grow();
      const slot = this.size++;
      this.follower[slot] = next;
      this.unit[slot] = unit;
      const pair = OccurrenceIndex.pairKey(previous, last);
      this.previousOfPair[slot] = this.pairHeads.get(pair) ?? -1;
      this.pairHeads.set(pair, slot);
      if (last !== BEGIN_ID) {
        this.previousOfWord[slot] = this.wordHeads.get(last) ?? -1;
        this.wordHeads.set(last, slot);
      } else {
        this.previousOfWord[slot] = -1;
      }
      previous = last;
      last = next;
    }
    return ids;
  }

  private list(single: boolean): Int32Array {
    return single ? this.previousOfWord : this.previousOfPair;
  }

  /** The followers of a state within units [from, to), or undefined when it has none there. */
  span(
    head: number | undefined,
    single: boolean,
    from: number,
    to: number,
    recent: number,
  ): Span | undefined {
    if (head === undefined) return undefined;
    const previous = this.list(single);
    let total = 0;
    let first = -1;
    for (let slot = head; slot >= 0; slot = previous[slot] ?? -1) {
      const unit = this.unit[slot] ?? 0;
      if (unit >= to) continue;
      if (unit < from) break;
      if (first < 0) first = slot;
      total += unit >= recent ? 2 : 1;
    }
    return first < 0 ? undefined : { index: this, head: first, single, from, to, recent, total };
  }

  pairSpan(
    previous: number,
    last: number,
    from: number,
    to: number,
    recent: number,
  ): Span | undefined {
    return this.span(
      this.pairHeads.get(OccurrenceIndex.pairKey(previous, last)),
      false,
      from,
      to,
      recent,
    );
  }

  wordSpan(last: number, from: number, to: number, recent: number): Span | undefined {
    return this.span(this.wordHeads.get(last), true, from, to, recent);
  }

  /**
   * A follower of the span (its word, '' at a sentence end), in proportion to how often it
   * occurred (the chain's own distribution); without `random`, the rank-th, for greedy decoding.
   */
  pick(span: Span, random: (() => number) | undefined, rank: number): string {
    const previous = this.list(span.single);
    const count = span.total;
    let target = random === undefined ? rank % count : random() * count;
    for (let slot = span.head; slot >= 0; slot = previous[slot] ?? -1) {
      const unit = this.unit[slot] ?? 0;
      if (unit < span.from) break;
      target -= unit >= span.recent ? 2 : 1;
      if (target < 0) return this.word(this.follower[slot] ?? END_ID);
    }
    return this.word(this.follower[span.head] ?? END_ID);
  }
}

/** A 30-bit fingerprint of a string, for sets of sentences and stretches (collisions harmless). */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}
