import { createRequire } from 'node:module';
import type ChainClass from 'markov-chains';
import { END, type FollowerSink, quadsOf, type WordSource } from './source.js';

// Babel-6 CommonJS: `import` gives {default} under Node but the class under vitest; require is
// the same everywhere.
const Chain = createRequire(import.meta.url)('markov-chains').default as typeof ChainClass;

const BEGIN = '@@MARKOV_CHAIN_BEGIN';
const LIBRARY_END = '@@MARKOV_CHAIN_END';

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
  /** Rough heap size, for caches that are bounded by bytes. */
  readonly bytes: number;

  constructor(sentences: readonly (readonly string[])[]) {
    const runs: number[][] = [];
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
      for (const quad of quadsOf(sentence)) this.quads.add(quad);
      bytes += sentence.length * 200;
    }
    this.chain = new Chain<number>(runs, { stateSize: STATE_SIZE });
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
}
