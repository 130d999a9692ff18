// A walked sentence made presentable, and a sentence made to follow a lead-in: the small
// rewrites of case and marks that every reply's sentences go through.
import { leadingWord } from './ascii-words.js';
import { TALK_TEXT } from './talk-corpus.js';
import { STOPWORDS } from './words.js';

/** "the viaduct is …" → "The viaduct is …"; a closing mark where the walk left none. */
export function tidy(words: readonly string[]): string {
  let text = words.join(' ').replace(/[,;:–—-]+$/u, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    if (text.split(open).length !== text.split(close).length)
      text = text.replaceAll(open, '').replaceAll(close, '');
  }
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) text = text.replaceAll('"', '');
  if ((text.match(/[“”]/g)?.length ?? 0) % 2 === 1) text = text.replace(/[“”]/g, '');
  text = text.trim();
  if (!/[.!?…]["'”’)\]]*$/u.test(text)) text += '.';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases a sentence's first word to follow a lead-in, unless it is "I" or a name. */
export function continuing(sentence: string): string {
  const first = leadingWord(sentence) ?? '';
  if (first === 'I' || /^I['’]/.test(first)) return sentence;
  // "Tonight's round table…" lower-cases as "tonight" would, and a word the talk writes in
  // lower case is no name: "Let me close with this: Experience tells me …" read as one.
  const word = first.toLowerCase().replace(/['’]s$/u, '');
  return STOPWORDS.has(word) || talkLower().has(word)
    ? sentence.charAt(0).toLowerCase() + sentence.slice(1)
    : sentence;
}

let lower: ReadonlySet<string> | undefined;

/** The words the built-in talk writes in lower case somewhere; read once. */
function talkLower(): ReadonlySet<string> {
  lower ??= new Set(TALK_TEXT.match(/(?<![\p{L}'’])\p{Ll}[\p{L}'’]*/gu) ?? []);
  return lower;
}
