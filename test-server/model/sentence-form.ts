// A walked sentence made presentable, and a sentence made to follow a lead-in: the small
// rewrites of case and marks that every reply's sentences go through.

import { leadingWord } from './ascii-words.js';
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
  // "Tonight's round table…" lower-cases as "tonight" would.
  return STOPWORDS.has(first.toLowerCase().replace(/['’]s$/u, ''))
    ? sentence.charAt(0).toLowerCase() + sentence.slice(1)
    : sentence;
}
