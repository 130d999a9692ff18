import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { TALK, TALK_WORDS } from '../talk.js';
import { buildModel } from './chain-model.js';
import { type BuiltChain, StaticChain } from './static-chain.js';

/** Every follower of every state the talk reaches, as the walk reads them. */
function followers(chain: StaticChain): string[] {
  const out: string[] = [];
  const sink = (word: string, weight: number) => out.push(`${word}:${weight}`);
  for (const sentence of TALK_WORDS) {
    const words = [undefined, undefined, ...sentence];
    for (let i = 2; i <= words.length; i++) {
      out.push('|');
      chain.addFollowers(words[i - 2], words[i - 1], 1, sink);
    }
  }
  return out;
}

describe('the talk chain built at build time', () => {
  // As scripts/build.ts makes it: built(), through JSON (the bundle holds it as a JSON string).
  const built = JSON.parse(JSON.stringify(TALK.built())) as BuiltChain;
  const hydrated = new StaticChain(TALK_WORDS, built);

  it('hydrates to the chain the sources build: the same model and followers', () => {
    const runtime = new StaticChain(TALK_WORDS);
    expect(hydrated.built()).toEqual(runtime.built());
    expect(followers(hydrated)).toEqual(followers(runtime));
    expect(built.model.length).toBeGreaterThan(1000);
  });

  it('is not used for other words: a talk edited after the build builds its own chain', () => {
    const edited = [...TALK_WORDS, ['A', 'sentence', 'added', 'since', 'the', 'build.']];
    const chain = new StaticChain(edited, built);
    expect(chain.built()).toEqual(new StaticChain(edited).built());
    expect(chain.built()).not.toEqual(hydrated.built());
  });
});

type LibraryModel = ReadonlyMap<string, ReadonlyMap<string, unknown>>;

describe("a chain's model built without markov-chains' build", () => {
  // The library itself, to compare against (Babel-6 CommonJS, as static-chain.ts requires it).
  const Chain = createRequire(import.meta.url)('markov-chains').default as {
    build(runs: readonly (readonly number[])[], options: { stateSize: number }): LibraryModel;
  };
  /** Every state with its followers, in the Maps' order. */
  const entries = (model: LibraryModel) =>
    [...model].map(([state, followers]) => [state, [...followers]]);

  it('is the model Chain.build makes: the same states, followers, counts and order', () => {
    const ids = new Map<string, number>();
    const runsOf = (sentences: readonly (readonly string[])[]) =>
      sentences.map((sentence) =>
        sentence.map((word) => {
          if (!ids.has(word)) ids.set(word, ids.size);
          return ids.get(word) as number;
        }),
      );
    const cases = [
      runsOf(TALK_WORDS),
      // Repeats within and across runs, a one-word run and an empty one.
      [[0, 1, 0, 1, 0], [1, 0, 1], [7], [], [0, 1, 0, 1, 0], [12, 3, 12, 3, 12, 3]],
    ];
    for (const runs of cases) {
      const built = buildModel(runs, 2);
      expect(built).toBeDefined();
      expect(entries(built as LibraryModel)).toEqual(entries(Chain.build(runs, { stateSize: 2 })));
    }
    expect(buildModel([[0, 1]], 3)).toBeUndefined();
  });
});
