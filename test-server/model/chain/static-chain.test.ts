import { describe, expect, it } from 'vitest';
import { TALK, TALK_WORDS } from '../talk.js';
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
