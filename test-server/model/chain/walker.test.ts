import { describe, expect, it } from 'vitest';
import { randomFrom } from '../../prng.js';
import { RunGuard } from '../run-guard.js';
import { StaticChain } from './static-chain.js';
import { StaticMix } from './static-mix.js';
import { Walker } from './walker.js';

const words = (sentences: readonly string[]) => sentences.map((sentence) => sentence.split(' '));

/** Walks of a mix of two texts that share only "the town". */
function walks(count: number): string[] {
  const mix = new StaticMix([
    { chain: new StaticChain(words(['I think the town must pay for the repairs.'])), weight: 1 },
    { chain: new StaticChain(words(['Everyone in the town likes the new park.'])), weight: 1 },
  ]);
  const walker = new Walker(
    { mix, view: undefined, viewWeight: 0 },
    1,
    randomFrom('walker'),
    new RunGuard([], []),
  );
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(walker.sentence([], i).words.join(' '));
  return out;
}

describe('the walker', () => {
  it('keeps to one text where two meet on a pair of words, when another pick does', () => {
    const all = walks(400);
    const fromFirst = all.filter((walk) => walk.startsWith('I think'));
    expect(fromFirst.length).toBeGreaterThan(100);
    // "I think the town | likes the new park." crosses where only two words are shared; with
    // equal weights half the walks did. Four picks at the seam leave 1 in 16.
    const crossed = fromFirst.filter((walk) => walk.includes('likes'));
    expect(crossed.length / fromFirst.length).toBeLessThan(0.12);
  });
});
