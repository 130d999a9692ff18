import { type BuiltChain, StaticChain } from './chain/static-chain.js';
import { type NounEvidence, nounsOf } from './phrases.js';
import { sentencesOf } from './sentences.js';
import { TALK_TEXT } from './talk-corpus.js';

/**
 * The talk's chain as the build step made it (scripts/build.ts defines it in the bundle, JSON of
 * a BuiltChain); undefined where the sources run unbundled (tests, tsx), which build it here.
 */
declare const __ROUNDTABLE_TALK_CHAIN__: string | undefined;

/** The built-in talk: how people speak at a table, whatever the topic. */
export const TALK_SENTENCES: readonly string[] = sentencesOf([TALK_TEXT]);
export const TALK_WORDS: readonly (readonly string[])[] = TALK_SENTENCES.map((sentence) =>
  sentence.split(' '),
);
export const TALK = new StaticChain(
  TALK_WORDS,
  typeof __ROUNDTABLE_TALK_CHAIN__ === 'string'
    ? (JSON.parse(__ROUNDTABLE_TALK_CHAIN__) as BuiltChain)
    : undefined,
);
export const TALK_NOUNS: ReadonlyMap<string, number> = nounsOf(TALK_SENTENCES);

/**
 * How a word is attested as a noun at a table: in its own texts (`nouns`) and in the talk. Every
 * such closure comes from this one function, so the calls phrasesOf makes through them stay of
 * one kind for V8: closures of two sources made it throw away its optimized code and compile
 * the function again, twice, early in a server's life.
 */
export function nounEvidence(nouns: ReadonlyMap<string, number>): NounEvidence {
  return (word) => (nouns.get(word) ?? 0) + (TALK_NOUNS.get(word) ?? 0);
}
