// Stand-in replies for a dry run: text that takes up as many tokens as a real reply would, names
// nobody, never repeats an earlier reply, and is recognizably not a model's.
import type { TokenCounter } from '../tokens/counter.js';

const WORDS = [
  'lorem',
  'ipsum',
  'dolor',
  'sit',
  'amet',
  'consectetur',
  'adipiscing',
  'elit',
  'sed',
  'do',
  'eiusmod',
  'tempor',
  'incididunt',
  'ut',
  'labore',
  'et',
  'dolore',
  'magna',
  'aliqua',
  'enim',
  'ad',
  'minim',
  'veniam',
  'quis',
  'nostrud',
  'exercitation',
  'ullamco',
  'laboris',
  'nisi',
  'aliquip',
  'ex',
  'ea',
  'commodo',
  'consequat',
  'duis',
  'aute',
  'irure',
  'in',
  'reprehenderit',
  'voluptate',
  'velit',
  'esse',
  'cillum',
  'fugiat',
  'nulla',
  'pariatur',
  'excepteur',
  'sint',
  'occaecat',
  'cupidatat',
  'non',
  'proident',
  'sunt',
  'culpa',
  'qui',
  'officia',
  'deserunt',
  'mollit',
  'anim',
  'id',
  'est',
  'laborum',
];

/** Words for filler, leaving out any that is someone's name (it would read as a mention). */
export function fillerWords(names: readonly string[]): readonly string[] {
  const taken = new Set(names.map((name) => name.toLowerCase()));
  return WORDS.filter((word) => !taken.has(word));
}

/** A deterministic sequence of `count` words, different for every `key`. */
function words(vocabulary: readonly string[], key: number, count: number): string[] {
  const out: string[] = [];
  let state = (key * 2_654_435_761) >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    // xorshift32: varied enough that no two replies share their word shingles.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const word = vocabulary[state % vocabulary.length] ?? 'lorem';
    out.push(i % 12 === 11 ? `${word}.` : word);
  }
  return out;
}

/**
 * Text of about `tokens` tokens by `counter` (never more), made of filler words keyed by `key`.
 * Found by bisection on the word count, so the counter runs a handful of times per reply.
 */
export function fillerText(
  tokens: number,
  key: number,
  counter: TokenCounter,
  vocabulary: readonly string[],
): string {
  if (tokens <= 0) return '';
  const all = words(vocabulary, key, tokens);
  let low = 1;
  let high = all.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (counter.countText(all.slice(0, mid).join(' ')) <= tokens) low = mid;
    else high = mid - 1;
  }
  return all.slice(0, low).join(' ');
}
