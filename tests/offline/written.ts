// What a person wrote, for reading the offline model's words against: the built-in talk, the
// table's context and questions, and its personas. Markov text splices sources where two share
// words; a sentence every four words of which stand in one written sentence reads as written.
import { TALK_TEXT } from '../../test-server/model/talk-corpus.js';
import type { OfflineRun } from './offline-run.js';

/** Words compared person-blind (a persona is written "you are", spoken "I am"), bare of marks. */
const FOLD: Record<string, string> = { i: 'you', me: 'you', my: 'your', am: 'are', i_m: 'you_re' };

export const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’']/g, '_')
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}€]+|[^\p{L}\p{N}%]+$/gu, ''))
    .filter((word) => word !== '')
    .map((word) => FOLD[word] ?? word);

/** Its stretches of `n` words in a row. */
export function stretches(words: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i < words.length; i++) out.push(words.slice(i - n + 1, i + 1).join(' '));
  return out;
}

const quads = (words: readonly string[]) => stretches(words, 4);

/** Adds every `n`-word stretch of each sentence of `text` to `set`. */
export function addStretches(set: Set<string>, text: string, n: number): void {
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/))
    for (const stretch of stretches(tokens(sentence), n)) set.add(stretch);
}

/** Every `n`-word stretch of the texts a person wrote: the talk, context, personas, questions. */
export function writtenStretches(run: OfflineRun, n: number): Set<string> {
  const { task, participants } = run.table;
  const texts = [TALK_TEXT, task.context, ...task.questions, ...participants.map((p) => p.prompt)];
  const set = new Set<string>();
  for (const text of texts) addStretches(set, text, n);
  return set;
}

/** Every four-word stretch of the texts a person wrote. */
export const writtenQuads = (run: OfflineRun): Set<string> => writtenStretches(run, 4);

/** A sentence that reads as written: five words or more, each four of them in one written sentence. */
export function readsWhole(sentence: string, written: ReadonlySet<string>): boolean {
  const words = tokens(sentence);
  return words.length >= 5 && quads(words).every((quad) => written.has(quad));
}

/** Each four words of the sentence stand in a written sentence (however short it is). */
export function unspliced(sentence: string, written: ReadonlySet<string>): boolean {
  return quads(tokens(sentence)).every((quad) => written.has(quad));
}
