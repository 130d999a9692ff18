import { normalWords, PERSON_WORDS, personBlind, RUN_WORDS, runKeysOf } from './words.js';

/** Answers whether a run of RUN_WORDS normal words (joined by spaces) is in some text. */
export type RunTest = (key: string) => boolean;

/** Every normal word of the texts. */
export function wordSet(texts: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const text of texts) for (const word of normalWords(text)) set.add(word);
  return set;
}

export function runSet(texts: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const text of texts) runsOf(normalWords(text), set);
  return set;
}

/**
 * A persona's runs and words, compared person-blind (see `personBlind`): its runs are folded,
 * and its words include both persons, so "I am careful, precise and dry" is a run of "You are
 * careful, precise and dry".
 */
export function personaRuns(persona: string): {
  runs: ReadonlySet<string>;
  words: ReadonlySet<string>;
} {
  const words = wordSet([persona]);
  for (const word of PERSON_WORDS) words.add(word);
  return { runs: runsOf(personBlind(normalWords(persona))), words };
}

/** The runs of RUN_WORDS consecutive words in `words`, added to `into`. */
export function runsOf(words: readonly string[], into = new Set<string>()): Set<string> {
  return runKeysOf(words, RUN_WORDS, into);
}

/** Streaks past RUN_WORDS say nothing more: both fit one number, 4 bits each. */
const STREAK_BITS = 4;
const STREAK_MASK = (1 << STREAK_BITS) - 1;

function pack(forbidden: number, short: number): number {
  return Math.min(forbidden, STREAK_MASK) | (Math.min(short, STREAK_MASK) << STREAK_BITS);
}

function allIn(set: ReadonlySet<string>, words: readonly string[]): boolean {
  for (const word of words) if (!set.has(word)) return false;
  return true;
}

/** A run's words as firstForbidden reads them, for its test (one run at a time). */
const RUN: string[] = new Array<string>(RUN_WORDS).fill('');

function inAny(sets: readonly ReadonlySet<string>[], word: string): boolean {
  for (const set of sets) if (set.has(word)) return true;
  return false;
}

/**
 * Texts (normal words) in which a seat's guard found no forbidden run (a seat's bank sentences,
 * walked by it: see sentence-bank.ts), by that guard. A state's guard then looks only for what
 * it adds to the seat's: a bank sentence is tested at every turn that draws it.
 */
const keptTo = new WeakMap<readonly string[], RunGuard>();

/**
 * The runs within a kept-to text (see keptTo), by the run's last word less RUN_WORDS: a bank's
 * sentence is tested at every turn that draws it, and its runs' keys made once are the same
 * strings each time (a set finds a string it has hashed before faster).
 */
const innerKeys = new WeakMap<readonly string[], readonly string[]>();

function innerKeysOf(words: readonly string[]): readonly string[] {
  let keys = innerKeys.get(words);
  if (keys === undefined) {
    const made: string[] = [];
    for (let end = RUN_WORDS; end <= words.length; end++)
      made.push(words.slice(end - RUN_WORDS, end).join(' '));
    innerKeys.set(words, made);
    keys = made;
  }
  return keys;
}

/** Marks `words` as holding no run `guard` forbids, if they hold none; returns whether. */
export function keepsTo(words: readonly string[], guard: RunGuard): boolean {
  if (guard.firstForbidden(words) !== undefined) return false;
  keptTo.set(words, guard);
  return true;
}

/** Runs a guard remembers before it starts over. */
const MEMO_LIMIT = 20_000;

/**
 * Keeps a reply from reciting what a seat was told rather than what was said: no run of
 * RUN_WORDS consecutive words of a forbidden text (instructions, persona, moderator lines),
 * unless the same run is in an allowed one (names, the context's facts, the topic).
 */
export class RunGuard {
  /**
   * What `inForbidden` and `forbidden` answered, by word and by run: a reply's walks test the
   * same words and runs over and over, and each test asks every text's set. Both answers are
   * fixed for the guard's life (its texts are a request's, or only grow with units it never
   * sees), so remembering them changes nothing.
   */
  private readonly wordMemo = new Map<string, boolean>();
  private readonly runMemo = new Map<string, boolean>();

  constructor(
    private readonly forbiddenTests: readonly RunTest[],
    private readonly allowedTests: readonly RunTest[],
    /** Every word of the forbidden texts (or more): a run with a word outside them is fine. */
    private readonly forbiddenWords: readonly ReadonlySet<string>[] = [],
    /**
     * For a test that refuses RUN_WORDS - 1 words of some texts with any word before or after
     * (see ConversationView.carriesOn): those texts' words (or more).
     */
    private readonly shortWords?: ReadonlySet<string> | undefined,
    /**
     * For each forbidden test, a set holding every word of any run it refuses (its text's
     * words), or undefined: a run with a word outside it is not asked of that test. Most runs
     * a reply's words make are asked of the guard because their words are common to the texts
     * together, and asking the ask's and the persona's tests of each cost more than the rest.
     */
    private readonly testWords: readonly (ReadonlySet<string> | undefined)[] = [],
  ) {}

  private inShort(word: string): boolean {
    return this.shortWords?.has(word) === true;
  }

  /** Rough heap size of what the guard has remembered (it lives as long as its state). */
  get bytes(): number {
    return this.wordMemo.size * 40 + this.runMemo.size * 120;
  }

  private inForbidden(word: string): boolean {
    let hit = this.wordMemo.get(word);
    if (hit === undefined) {
      hit = false;
      for (const set of this.forbiddenWords) {
        if (set.has(word)) {
          hit = true;
          break;
        }
      }
      this.wordMemo.set(word, hit);
    }
    return hit;
  }

  /**
   * How many of the last words of `words` are in some forbidden text, in a row, counting on
   * from `start` (a streak as this returns it), and how many in the short runs' words: both in
   * one number.
   */
  streak(words: readonly string[], start = 0): number {
    let forbidden = start & STREAK_MASK;
    let short = start >>> STREAK_BITS;
    for (const word of words) {
      forbidden = this.inForbidden(word) ? forbidden + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
    }
    return pack(forbidden, short);
  }

  /**
   * False when the words `added`, after a `streak` (see `streak`: forbidden words in a row, and
   * the short runs' words in a row, packed in one number), cannot complete a forbidden run: a
   * quick test before the exact one.
   */
  mayRecite(streak: number, added: readonly string[]): boolean {
    if (this.forbiddenWords.length === 0) return true;
    let forbidden = streak & STREAK_MASK;
    let short = streak >>> STREAK_BITS;
    for (const word of added) {
      // A short run before this word, or one ending with it, may be carried on.
      if (short >= RUN_WORDS - 1) return true;
      forbidden = this.inForbidden(word) ? forbidden + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
      if (forbidden >= RUN_WORDS || short >= RUN_WORDS - 1) return true;
    }
    return false;
  }

  /** Whether the run `key` is forbidden; `words`, when given, are its words. */
  forbidden(key: string, words?: readonly string[]): boolean {
    let known = this.runMemo.get(key);
    if (known === undefined) {
      // A reply that runs on for thousands of tokens meets ever new runs: start over.
      if (this.runMemo.size >= MEMO_LIMIT) this.runMemo.clear();
      known = this.test(key, words);
      this.runMemo.set(key, known);
    }
    return known;
  }

  private test(key: string, words: readonly string[] | undefined): boolean {
    let hit = false;
    const { forbiddenTests, testWords } = this;
    for (let i = 0; i < forbiddenTests.length; i++) {
      const held = words === undefined ? undefined : testWords[i];
      if (held !== undefined && !allIn(held, words as readonly string[])) continue;
      if ((forbiddenTests[i] as RunTest)(key)) {
        hit = true;
        break;
      }
    }
    if (!hit) return false;
    for (const test of this.allowedTests) if (test(key)) return false;
    return true;
  }

  /** The first forbidden run in `text` (its normal words), after the reply's `before` words. */
  firstForbidden(text: readonly string[], before: readonly string[] = []): string | undefined {
    // The words are `before`'s last RUN_WORDS - 1 then `text`'s, read in place: a reply's every
    // sentence is tested, and copying both into one array was a good part of the test.
    const lead = Math.min(before.length, RUN_WORDS - 1);
    const skip = before.length - lead;
    const count = lead + text.length;
    const wordAt = (at: number) => (at < lead ? before[skip + at] : text[at - lead]) ?? '';
    // A text a seat's guard kept to (see keptTo) needs only this guard's own words looked for
    // in the runs within it: the runs that reach into `before` are tested as any other's.
    const seat = keptTo.get(text);
    const beyond = seat === undefined ? undefined : this.setsBeyond(seat);
    const anyWords = this.forbiddenWords.length > 0;
    let streak = 0;
    let short = 0;
    // Kept to, with nothing before it, the text has no run reaching outside it to test here.
    const last =
      beyond === undefined ? count : lead === 0 ? 0 : Math.min(count, lead + RUN_WORDS - 1);
    for (let end = 1; end <= last; end++) {
      const word = wordAt(end - 1);
      const shortBefore = short;
      // Kept to a seat's guard, the seat's words are asked of its guard, which remembers them
      // from request to request (this one's memo starts empty at each): the rest are this
      // guard's own sets (see setsBeyond).
      const forbiddenWord =
        seat === undefined || beyond === undefined
          ? this.inForbidden(word)
          : seat.inForbidden(word) || inAny(beyond, word);
      streak = !anyWords || forbiddenWord ? streak + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
      const mayShort = shortBefore >= RUN_WORDS - 1 || short >= RUN_WORDS - 1;
      if (end < RUN_WORDS || (streak < RUN_WORDS && !mayShort)) continue;
      let key = wordAt(end - RUN_WORDS);
      RUN[0] = key;
      for (let at = end - RUN_WORDS + 1; at < end; at++) {
        const next = wordAt(at);
        RUN[at - end + RUN_WORDS] = next;
        key += ` ${next}`;
      }
      if (this.forbidden(key, RUN)) return key;
    }
    if (beyond === undefined || (beyond.length === 0 && this.shortWords === undefined))
      return undefined;
    // The runs within the text, counted from its first word: a run another test could refuse
    // (the moderator's, the ask's, another seat's words carried on) has all its words in one
    // of `beyond`'s sets or its first or last RUN_WORDS - 1 in the short runs' words.
    streak = 0;
    short = 0;
    let keys: readonly string[] | undefined;
    for (let end = 1; end <= text.length; end++) {
      const word = text[end - 1] as string;
      const shortBefore = short;
      streak = inAny(beyond, word) ? streak + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
      const mayShort = shortBefore >= RUN_WORDS - 1 || short >= RUN_WORDS - 1;
      if (end < RUN_WORDS || (streak < RUN_WORDS && !mayShort)) continue;
      keys ??= innerKeysOf(text);
      const key = keys[end - RUN_WORDS] as string;
      for (let at = 0; at < RUN_WORDS; at++) RUN[at] = text[end - RUN_WORDS + at] as string;
      if (this.forbidden(key, RUN)) return key;
    }
    return undefined;
  }

  /**
   * This guard's word sets that `seat`'s are not, when every set of `seat`'s is one of this
   * guard's (then its tests are the seat's and more: prepare.ts builds a state's guard from the
   * seat's material, as sentence-bank.ts builds the seat's); else undefined.
   */
  private setsBeyond(seat: RunGuard): readonly ReadonlySet<string>[] | undefined {
    if (this.beyondOf?.seat === seat) return this.beyondOf.sets;
    const mine = this.forbiddenWords;
    const theirs = seat.forbiddenWords;
    const sets =
      seat === this
        ? []
        : theirs.length > 0 && theirs.every((set) => mine.includes(set))
          ? mine.filter((set) => !theirs.includes(set))
          : undefined;
    this.beyondOf = { seat, sets };
    return sets;
  }

  private beyondOf:
    | { seat: RunGuard; sets: readonly ReadonlySet<string>[] | undefined }
    | undefined;
}
