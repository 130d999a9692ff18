import markovChains, { type default as ChainClass, type Follower } from 'markov-chains';
import { buildModel } from './chain-model.js';
import { END, type FollowerSink, quadsOf, type WordSource } from './source.js';

// Babel-6 CommonJS (`exports.default`): a default import gives its exports where it is loaded as
// CommonJS (Node, and the build, which bundles it into the offline model's chunk so that a run
// does not load it from node_modules) and the class itself under vitest's interop.
const loaded = markovChains as unknown as { default?: typeof ChainClass };
const Chain = loaded.default ?? (markovChains as typeof ChainClass);

const BEGIN = '@@MARKOV_CHAIN_BEGIN';
const LIBRARY_END = '@@MARKOV_CHAIN_END';

/** A chain's markov-chains model (`Chain#toJSON`: states and their followers), and its words by id. */
export interface BuiltChain {
  readonly words: readonly string[];
  readonly model: readonly [string, [string, Follower<number>][]][];
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/** Two words of state: one-word states read as word salad, three only ever retrace. */
export const STATE_SIZE = 2;

/**
 * A chain over text that does not change once read (the built-in talk, a seat's persona and
 * context), built by markov-chains over word ids (number keys serialize faster than words).
 * It answers in words, so that chains with vocabularies of their own can be walked together.
 */
export class StaticChain implements WordSource {
  private readonly chain: ChainClass<number>;
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly beginKey: string;
  /** Followers of one word alone, for the walk's one-word jumps. */
  private readonly single = new Map<string, Map<string, number>>();
  private readonly quads = new Set<string>();
  /** The sentences as word ids (kept for the five-word stretches, see attestsFive). */
  private readonly runs: number[][] = [];
  /** The first four words of each sentence: where a sentence may start. */
  private readonly openings = new Set<string>();
  /** Rough heap size, for caches that are bounded by bytes. */
  readonly bytes: number;

  /**
   * `built`: this chain as `built()` gave it for the same sentences (the build step does so for
   * the built-in talk), so that markov-chains hydrates its model instead of building it anew.
   */
  constructor(sentences: readonly (readonly string[])[], built?: BuiltChain) {
    const runs = this.runs;
    let bytes = 0;
    for (const sentence of sentences) {
      const run: number[] = [];
      for (const word of sentence) {
        let id = this.ids.get(word);
        if (id === undefined) {
          id = this.words.length;
          this.ids.set(word, id);
          this.words.push(word);
          bytes += 64 + word.length * 2;
        }
        run.push(id);
      }
      if (run.length > 0) runs.push(run);
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
      const quads = quadsOf(sentence);
      for (const quad of quads) this.quads.add(quad);
      if (quads[0] !== undefined) this.openings.add(quads[0]);
      bytes += sentence.length * 200;
    }
    // The words decide the ids the model refers to: a model built for other words is not used.
    this.chain =
      built !== undefined && sameWords(built.words, this.words)
        ? new Chain<number>(
            new Map(built.model.map(([state, followers]) => [state, new Map(followers)])),
            { stateSize: STATE_SIZE },
          )
        : new Chain<number>(buildModel(runs, STATE_SIZE) ?? runs, { stateSize: STATE_SIZE });
    // The library serializes the BEGIN padding its own way; read it back from the first state
    // it stored (every run starts from the all-BEGIN state) instead of re-implementing it.
    const first = this.chain.model.keys().next();
    const parsed: unknown = first.done ? undefined : JSON.parse(first.value);
    this.beginKey =
      Array.isArray(parsed) && typeof parsed[0] === 'string' && parsed[0].includes(BEGIN)
        ? parsed[0]
        : `'${BEGIN}'`;
    this.bytes = bytes + 1024;
  }

  /** This chain's model as markov-chains serializes it, with the words its ids stand for. */
  built(): BuiltChain {
    return { words: [...this.words], model: this.chain.toJSON() };
  }

  private keyPart(word: string | undefined): string | undefined {
    if (word === undefined) return this.beginKey;
    const id = this.ids.get(word);
    return id === undefined ? undefined : String(id);
  }

  addFollowers(
    previous: string | undefined,
    last: string | undefined,
    weight: number,
    sink: FollowerSink,
  ): void {
    const a = this.keyPart(previous);
    const b = this.keyPart(last);
    if (a === undefined || b === undefined) return;
    const followers = this.chain.model.get(JSON.stringify([a, b]));
    if (followers === undefined) return;
    for (const follower of followers.values()) {
      const word =
        follower.value === LIBRARY_END ? END : (this.words[follower.value as number] ?? END);
      sink(word, follower.count * weight);
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

  /**
   * Five-word stretches, read from the sentences only when first asked (a seat's sentence bank
   * asks, once per walk it keeps): most chains never are.
   */
  private fives: Set<string> | undefined;

  attestsFive(five: string): boolean {
    if (this.fives === undefined) {
      const fives = new Set<string>();
      for (const run of this.runs) {
        const words = run.map((id) => this.words[id] ?? '');
        for (let i = 4; i < words.length; i++) fives.add(words.slice(i - 4, i + 1).join(' '));
      }
      this.fives = fives;
    }
    return this.fives.has(five);
  }

  opens(quad: string): boolean {
    return this.openings.has(quad);
  }
}
