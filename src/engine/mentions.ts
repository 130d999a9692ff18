import { type Address, lastAddressed, nameUses } from './address.js';
import { NameScanner } from './name-scan.js';
import { nameKey, namePattern } from './names.js';
import type { FloorRule } from './phases/spec.js';

/** How a reply names the others: whom it addresses last, and how; whom it only speaks of. */
export interface Naming {
  /**
   * The seat that gets the floor, spelled as given to the constructor: the one it addresses
   * last, and how; under the `named` rule the one it names last (no `how`).
   */
  readonly addressed?: { readonly name: string; readonly how?: Address | undefined } | undefined;
  /** With nobody addressed, the last seat it speaks of in passing ("Margit knows what I mean."). */
  readonly passing?: string | undefined;
}

/**
 * Finds the participant a text names last, or addresses last (see `address.ts`). A mention is a whole word (`Ann` does not match
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

  /**
   * Under the `addressed` rule, whom `text` addresses last and how, or with nobody addressed,
   * whom it names last in passing; under `named`, whom it names last.
   */
  naming(text: string, rule: FloorRule = 'addressed'): Naming {
    if (rule === 'named') {
      const name = this.last(text);
      return name === undefined ? {} : { addressed: { name } };
    }
    const uses = nameUses(text, [...this.#scanner.matches(text)]);
    const last = lastAddressed(uses);
    const name = last === undefined ? undefined : this.#canonical(last.name);
    if (last !== undefined && name !== undefined) return { addressed: { name, how: last.how } };
    const passing = uses.at(-1)?.match.name;
    return passing === undefined ? {} : { passing: this.#canonical(passing) };
  }

  #canonical(found: string): string | undefined {
    const direct = this.#byKey.get(nameKey(found));
    if (direct !== undefined) return direct;
    // Case folding in the regex can equate letters that toLowerCase() does not (rare scripts).
    return this.#names.find((name) => new RegExp(`^${namePattern(name)}$`, 'iu').test(found));
  }
}
