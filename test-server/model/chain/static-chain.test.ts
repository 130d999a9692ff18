import { describe, expect, it } from 'vitest';
import { END } from './source.js';
import { StaticChain } from './static-chain.js';

const followers = (
  chain: StaticChain,
  previous: string | undefined,
  last: string | undefined,
  weight = 1,
): [string, number][] => {
  const out: [string, number][] = [];
  chain.addFollowers(previous, last, weight, (word, w) => out.push([word, w]));
  return out;
};

describe('StaticChain', () => {
  const chain = new StaticChain([
    ['We', 'should', 'wait', '.'],
    ['We', 'should', 'act', 'now', '.'],
    ['We', 'should', 'wait', '.'],
    [],
  ]);

  it('counts each two-word state’s followers, in the order first seen, from the start to the end', () => {
    expect(followers(chain, undefined, undefined)).toEqual([['We', 3]]);
    expect(followers(chain, undefined, 'We')).toEqual([['should', 3]]);
    expect(followers(chain, 'We', 'should', 2)).toEqual([
      ['wait', 4],
      ['act', 2],
    ]);
    expect(followers(chain, 'wait', '.')).toEqual([[END, 2]]);
    expect(followers(chain, 'should', 'nobody')).toEqual([]);
    expect(followers(chain, 'now', 'We')).toEqual([]);
  });

  it('knows one word’s followers and the four-word stretches it holds', () => {
    const single: [string, number][] = [];
    chain.addWordFollowers('should', 1, (word, w) => single.push([word, w]));
    expect(single).toEqual([
      ['wait', 2],
      ['act', 1],
    ]);
    expect(chain.attests('should act now .')).toBe(true);
    expect(chain.attests('should wait now .')).toBe(false);
  });
});
