// The words clause.ts's checks look for (verbs, auxiliaries before a subject, question words),
// found by reading a sentence's words and looking each up, not by one alternation of a hundred
// words: V8 compiled each such pattern at its first use and again as it tiered up, ~8 M
// instructions for the verbs alone, ~15 M for the three on an offline run's first turn
// (docs/benchmarks.md, "Start-up › Session 13"). Each function answers as the pattern in its
// comment does; clause.test.ts checks them against those patterns.
import { once } from '../../src/once.js';
import { isSpace } from '../../src/unicode-properties.js';

const words = (list: string) => new Set(list.split(' '));

const VERBS = words(
  'is are was were be been am has have had do does did will would should could can may might must shall need needs want wants think know see seems makes means matters decides works costs pays helps carries comes goes gets takes gives says stands leaves keeps runs ends falls owe care like trust remember forget get pay make take give go come use keep work cost help matter decide mean build run fix change lose win live wait start try put',
);
const CONTRACTED = words('s re ve ll d m');
const AUXILIARIES = words(
  "could can would will shall should do does did is are was were have has had may might must isn't aren't don't doesn't won't wouldn't couldn't shouldn't",
);
const SUBJECTS = words(
  'we you i they it he she anyone anybody someone somebody this that these those there the a an our your their my',
);
const QUESTION_WORDS = words('what why how who whom whose where when which');

/** The verb pattern, asked of a text with ſ or K, which `iu` reads as s and k (and \w). */
const VERB_PATTERN = once(
  () =>
    new RegExp(
      `\\b(?:${[...VERBS].join('|')})\\b|['’](?:${[...CONTRACTED].join('|')})\\b|n['’]t\\b`,
      'iu',
    ),
);
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
/** \w without `u`: what a word boundary tells from the rest. */
const WORD = /\w+/g;

function isWordUnit(unit: number): boolean {
  return (
    (unit >= 97 && unit <= 122) ||
    (unit >= 65 && unit <= 90) ||
    (unit >= 48 && unit <= 57) ||
    unit === 95
  );
}

/** Where the run of `text` from `from` that `part` lets through ends. */
function runEnd(text: string, from: number, part: (unit: number) => boolean): number {
  let end = from;
  while (end < text.length && part(text.charCodeAt(end))) end++;
  return end;
}

const isAsciiLetterOrApostrophe = (unit: number) =>
  (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || unit === 0x27 || unit === 0x2019;

/** The word (\w+) at `from`, lower case, if a boundary ends it: '' where none starts. */
function wordAt(text: string, from: number): string {
  return text.slice(from, runEnd(text, from, isWordUnit)).toLowerCase();
}

/**
 * A verb, a contraction or "n't" as a word of its own:
 * /\b(?:is|are|…|put)\b|['’](?:s|re|ve|ll|d|m)\b|n['’]t\b/iu.
 */
export function hasVerbWord(sentence: string): boolean {
  if (FOLDS_TO_ASCII.test(sentence)) return VERB_PATTERN().test(sentence);
  for (const match of sentence.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (VERBS.has(word)) return true;
    const at = match.index;
    const before = sentence.charCodeAt(at - 1);
    if (before !== 0x27 && before !== 0x2019) continue;
    if (CONTRACTED.has(word)) return true;
    if (word === 't' && (sentence[at - 2] === 'n' || sentence[at - 2] === 'N')) return true;
  }
  return false;
}

/** An auxiliary, white space and a subject at `from`: /^(?:could|…)\s+(?:we|…)\b/i there. */
function auxiliaryFirstAt(text: string, from: number): boolean {
  const end = runEnd(text, from, isAsciiLetterOrApostrophe);
  if (!AUXILIARIES.has(text.slice(from, end).toLowerCase().replace('’', "'"))) return false;
  const subject = runEnd(text, end, isSpace);
  return subject > end && SUBJECTS.has(wordAt(text, subject));
}

/** A sentence that opens as a yes-or-no question ("Could we …"): /^(?:could|…)\s+(?:we|…)\b/i. */
export function asksFirst(sentence: string): boolean {
  return auxiliaryFirstAt(sentence, 0);
}

/**
 * A question's opening at the start or after a comma, colon or semicolon and white space: an
 * auxiliary before its subject, or a question word. /(?:^|[,:;]\s+)(?:(?:could|…)\s+(?:we|…)\b|
 * (?:what|why|how|who|whom|whose|where|when|which)\b)/i.
 */
export function opensQuestion(sentence: string): boolean {
  const at = (from: number) =>
    auxiliaryFirstAt(sentence, from) || QUESTION_WORDS.has(wordAt(sentence, from));
  if (at(0)) return true;
  for (let i = 0; i < sentence.length; i++) {
    const unit = sentence.charCodeAt(i);
    if (unit !== 0x2c && unit !== 0x3a && unit !== 0x3b) continue;
    const from = runEnd(sentence, i + 1, isSpace);
    if (from > i + 1 && at(from)) return true;
  }
  return false;
}

/** `text` holds `phrase` (lower case) at `at`, as a case-insensitive pattern (no `u`) reads it. */
function phraseAt(text: string, at: number, phrase: string): boolean {
  if (at + phrase.length > text.length) return false;
  for (let i = 0; i < phrase.length; i++) {
    const unit = text.charCodeAt(at + i);
    const expected = phrase.charCodeAt(i);
    if (unit !== expected && !(unit >= 65 && unit <= 90 && unit + 32 === expected)) return false;
  }
  return true;
}

const boundaryBefore = (text: string, at: number) =>
  at === 0 || !isWordUnit(text.charCodeAt(at - 1));
const boundaryAfter = (text: string, end: number) =>
  end >= text.length || !isWordUnit(text.charCodeAt(end));

/** A list's phrases by their first character (lower case), so a place is tried with few. */
const byInitial = new WeakMap<readonly string[], Map<number, string[]>>();

function startingWith(phrases: readonly string[], unit: number): readonly string[] | undefined {
  let groups = byInitial.get(phrases);
  if (groups === undefined) {
    groups = new Map();
    for (const phrase of phrases) {
      const initial = phrase.charCodeAt(0);
      groups.set(initial, [...(groups.get(initial) ?? []), phrase]);
    }
    byInitial.set(phrases, groups);
  }
  return groups.get(unit >= 65 && unit <= 90 ? unit + 32 : unit);
}

/**
 * `text` opens with one of `phrases` and a word ends there: /^(?:phrase|…)\b/i, for phrases in
 * lower case that end in a letter. A list of phrases as one pattern cost V8 2–3 M instructions
 * to compile at its first use and again as it tiered up.
 */
export function opensWithPhrase(text: string, phrases: readonly string[]): boolean {
  for (const phrase of startingWith(phrases, text.charCodeAt(0)) ?? []) {
    if (phraseAt(text, 0, phrase) && boundaryAfter(text, phrase.length)) return true;
  }
  return false;
}

/**
 * `text` holds one of `phrases` as whole words: /\b(?:phrase|…)\b/i, for phrases in lower case
 * that start and end with a letter.
 */
export function hasPhrase(text: string, phrases: readonly string[]): boolean {
  for (let at = 0; at < text.length; at++) {
    if (!boundaryBefore(text, at)) continue;
    for (const phrase of startingWith(phrases, text.charCodeAt(at)) ?? []) {
      if (phraseAt(text, at, phrase) && boundaryAfter(text, at + phrase.length)) return true;
    }
  }
  return false;
}

/** Each phrase with "'" once as it is and once as "’". */
export function bothApostrophes(phrases: readonly string[]): string[] {
  return phrases.flatMap((phrase) =>
    phrase.includes("'") ? [phrase, phrase.replaceAll("'", '’')] : [phrase],
  );
}
