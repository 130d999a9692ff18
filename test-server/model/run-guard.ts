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

  forbidden(key: string): boolean {
    let known = this.runMemo.get(key);
    if (known === undefined) {
      // A reply that runs on for thousands of tokens meets ever new runs: start over.
      if (this.runMemo.size >= MEMO_LIMIT) this.runMemo.clear();
      known = this.test(key);
      this.runMemo.set(key, known);
    }
    return known;
  }

  private test(key: string): boolean {
    let hit = false;
    for (const test of this.forbiddenTests) {
      if (test(key)) {
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
    const words = [...before.slice(-(RUN_WORDS - 1)), ...text];
    let streak = 0;
    let short = 0;
    for (let end = 1; end <= words.length; end++) {
      const word = words[end - 1] ?? '';
      const shortBefore = short;
      streak = this.forbiddenWords.length === 0 || this.inForbidden(word) ? streak + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
      const mayShort = shortBefore >= RUN_WORDS - 1 || short >= RUN_WORDS - 1;
      if (end < RUN_WORDS || (streak < RUN_WORDS && !mayShort)) continue;
      const key = words.slice(end - RUN_WORDS, end).join(' ');
      if (this.forbidden(key)) return key;
    }
    return undefined;
  }
}
