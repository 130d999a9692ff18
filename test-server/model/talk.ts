import { type BuiltChain, StaticChain } from './chain/static-chain.js';
import { type NounEvidence, nounsOf } from './phrases.js';
import { sentencesOf } from './sentences.js';
import { TALK_TEXT } from './talk-corpus.js';

/**
 * The talk's chain as the build step made it (scripts/build.ts defines it in the bundle, JSON of
 * a BuiltChain); undefined where the sources run unbundled (tests, tsx), which build it here.
 */
declare const __ROUNDTABLE_TALK_CHAIN__: string | undefined;

/**
 * The talk's sentences and the nouns they attest (`TalkDerived` as JSON), as the build step read
 * them from the same text: about 20 M instructions of every offline start (reading the corpus
 * into sentences, then tokenizing it). Undefined where the sources run unbundled.
 */
declare const __ROUNDTABLE_TALK_DERIVED__: string | undefined;

interface TalkDerived {
  readonly sentences: readonly string[];
  readonly nouns: readonly (readonly [string, number])[];
}

const derived =
  typeof __ROUNDTABLE_TALK_DERIVED__ === 'string'
    ? (JSON.parse(__ROUNDTABLE_TALK_DERIVED__) as TalkDerived)
    : undefined;

/** The built-in talk: how people speak at a table, whatever the topic. */
export const TALK_SENTENCES: readonly string[] = derived?.sentences ?? sentencesOf([TALK_TEXT]);
export const TALK_WORDS: readonly (readonly string[])[] = TALK_SENTENCES.map((sentence) =>
  sentence.split(' '),
);
export const TALK = new StaticChain(
  TALK_WORDS,
  typeof __ROUNDTABLE_TALK_CHAIN__ === 'string'
    ? (JSON.parse(__ROUNDTABLE_TALK_CHAIN__) as BuiltChain)
    : undefined,
);
export const TALK_NOUNS: ReadonlyMap<string, number> =
  derived === undefined ? nounsOf(TALK_SENTENCES) : new Map(derived.nouns);

/** What the build defines as __ROUNDTABLE_TALK_DERIVED__ (JSON of TalkDerived). */
export function builtTalkDerived(): string {
  const built: TalkDerived = { sentences: TALK_SENTENCES, nouns: [...TALK_NOUNS] };
  return JSON.stringify(built);
}

/**
 * How a word is attested as a noun at a table: in its own texts (`nouns`) and in the talk. Every
 * such closure comes from this one function, so the calls phrasesOf makes through them stay of
 * one kind for V8: closures of two sources made it throw away its optimized code and compile
 * the function again, twice, early in a server's life.
 */
export function nounEvidence(nouns: ReadonlyMap<string, number>): NounEvidence {
  return (word) => (nouns.get(word) ?? 0) + (TALK_NOUNS.get(word) ?? 0);
}
