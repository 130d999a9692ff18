// Participants' names found in text as whole words, in any case, with or without a leading `@`.
//
// Why not one regular expression with the boundaries in it, (?<![\p{L}\p{N}_@])@?(names)(?!…)
// with the `iu` flags: V8 builds ICU's letter and digit sets, closed under case folding, every
// time it compiles one (1–2 ms), compiles it again for text with characters past Latin-1 and again
// when it tiers up to machine code, and every seat has a list of names of its own: ~5% of the
// instructions of a 10-turn offline run. Here the names alone are the pattern, and the characters
// around a match are tested against one small pattern that every scanner shares.
import { isLetterOrDigit } from '../unicode-properties.js';
import { namePattern, orderedNames } from './names.js';

/**
 * A letter or digit in any script, or `_` (/[\p{L}\p{N}_]/u): what a name may not run into. Its
 * first code point decides (the only one, or a lone surrogate after it that is neither). Not that
 * pattern: V8 compiled its classes on the first turn, ~5 M instructions.
 */
function isWordCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code === 0x5f || isLetterOrDigit(code);
}

export interface NameMatch {
  /** Where the match starts, at its `@` if it has one. */
  readonly index: number;
  /** Where it ends. */
  readonly end: number;
  /** The name as the text spells it, without the `@`. */
  readonly name: string;
}

export interface NameScanOptions {
  /** Only `@Name` counts (the moderator's way of giving the floor). */
  readonly requireAt?: boolean;
  /** `@` counts as part of a word next to a name: `bob@ann` holds no name. */
  readonly atJoins?: boolean;
}

/** Finds every name of a list in texts, the longer name first where two start alike. */
export class NameScanner {
  /** Anywhere a name may start: a cheap pattern that finds every place worth a closer look. */
  readonly #candidate: RegExp | undefined;
  /** Each name anchored at a position, in the order they are tried. */
  readonly #names: readonly RegExp[];
  readonly #requireAt: boolean;
  readonly #atJoins: boolean;

  constructor(names: readonly string[], options: NameScanOptions = {}) {
    const ordered = orderedNames(names).map(namePattern);
    this.#requireAt = options.requireAt === true;
    this.#atJoins = options.atJoins === true;
    this.#names = ordered.map((pattern) => new RegExp(pattern, 'iuy'));
    this.#candidate =
      ordered.length === 0
        ? undefined
        : new RegExp(`${this.#requireAt ? '@' : '@?'}(?:${ordered.join('|')})`, 'giu');
  }

  /** The names in `text`, in order, none overlapping another. */
  *matches(text: string): Generator<NameMatch> {
    const candidate = this.#candidate;
    if (candidate === undefined) return;
    let from = 0;
    for (;;) {
      candidate.lastIndex = from;
      const found = candidate.exec(text);
      if (found === null) return;
      const match = this.#matchAt(text, found.index);
      if (match !== undefined) {
        yield match;
        from = match.end;
      } else {
        from = found.index + ((text.codePointAt(found.index) ?? 0) > 0xffff ? 2 : 1);
      }
    }
  }

  /** What the one pattern with boundaries would match at `index`, tried in its order. */
  #matchAt(text: string, index: number): NameMatch | undefined {
    if (this.#joins(codePointBefore(text, index))) return undefined;
    const starts = text[index] === '@' ? [index + 1] : [];
    if (!this.#requireAt) starts.push(index);
    for (const start of starts) {
      for (const name of this.#names) {
        name.lastIndex = start;
        if (!name.test(text)) continue;
        const end = name.lastIndex;
        const after = text.codePointAt(end);
        if (after !== undefined && this.#joins(String.fromCodePoint(after))) continue;
        return { index, end, name: text.slice(start, end) };
      }
    }
    return undefined;
  }

  #joins(character: string): boolean {
    return character !== '' && ((this.#atJoins && character === '@') || isWordCharacter(character));
  }
}

function codePointBefore(text: string, index: number): string {
  if (index === 0) return '';
  const last = text.charCodeAt(index - 1);
  const pair = last >= 0xdc00 && last <= 0xdfff && index >= 2;
  return text.slice(pair ? index - 2 : index - 1, index);
}
