import { normalWords, PERSON_WORDS, personBlind, RUN_WORDS } from './words.js';

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
  for (let end = RUN_WORDS; end <= words.length; end++) {
    into.add(words.slice(end - RUN_WORDS, end).join(' '));
  }
  return into;
}

/**
 * Keeps a reply from reciting what a seat was told rather than what was said: no run of
 * RUN_WORDS consecutive words of a forbidden text (instructions, persona, moderator lines),
 * unless the same run is in an allowed one (names, the context's facts, the topic).
 */
export class RunGuard {
  constructor(
    private readonly forbiddenTests: readonly RunTest[],
    private readonly allowedTests: readonly RunTest[],
    /** Every word of the forbidden texts (or more): a run with a word outside them is fine. */
    private readonly forbiddenWords: readonly ReadonlySet<string>[] = [],
    /**
     * For tests that refuse RUN_WORDS - 1 words of some texts with any word before or after
     * (see ConversationView.carriesOn): those texts' words (or more).
     */
    private readonly shortWords?: ReadonlySet<string> | undefined,
  ) {}

  private inShort(word: string): boolean {
    return this.shortWords?.has(word) === true;
  }

  private inForbidden(word: string): boolean {
    for (const set of this.forbiddenWords) if (set.has(word)) return true;
    return false;
  }

  /**
   * False when the words `added` after `tail` cannot complete a forbidden run, because one of
   * the last RUN_WORDS words appears in no forbidden text: a quick test before the exact one.
   */
  mayRecite(tail: readonly string[], added: readonly string[]): boolean {
    if (this.forbiddenWords.length === 0) return true;
    let streak = 0;
    let short = 0;
    for (const word of tail) {
      streak = this.inForbidden(word) ? streak + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
    }
    for (const word of added) {
      // RUN_WORDS - 1 short words before this one, or ending with it.
      if (short >= RUN_WORDS - 1) return true;
      streak = this.inForbidden(word) ? streak + 1 : 0;
      short = this.inShort(word) ? short + 1 : 0;
      if (streak >= RUN_WORDS || short >= RUN_WORDS - 1) return true;
    }
    return false;
  }

  forbidden(key: string): boolean {
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
