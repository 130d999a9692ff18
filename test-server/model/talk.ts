import { StaticChain } from './chain/static-chain.js';
import { nounsOf } from './phrases.js';
import { sentencesOf } from './sentences.js';
import { TALK_TEXT } from './talk-corpus.js';

/** The built-in talk: how people speak at a table, whatever the topic. */
export const TALK_SENTENCES: readonly string[] = sentencesOf([TALK_TEXT]);
export const TALK = new StaticChain(TALK_SENTENCES.map((sentence) => sentence.split(' ')));
export const TALK_NOUNS: ReadonlyMap<string, number> = nounsOf(TALK_SENTENCES);
