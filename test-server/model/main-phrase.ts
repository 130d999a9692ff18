// Which of a text's phrases to name: the one a reader would call its subject (the topic a summary
// names, what a seat asks about), from phrases.ts's phrases and how well each head is attested.
import { type NounEvidence, type Phrase, phrasesOf } from './phrases.js';

/**
 * The phrase of `text` most worth naming, given how often each head word occurs in the material
 * around it (`weight`): proper names and well-attested heads first, short over long.
 */
export function mainPhrase(
  text: string,
  weight: (head: string) => number,
  exclude: ReadonlySet<string> = new Set(),
  nouns: NounEvidence = weight,
): Phrase | undefined {
  return mainPhraseOf(phrasesOf(text, nouns), weight, exclude);
}

/** The weightiest of a text's phrases (see mainPhrase), from the text's phrasesOf. */
export function mainPhraseOf(
  phrases: readonly Phrase[],
  weight: (head: string) => number,
  exclude: ReadonlySet<string> = new Set(),
): Phrase | undefined {
  let best: Phrase | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const phrase of phrases) {
    if (exclude.has(phrase.text.toLowerCase())) continue;
    if (phrase.text.split(' ').some((word) => exclude.has(word.toLowerCase()))) continue;
    const words = phrase.text.split(' ').length;
    const score =
      (phrase.proper ? 2 : 0) +
      Math.min(3, weight(phrase.head)) -
      (words > 3 ? 1 : 0) -
      (!phrase.proper && phrase.asked === true ? 1 : 0) -
      // A time of day is when, not what ("at six in the morning"): named only if nothing else is.
      (isTime(phrase) ? 3 : 0);
    if (score > bestScore) {
      best = phrase;
      bestScore = score;
    }
  }
  return best;
}

/** A time of day or of the year ("the morning"): when, never what a text is about. */
export function isTime(phrase: Phrase): boolean {
  return !phrase.proper && TIMES.has(phrase.head);
}

/** Heads that say when something happens, never what a text is about. */
const TIMES = new Set([
  'morning',
  'afternoon',
  'evening',
  'night',
  'day',
  'week',
  'weekend',
  'month',
  'year',
  'time',
  'moment',
]);
