import { type NameMatch, NameScanner } from '../../src/engine/name-scan.js';
import { isWordCharacter } from './letters.js';

// Words as the recitation rule counts them: runs of letters, digits and combining marks, in
// lower case. Every other character separates words, so "don't" is two words and "€2.4" is
// "2" and "4": the finest split there is, so a run this rule lets through is never six words
// long under a coarser one.

/** ASCII letters and digits (lower case only: the text is lowered first). */
const ASCII_WORD = new Uint8Array(128);
for (let code = 48; code <= 57; code++) ASCII_WORD[code] = 1;
for (let code = 97; code <= 122; code++) ASCII_WORD[code] = 1;

/**
 * The runs of [\p{L}\p{N}\p{M}] of `text` in lower case, found by a scan. This was that pattern
 * (its class spelled as ~700 ranges), which searched the class for every character, ~40-70 ns a
 * character, and this is asked of every text a request brings (its ask, topics, new turns) and
 * of most lines a reply weighs: ASCII is a table here, and past it `isWordCharacter` answers
 * (src/unicode-properties.ts). words.test.ts checks the scan against the pattern.
 */
export function normalWords(text: string): string[] {
  return wordsOfLower(text.toLowerCase());
}

/**
 * Printable ASCII, tabs and line breaks, and the characters past ASCII a plain text holds
 * (typographic quotes and dashes, the ellipsis, € and £), none a word character: a text of only
 * these has the words of `ASCII_WORDS`, which the pattern engine finds in native code at about
 * half the instructions of the scan (each character read by `charCodeAt` costs ~25 instructions
 * in optimised code).
 */
const NOT_PLAIN = /[^\t\n\r -~\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a3]/;
const ASCII_WORDS = /[a-z0-9]+/g;

/** normalWords of a text already in lower case (toLowerCase of it would give it back). */
export function wordsOfLower(lower: string): string[] {
  if (!NOT_PLAIN.test(lower)) return lower.match(ASCII_WORDS) ?? [];
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; ) {
    const unit = lower.charCodeAt(i);
    let width = 1;
    let inWord: boolean;
    if (unit < 128) inWord = ASCII_WORD[unit] === 1;
    else {
      const code = lower.codePointAt(i) as number;
      if (code > 0xffff) width = 2;
      inWord = isWordCharacter(code);
    }
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
    i += width;
  }
  if (start >= 0) words.push(lower.slice(start));
  return words;
}

/**
 * A persona is written in the second person and spoken in the first ("you trust figures" → "I
 * trust figures", see persona.ts): its runs are compared with the person folded away, so that
 * reciting it in either voice is caught. Each word maps to its second-person form.
 */
const PERSON_FOLD: ReadonlyMap<string, string> = new Map([
  ['i', 'you'],
  ['me', 'you'],
  ['my', 'your'],
  ['mine', 'yours'],
  ['myself', 'yourself'],
  ['am', 'are'],
  ['was', 'were'],
  // The tails of "I'm" and "you're".
  ['m', 're'],
]);

/** Every word the person fold touches, on either side. */
export const PERSON_WORDS: ReadonlySet<string> = new Set([
  ...PERSON_FOLD.keys(),
  ...PERSON_FOLD.values(),
]);

/** `words` with the first person turned into the second (see PERSON_FOLD). */
export function personBlind(words: readonly string[]): string[] {
  const blind: string[] = [];
  for (const word of words) blind.push(folds(word) ? (PERSON_FOLD.get(word) ?? word) : word);
  return blind;
}

/** The first characters (char codes; the keys are ASCII) and the longest of PERSON_FOLD's keys. */
const FOLD_FIRST = new Uint8Array(128);
let foldLongest = 0;
for (const key of PERSON_FOLD.keys()) {
  FOLD_FIRST[key.charCodeAt(0)] = 1;
  foldLongest = Math.max(foldLongest, key.length);
}

/**
 * Whether the fold may touch a word: it opens as one of PERSON_FOLD's keys does, and is no
 * longer. Looking a new word up hashes it first, and the spoken runs fold every word of a turn.
 */
function folds(word: string): boolean {
  return word.length <= foldLongest && FOLD_FIRST[word.charCodeAt(0)] === 1;
}

/** A first-person word in a key: only then does folding change it. */
const FIRST_PERSON = /(?:^| )(?:i|me|my|mine|myself|am|was|m)(?= |$)/;
let lastKey = '';
let lastBlind = '';

/** A run's key (normal words joined by spaces) with the person folded away. */
export function personBlindKey(key: string): string {
  // The guard's tests ask for the same key one after another.
  if (key !== lastKey) {
    lastKey = key;
    lastBlind = FIRST_PERSON.test(key) ? personBlind(key.split(' ')).join(' ') : key;
  }
  return lastBlind;
}

/** How many consecutive words of a forbidden text make a recitation. */
export const RUN_WORDS = 6;

/** The keys of every run of `n` consecutive words, as `normalWords` splits them. */
export function runKeys(text: string, n = RUN_WORDS): string[] {
  return [...runKeysOf(normalWords(text), n)];
}

/**
 * The keys of every run of `n` consecutive `words` (joined by spaces), added to `into` in order:
 * each a slice of the words joined once, not a copy of `n` of them joined again (a guard reads
 * the runs of every text a request brings, and of most lines a reply weighs).
 */
export function runKeysOf(
  words: readonly string[],
  n: number,
  into = new Set<string>(),
): Set<string> {
  if (words.length < n) return into;
  const joined = words.join(' ');
  // Where each word starts in `joined`.
  const starts: number[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    starts.push(at);
    at += (words[i] as string).length + 1;
    if (i >= n - 1) into.add(joined.slice(starts[i - n + 1], at - 1));
  }
  return into;
}

/** Function words: never a topic, never what a person is "about". */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although always am an and another any anyone
  anything are around as at away back be because been before being below between both but by can
  cannot could did do does doing done down during each either else enough even ever every few for
  from further get gets getting give given go goes going gone got had has have having he her here
  hers herself him himself his how however i if in instead into is it its itself just least less
  let like made make makes many may maybe me might mine more most much must my myself need needs
  neither never no nobody none nor not nothing now of off often on once one only onto or other
  others otherwise our ours ourselves out over own per perhaps please quite rather really said same
  say says see seem seems shall she should since so some someone something still such take than
  that the their theirs them themselves then there these they thing things this those though
  through thus to together too toward towards under until up upon us very want wants was we well
  were what whatever when where whether which while who whoever whom whose why will with within
  without would yes yet you your yours yourself yourselves think know tell told ask asked put keep
  way lot lots sure yes okay ok right really one two three first last next new old good bad big
  small great little long high low today tonight tomorrow yesterday year years time times people
  day days week weeks month months`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

/** A word worth talking about: not a function word, long enough to carry meaning. */
export function isContentWord(word: string): boolean {
  return word.length >= 4 && !STOPWORDS.has(word) && !allDigits(word);
}

/** /^\d+$/ without a pattern run: asked of every word of a turn a request reads. */
function allDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.length > 0;
}

/** Escapes text for a `u`-flag pattern, where escaping anything else is a syntax error. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Whether a text names one of a list of people: all the model asks of seats' names. */
export interface NameTest {
  /**
   * The names, each once, sorted by code unit: a set, since whether a text names one of them
   * does not depend on their order. A seat's sentence bank is kept (and seeded) for this set.
   */
  readonly names: readonly string[];
  test(text: string): boolean;
  /** The leftmost name in `text` (its longest name there), if there is one. */
  find(text: string): NameMatch | undefined;
}

/**
 * Names as whole words (optionally @-prefixed), in any case. This was one pattern with the
 * boundaries in it, (?<![\p{L}\p{N}_])@?(?:names)(?![\p{L}\p{N}_]) and the `iu` flags: V8
 * built ICU's letter and digit sets, closed under case folding, for every name list a request
 * asks about (each seat alone, the seats together in each seat's order), again for text past
 * Latin-1 and again as it tiered up: a fifth of the instructions of an offline run's first
 * request. The engine's NameScanner puts only the names in its patterns and tests the
 * characters around a match against one small pattern every list shares.
 */
class ScannedNames implements NameTest {
  readonly #scanner: NameScanner;

  constructor(readonly names: readonly string[]) {
    this.#scanner = new NameScanner(names);
  }

  find(text: string): NameMatch | undefined {
    const found = this.#scanner.matches(text).next();
    return found.done === true ? undefined : found.value;
  }

  test(text: string): boolean {
    return this.#scanner.matches(text).next().done !== true;
  }
}

/** Name tests made, by their names: a table needs a few (its seats, alone and together). */
const nameTests = new Map<string, NameTest>();
const NAME_TESTS_LIMIT = 64;

/** Whether a text names one of `names` as a whole word (optionally @-prefixed), ignoring case. */
export function nameTest(names: readonly string[]): NameTest {
  // One name (the guidance asks of each other seat alone, every request) is its own key: the
  // set, sort and join below give the same string.
  const set = names.length === 1 ? names : [...new Set(names)].sort();
  const key = names.length === 1 ? (names[0] as string) : set.join('\u0000');
  let found = nameTests.get(key);
  if (found === undefined) {
    if (nameTests.size >= NAME_TESTS_LIMIT) nameTests.clear();
    found = new ScannedNames(names.length === 1 ? [...names] : set);
    nameTests.set(key, found);
  }
  return found;
}
