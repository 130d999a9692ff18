// Small phrases a reply can name: "the Dene Viaduct", "the empty station building", "Millford".
// Found by shape, not grammar: a determiner and the words after it up to a function word or a
// mark, or a run of capitalised words that does not open a sentence.

import {
  allLettersOrDigits,
  startsLower,
  startsUpper,
  startsWithLetterOrDigit,
  tokensOf,
} from './letters.js';
import { isContentWord, STOPWORDS } from './words.js';

// Not "that": far more often it opens a clause ("say that plainly") than a noun.
const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'this', 'their', 'its']);
/** Words after which a noun (or its adjective) comes: evidence of what is a noun. */
const NOUN_MARKERS = new Set([
  ...DETERMINERS,
  'every',
  'each',
  'any',
  'some',
  'no',
  'my',
  'your',
  'his',
  'her',
  'these',
  'those',
  'more',
  'less',
]);
function isWord(token: string): boolean {
  return startsWithLetterOrDigit(token);
}

/** "…'s" or "…’s". */
function endsInApostropheS(word: string): boolean {
  return word.endsWith("'s") || word.endsWith('’s');
}

/** A name or noun with its possessive: "Millford's", "valley’s" (/^[\p{L}\p{N}]+['’]s$/u). */
function isPossessive(token: string): boolean {
  return endsInApostropheS(token) && allLettersOrDigits(token.slice(0, -2));
}

/** A mark that closes a phrase; "€" or "(" do not ("the symbolic €1"). */
function isMark(token: string | undefined): boolean {
  return token === undefined || /^[.,;:!?)\]"”]$/u.test(token);
}

function isCapitalised(token: string): boolean {
  return startsUpper(token);
}

export interface Phrase {
  /** As it can stand in a sentence: "the Dene Viaduct", "Millford". */
  readonly text: string;
  /** Its last word, lower case: what it is about. */
  readonly head: string;
  readonly proper: boolean;
  /**
   * Who a question asks to act, set only then ("How should the city pay for the scheme …?"):
   * the question is about what follows ("the scheme").
   */
  readonly asked?: true;
}

/** Words that end a determiner's run without being its noun: adjectives, adverbs, participles. */
const ADJECTIVE = /(?:able|ible|ful|ous|ive|less|ish|ly|[^e]ed)$/i;

const CONJUNCTIONS = new Set(['and', 'or']);
/** Words a coordinated phrase may hold after its conjunction ("walking and cycling trail"). */
const AFTER_CONJUNCTION = 3;

/** The run before `tokens[j]` goes on past a conjunction: "the walking | and cycling trail". */
function coordinates(tokens: readonly string[], j: number): boolean {
  const after = tokens[j + 1] ?? '';
  return (
    CONJUNCTIONS.has((tokens[j] ?? '').toLowerCase()) &&
    isWord(after) &&
    !isCapitalised(after) &&
    !STOPWORDS.has(after.toLowerCase()) &&
    !DETERMINERS.has(after.toLowerCase())
  );
}

/** Where a coordinated run that `coordinates` found at `j` ends (the index after its words). */
function coordinatedEnd(tokens: readonly string[], j: number): number {
  let end = j + 1;
  while (end < tokens.length && end <= j + AFTER_CONJUNCTION) {
    const token = tokens[end] ?? '';
    if (!isWord(token) || isCapitalised(token) || STOPWORDS.has(token.toLowerCase())) break;
    end++;
  }
  return end;
}

/** How a word is attested as a noun: seen right after a determiner, how often. */
export type NounEvidence = (word: string) => number;

/**
 * Counts, in `texts`, the words that end a determiner's phrase: "the numbers have" (a function
 * word follows), "the cheapest option." (a mark follows). Adjectives ("a sunny Sunday") do not
 * count, so the count is evidence that a word is a noun.
 */
export function nounsOf(texts: readonly string[]): Map<string, number> {
  const nouns = new Map<string, number>();
  for (const text of texts) {
    const tokens = tokensOf(text);
    for (let i = 0; i < tokens.length; i++) {
      if (!NOUN_MARKERS.has((tokens[i] ?? '').toLowerCase())) continue;
      let j = i + 1;
      while (j < tokens.length && j <= i + 3) {
        const token = tokens[j] ?? '';
        if (!isWord(token) || STOPWORDS.has(token.toLowerCase())) break;
        j++;
      }
      // "a walking and cycling trail,": "walking" modifies the noun after the conjunction, the
      // word a mark closes. Without the mark, "and" may join clauses ("the track and build").
      if (j > i + 1 && coordinates(tokens, j)) {
        const end = coordinatedEnd(tokens, j);
        if (isMark(tokens[end])) {
          const word = (tokens[end - 1] ?? '').toLowerCase();
          if (isContentWord(word)) nouns.set(word, (nouns.get(word) ?? 0) + 1);
          continue;
        }
      }
      // One word and a function word ("the money is"), or a phrase a mark closes ("the cheapest
      // option."): in "the line closed after", "closed" is no noun.
      const marked = isMark(tokens[j]);
      const closed = marked || STOPWORDS.has((tokens[j] ?? '').toLowerCase());
      if (j === i + 1 || j > i + 3 || (j > i + 2 && !marked) || !closed) continue;
      const word = (tokens[j - 1] ?? '').toLowerCase();
      if (isContentWord(word)) nouns.set(word, (nouns.get(word) ?? 0) + 1);
    }
  }
  return nouns;
}

/**
 * Candidate phrases of a text, in order of appearance (duplicates kept). A determiner's run of
 * words is taken whole when a mark ends it ("the empty station building?"), else only as far as
 * a word that `nouns` attests ("the numbers support that" → "the numbers").
 */
export function phrasesOf(text: string, nouns: NounEvidence = () => 0): Phrase[] {
  const tokens = tokensOf(text);
  const phrases: Phrase[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const lower = token.toLowerCase();
    const opensSentence = i === 0 || /^[.!?:;]$/.test(tokens[i - 1] ?? '');
    if (DETERMINERS.has(lower)) {
      const run: string[] = [];
      let j = i + 1;
      const proper = isCapitalised(tokens[j] ?? '');
      while (j < tokens.length && run.length < 3) {
        const next = tokens[j] ?? '';
        if (!isWord(next)) break;
        if (
          proper ? !isCapitalised(next) : isCapitalised(next) || STOPWORDS.has(next.toLowerCase())
        )
          break;
        run.push(next);
        j++;
      }
      // "the walking and cycling trail": cut at the conjunction, the phrase would end on a word
      // that only modifies the noun after it ("Juno spoke up for the walking"). It is taken
      // whole when a noun ends it; else the conjunction joins clauses ("lift the track and
      // build"), and the phrase ends before it.
      const nounless = () => nouns((run.at(-1) ?? '').toLowerCase()) === 0;
      if (!proper && run.length > 0 && coordinates(tokens, j)) {
        const joined = run.length;
        const end = coordinatedEnd(tokens, j);
        const whole = [...run, ...tokens.slice(j, end)];
        const saved = run.splice(0, run.length, ...whole);
        while (run.length > joined + 2 && ADJECTIVE.test(run.at(-1) ?? '')) run.pop();
        if (!isMark(tokens[end])) while (run.length > joined + 1 && nounless()) run.pop();
        if (run.length > joined + 1) j = end;
        else run.splice(0, run.length, ...saved);
      }
      const marked = isMark(tokens[j]);
      if (run.length <= 3 || marked) {
        // An adjective after its noun ("keep the neighbourhood affordable") is not part of it.
        while (!proper && run.length > 1 && ADJECTIVE.test(run.at(-1) ?? '')) run.pop();
        if (!proper && !marked) {
          // Not closed by a mark: a verb may have crept in ("the town covering running").
          run.length = Math.min(run.length, 2);
          while (run.length > 0 && nounless()) run.pop();
        }
      }
      const head = (run.at(-1) ?? '').toLowerCase();
      const next = tokens[j] ?? '';
      // "the Lark valley", "the Larkhaven youth council": the name qualifies the word after it
      // (unless that word looks like a verb: "the Dene Viaduct carries").
      const qualifies =
        proper &&
        startsLower(next) &&
        (nouns(next.toLowerCase()) > 0 ||
          (run.length === 1 && isContentWord(next.toLowerCase()) && !/(?:s|ed)$/.test(next)));
      // "the lack of …", "the valley's …": not a thing on its own.
      const incomplete =
        (!proper && run.length === 1 && next.toLowerCase() === 'of') || endsInApostropheS(head);
      if (run.length > 0 && !qualifies && !incomplete && (proper || isContentWord(head))) {
        const determiner =
          lower === 'a' || lower === 'an' ? 'the' : lower === 'our' ? 'our' : 'the';
        const phrase = { text: `${determiner} ${run.join(' ')}`, head, proper };
        phrases.push(asksToAct(tokens, i) ? { ...phrase, asked: true } : phrase);
        i = j - 1;
      }
      continue;
    }
    const owned = tokens[i + 1] ?? '';
    if (isPossessive(token) && isWord(owned) && isContentWord(owned.toLowerCase())) {
      const owner = opensSentence ? token.toLowerCase() : token;
      const after = tokens[i + 2] ?? '';
      const two = isWord(after) && isContentWord(after.toLowerCase()) && startsLower(after);
      const last = two ? after : owned;
      phrases.push({
        text: `${owner} ${owned}${two ? ` ${after}` : ''}`,
        head: last.toLowerCase(),
        proper: false,
      });
      i += two ? 2 : 1;
      continue;
    }
    if (
      !opensSentence &&
      isCapitalised(token) &&
      isWord(token) &&
      token.length > 1 &&
      !/['’]/.test(token)
    ) {
      const run = [token];
      let j = i + 1;
      while (j < tokens.length && isCapitalised(tokens[j] ?? '') && isWord(tokens[j] ?? '')) {
        run.push(tokens[j] ?? '');
        j++;
      }
      const head = (run.at(-1) ?? '').toLowerCase();
      const next = tokens[j] ?? '';
      const qualifies = startsLower(next) && nouns(next.toLowerCase()) > 0;
      if (head !== 'i' && !STOPWORDS.has(head) && !qualifies)
        phrases.push({ text: run.join(' '), head, proper: true });
      i = j - 1;
    }
  }
  return phrases;
}

/**
 * The determiner at `at` opens the question, after a modal and at most a question word ("How
 * should the city …", "Should the town …"): its phrase is who the question asks to act.
 */
function asksToAct(tokens: readonly string[], at: number): boolean {
  const modal = /^(?:should|would|could|can|will|must|do|does)$/i;
  if (at === 1) return modal.test(tokens[0] ?? '');
  return (
    at === 2 &&
    /^(?:how|why|when|where|what|who)$/i.test(tokens[0] ?? '') &&
    modal.test(tokens[1] ?? '')
  );
}
