import { NameScanner } from './name-scan.js';
import { nameKey, namePattern } from './names.js';

/**
 * Finds the participant a text names last. A mention is a whole word (`Ann` does not match
 * "Annual" or "bob@ann"), case-insensitive, with or without a leading `@`.
 */
export class MentionFinder {
  readonly #scanner: NameScanner;
  readonly #names: readonly string[];
  readonly #byKey: ReadonlyMap<string, string>;

  /**
   * @param names the names that count (leave the speaker out: a self-mention routes nowhere)
   * @param requireAt only `@Name` counts (the moderator's way of giving the floor)
   */
  constructor(names: readonly string[], options: { readonly requireAt?: boolean } = {}) {
    this.#names = names;
    this.#byKey = new Map(names.map((name) => [nameKey(name), name]));
    this.#scanner = new NameScanner(names, { requireAt: options.requireAt, atJoins: true });
  }

  /** The name mentioned nearest the end of `text`, spelled as given to the constructor. */
  last(text: string): string | undefined {
    let found: string | undefined;
    for (const match of this.#scanner.matches(text)) found = match.name;
    return found === undefined ? undefined : this.#canonical(found);
  }

  #canonical(found: string): string | undefined {
    const direct = this.#byKey.get(nameKey(found));
    if (direct !== undefined) return direct;
    // Case folding in the regex can equate letters that toLowerCase() does not (rare scripts).
    return this.#names.find((name) => new RegExp(`^${namePattern(name)}$`, 'iu').test(found));
  }
}
