// The things a table talks about, as its own human-written texts name them: "the Dene Viaduct",
// "the active-travel grant", "Millford". Markov turns splice words, so a phrase cut out of a
// turn can be a fragment ("the plainly", "the line closed"); a phrase of the book found in a
// turn is one a person wrote. Summaries and replies that name what someone talked about name
// it from here.
import { type NounEvidence, type Phrase, phrasesOf } from './phrases.js';
import { TALK_TEXT } from './talk-corpus.js';
import { normalWords } from './words.js';

/** Heads too vague to say what someone stood for ("pressed us on the whole"). */
const VAGUE = new Set(
  `whole place option options mind choice choices proposal proposals real table point points part
  parts case fact facts side sides rest matter idea ideas question questions answer answers issue
  issues thing things evening morning night room moment word words sort kind lot end start
  beginning reason reasons view views sense problem problems best worst same most`.split(/\s+/),
);
/** Heads that are rarely nouns on their own: adverbs, adjectives, gerunds. */
const NOT_A_HEAD = /(?:ly|able|ible|ful|ous|ive|less|ish|ing|ed|al)$/;

export interface BookPhrase extends Phrase {
  /** Its words without the determiner, as `normalWords` gives them: what a mention matches. */
  readonly key: readonly string[];
}

/** Whether a phrase names a thing a person can stand for or worry about. */
export function namesAThing(phrase: Phrase, nouns: NounEvidence): boolean {
  if (phrase.proper) return true;
  if (VAGUE.has(phrase.head)) return false;
  const words = phrase.text.split(' ').length;
  // "the walking", "the symbolic": a lone word of such a shape is no thing; in a longer phrase
  // ("the station building") the head is attested as a noun by the words before it.
  if (words <= 2 && NOT_A_HEAD.test(phrase.head) && nouns(phrase.head) < 2) return false;
  return nouns(phrase.head) > 0;
}

/** The distinct phrases of `texts` that name a thing, longest first (so mentions prefer them). */
export function phrasebook(texts: readonly string[], nouns: NounEvidence): BookPhrase[] {
  return bookOf(
    texts.flatMap((text) => phrasesOf(text, nouns)),
    nouns,
  );
}

/** The distinct phrases of a list that name a thing, longest first. */
export function bookOf(phrases: readonly Phrase[], nouns: NounEvidence): BookPhrase[] {
  const byText = new Map<string, BookPhrase>();
  for (const phrase of phrases) {
    const lower = phrase.text.toLowerCase();
    if (byText.has(lower) || !namesAThing(phrase, nouns)) continue;
    const words = normalWords(phrase.text);
    const key = /^(?:the|our) /.test(phrase.text) ? words.slice(1) : words;
    if (key.length > 0) byText.set(lower, { ...phrase, key });
  }
  return [...byText.values()].sort((a, b) => b.key.length - a.key.length);
}

/**
 * The book's phrases that `text` mentions, in order, each stretch of words claimed by the
 * longest phrase that matches there ("the Larkhaven Branch", not "Larkhaven").
 */
export function mentionsOf(text: string, book: readonly BookPhrase[]): BookPhrase[] {
  return mentionsIn(normalWords(text), book);
}

/** The book's phrases that a text of these normal words mentions (see mentionsOf). */
export function mentionsIn(words: readonly string[], book: readonly BookPhrase[]): BookPhrase[] {
  const count = words.length;
  // Where a phrase may start: at a word some phrase starts with. Each start is the phrase's
  // place in the book and the word's in the text, in one number, so that the starts are tried
  // in the order of the book, then of the text (the longer phrases first claim their words).
  const firstWords = firstWordsOf(book);
  const starts: number[] = [];
  for (let at = 0; at < count; at++) {
    const phrases = firstWords.get(words[at] as string);
    if (phrases !== undefined) for (const k of phrases) starts.push(k * count + at);
  }
  starts.sort((a, b) => a - b);
  const claimed = new Array<boolean>(count).fill(false);
  const found: { at: number; phrase: BookPhrase }[] = [];
  for (const start of starts) {
    const at = start % count;
    const phrase = book[(start - at) / count] as BookPhrase;
    const { key } = phrase;
    if (at + key.length > count || claimed[at]) continue;
    let match = true;
    for (let k = 1; k < key.length && match; k++)
      match = words[at + k] === key[k] && !claimed[at + k];
    if (!match) continue;
    for (let k = 0; k < key.length; k++) claimed[at + k] = true;
    found.push({ at, phrase });
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.phrase);
}

/**
 * A book's phrases by their first word (their places in the book, in order). A summary asks
 * for the mentions of every turn against one book: it was each turn's every word indexed
 * instead, a Map of arrays a turn.
 */
const firstWordsByBook = new WeakMap<readonly BookPhrase[], Map<string, number[]>>();

function firstWordsOf(book: readonly BookPhrase[]): Map<string, number[]> {
  let firstWords = firstWordsByBook.get(book);
  if (firstWords === undefined) {
    firstWords = new Map();
    for (const [k, { key }] of book.entries()) {
      const first = key[0] as string;
      const list = firstWords.get(first);
      if (list === undefined) firstWords.set(first, [k]);
      else list.push(k);
    }
    firstWordsByBook.set(book, firstWords);
  }
  return firstWords;
}

/** Books joined: each phrase once, longest first. */
export function joinBooks(...books: readonly (readonly BookPhrase[])[]): BookPhrase[] {
  const byText = new Map<string, BookPhrase>();
  for (const book of books)
    for (const phrase of book) {
      const lower = phrase.text.toLowerCase();
      if (!byText.has(lower)) byText.set(lower, phrase);
    }
  return [...byText.values()].sort((a, b) => b.key.length - a.key.length);
}

/** The built-in talk, whose phrases ("the rest of us") are how people talk, not what about. */
const TALK_LOWER = TALK_TEXT.toLowerCase();

/** Phrases whose search of the talk is remembered before the memo starts over. */
const TALKED_KEPT = 4096;
let inTalk = new Map<string, boolean>();

/**
 * Whether the talk holds a phrase (lower case). Each answer is a search of the whole talk, and
 * a table's discussions say the same phrases summary after summary: the talk never changes, so
 * the answer is kept across them.
 */
function talked(lower: string): boolean {
  let known = inTalk.get(lower);
  if (known === undefined) {
    if (inTalk.size >= TALKED_KEPT) inTalk = new Map();
    known = talkHolds(lower.replace(/^(?:the|our) /, ' '));
    inTalk.set(lower, known);
  }
  return known;
}

/** Characters of a text that talkHolds looks up its places by. */
const KEY_CHARS = 4;
/** Where each KEY_CHARS characters stand in the talk (lower case), made on first use. */
let talkPlaces: Map<string, number[]> | undefined;

/**
 * TALK_LOWER.includes(text), by the places where the text's first characters stand: a summary
 * asks of a few hundred phrases, each new to the memo, and each search read the whole talk
 * (half of a summary's instructions).
 */
function talkHolds(text: string): boolean {
  if (text.length < KEY_CHARS) return TALK_LOWER.includes(text);
  if (talkPlaces === undefined) {
    talkPlaces = new Map();
    for (let at = 0; at + KEY_CHARS <= TALK_LOWER.length; at++) {
      const key = TALK_LOWER.slice(at, at + KEY_CHARS);
      const places = talkPlaces.get(key);
      if (places === undefined) talkPlaces.set(key, [at]);
      else places.push(at);
    }
  }
  for (const at of talkPlaces.get(text.slice(0, KEY_CHARS)) ?? [])
    if (TALK_LOWER.startsWith(text, at)) return true;
  return false;
}

/**
 * Phrases said in at least two turns: what seats whose personas this request does not show
 * kept talking about ("the signalling cost"). A splice's fragment is rarely said twice; a
 * phrase of the built-in talk often is, and is left out.
 */
export function repeatedPhrases(texts: readonly string[], nouns: NounEvidence): BookPhrase[] {
  return repeatedOf(
    texts.map((text) => phrasesOf(text, nouns)),
    nouns,
  );
}

/** Phrases found in at least two of the turns' phrases (each turn's, by phrasesOf), as above. */
export function repeatedOf(
  phrased: readonly (readonly Phrase[])[],
  nouns: NounEvidence,
): BookPhrase[] {
  const turnsOf = new Map<string, number>();
  for (const phrases of phrased) {
    const seen = new Set(phrases.map((phrase) => phrase.text.toLowerCase()));
    for (const lower of seen) turnsOf.set(lower, (turnsOf.get(lower) ?? 0) + 1);
  }
  const repeated = phrased.flatMap((phrases) =>
    phrases.filter((phrase) => {
      const lower = phrase.text.toLowerCase();
      return (turnsOf.get(lower) ?? 0) >= 2 && !talked(lower);
    }),
  );
  return bookOf(repeated, nouns);
}
