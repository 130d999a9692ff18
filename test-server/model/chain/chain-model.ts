import stringify from 'javascript-stringify';
import type { Follower } from 'markov-chains';

// markov-chains keys its states and followers with javascript-stringify (its dependency, the
// one in node_modules beside it): imported, so that the build bundles it into the offline
// model's chunk with markov-chains, and a run does not load either from node_modules.

/** markov-chains' padding before a run and after it (its BEGIN and END). */
const BEGIN = '@@MARKOV_CHAIN_BEGIN';
const END = '@@MARKOV_CHAIN_END';

/**
 * The model markov-chains' `Chain.build(runs, { stateSize })` makes for two-word states (undefined
 * for others), state for state and follower for follower in the same order, with the same keys,
 * made without it. The library keys each state as `JSON.stringify([stringify(a), stringify(b)])`,
 * a generic serialiser called three times for every word of every run: a seat's persona and
 * context chains, built at its first request, spent most of their time there. Here each distinct
 * id is serialised once, and a key is the two parts joined as JSON would join them: digits, or
 * the quoted BEGIN, which need no escaping (checked, or the library builds the model).
 */
export function buildModel(
  runs: readonly (readonly number[])[],
  stateSize: number,
): Map<string, Map<string, Follower<number>>> | undefined {
  if (stateSize !== 2) return undefined;
  const keys: string[] = [];
  const keyOf = (id: number): string => {
    let key = keys[id];
    if (key === undefined) {
      key = stringify(id);
      keys[id] = key;
    }
    return key;
  };
  const begin = stringify(BEGIN);
  const end = stringify(END);
  // JSON writes it as it is, quoted: no escape that a joined key would miss.
  if (JSON.stringify(begin) !== `"${begin}"`) return undefined;
  const model = new Map<string, Map<string, { value: number | string; count: number }>>();
  for (const run of runs) {
    let previous = begin;
    let last = begin;
    for (let i = 0; i <= run.length; i++) {
      const id = run[i];
      const followKey = id === undefined ? end : keyOf(id);
      const stateKey = `["${previous}","${last}"]`;
      let followers = model.get(stateKey);
      if (followers === undefined) {
        followers = new Map();
        model.set(stateKey, followers);
      }
      let follower = followers.get(followKey);
      if (follower === undefined) {
        follower = { value: id === undefined ? END : id, count: 0 };
        followers.set(followKey, follower);
      }
      follower.count += 1;
      previous = last;
      last = followKey;
    }
  }
  return model as Map<string, Map<string, Follower<number>>>;
}
