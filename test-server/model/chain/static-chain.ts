import { END, type FollowerSink, quadsOf, type WordSource } from './source.js';

/** Two words of state: one-word states read as word salad, three only ever retrace. */
export const STATE_SIZE = 2;

/** The id of the state word before a sentence's first word, and of a sentence's end. */
const BEGIN_ID = -1;
const END_ID = -2;

/** A state's followers in the order first seen (walks draw by cumulative weight in this order). */
interface Followers {
  readonly ids: number[];
  readonly counts: number[];
}

/**
 * A chain over text that does not change once read (the built-in talk, a seat's persona and
 * context), over word ids. Its states are keyed by a number made of the two ids: building it is
 * a few map operations a word. (markov-chains, which built these before, serialised every state
 * and follower with javascript-stringify: ~200 ms of CPU for the built-in talk alone, paid at
 * the start of every offline run.) It answers in words, so that chains with vocabularies of
 * their own can be walked together.
 */
export class StaticChain implements WordSource {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** State key (see `stateKey`) → followers. */
  private readonly states = new Map<number, Followers>();
  /** Followers of one word alone, for the walk's one-word jumps. */
  private readonly single = new Map<string, Map<string, number>>();
  private readonly quads = new Set<string>();
  /** Rough heap size, for caches that are bounded by bytes. */
  readonly bytes: number;

  constructor(sentences: readonly (readonly string[])[]) {
    let bytes = 0;
    for (const sentence of sentences) {
      let previous = BEGIN_ID;
      let last = BEGIN_ID;
      for (let i = 0; i <= sentence.length; i++) {
        const word = sentence[i];
        let id = END_ID;
        if (word !== undefined) {
          const known = this.ids.get(word);
          if (known === undefined) {
            id = this.words.length;
            this.ids.set(word, id);
            this.words.push(word);
            bytes += 64 + word.length * 2;
          } else {
            id = known;
          }
        }
        if (sentence.length > 0) this.follow(stateKey(previous, last), id);
        previous = last;
        last = id;
      }
      for (let i = 0; i < sentence.length; i++) {
        const word = sentence[i] ?? '';
        const next = sentence[i + 1] ?? END;
        let followers = this.single.get(word);
        if (followers === undefined) {
          followers = new Map();
          this.single.set(word, followers);
        }
        followers.set(next, (followers.get(next) ?? 0) + 1);
      }
      for (const quad of quadsOf(sentence)) this.quads.add(quad);
      bytes += sentence.length * 200;
    }
    this.bytes = bytes + 1024;
  }

  private follow(key: number, id: number): void {
    let followers = this.states.get(key);
    if (followers === undefined) {
      followers = { ids: [], counts: [] };
      this.states.set(key, followers);
    }
    const at = followers.ids.indexOf(id);
    if (at >= 0) followers.counts[at] = (followers.counts[at] ?? 0) + 1;
    else {
      followers.ids.push(id);
      followers.counts.push(1);
    }
  }

  private idOf(word: string | undefined): number | undefined {
    return word === undefined ? BEGIN_ID : this.ids.get(word);
  }

  addFollowers(
    previous: string | undefined,
    last: string | undefined,
    weight: number,
    sink: FollowerSink,
  ): void {
    const a = this.idOf(previous);
    const b = this.idOf(last);
    if (a === undefined || b === undefined) return;
    const followers = this.states.get(stateKey(a, b));
    if (followers === undefined) return;
    const { ids, counts } = followers;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      sink(id === END_ID ? END : (this.words[id] ?? END), (counts[i] ?? 0) * weight);
    }
  }

  addWordFollowers(last: string, weight: number, sink: FollowerSink): void {
    const followers = this.single.get(last);
    if (followers === undefined) return;
    for (const [word, count] of followers) sink(word, count * weight);
  }

  attests(quad: string): boolean {
    return this.quads.has(quad);
  }
}

/** One number for a state of two word ids (BEGIN_ID included): exact up to 2^26 words. */
function stateKey(previous: number, last: number): number {
  return (previous + 1) * 67_108_864 + (last + 1);
}
