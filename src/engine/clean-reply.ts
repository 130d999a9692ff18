import { nameAlternation, nameKey } from './names.js';
import type { Participant } from './table.js';

// A name tag as models write them: `Ann:`, `**Ann:**`, `**Ann**:`, `[Ann]:`, `Ann (Ann Smith):`.
const MARK = '(?:\\*\\*|__|\\*|_)?';
const PAREN = '(?:[ \\t]*\\([^)\\n]{0,80}\\))?';
const tagBody = (alternation: string): string =>
  `[ \\t]*${MARK}\\[?(${alternation})\\]?${MARK}${PAREN}${MARK}[ \\t]*:`;
// What may still follow a name before the colon, for a line that has not reached it yet.
const TAG_TAIL_PREFIX = /^\]?[*_ \t]*(?:\([^)\n]{0,80}\)?)?[*_ \t]*$/u;
const TAG_LEAD = /^[ \t]*(?:\*\*|__|\*|_)?\[?/u;
const LEADING_SPACE = /^\s*/u;

/** The label a cut records for the moderator's tag. */
export const MODERATOR = 'Moderator';

export interface CleanedReply {
  /** The reply as the others hear it. */
  readonly text: string;
  /** The model began speaking as `as`; `removed` is what was cut from there on. */
  readonly cut?: { readonly as: string; readonly removed: string } | undefined;
}

/**
 * Cleans one seat's replies: the leading own name tag goes, and the reply ends where a later
 * line starts with another participant's (or the moderator's) name tag. Built once per seat;
 * `clean` is authoritative, `stream` is its incremental twin for text as it arrives.
 */
export class ReplyCleaner {
  // Built at first use: a case-insensitive Unicode pattern of names costs V8 ~1 M instructions to
  // parse and more to compile, four seats times three, and most replies need none of them.
  readonly #ownTag: () => RegExp;
  readonly #ownKeys: readonly string[];
  /** What an own name may start with, folded (see initialsOf). */
  readonly #ownInitials: Initials;
  readonly #otherTag: () => RegExp;
  readonly #otherLine: () => RegExp;
  readonly #otherKeys: readonly string[];
  readonly #labels: ReadonlyMap<string, string>;

  constructor(speaker: Participant, participants: readonly Participant[]) {
    const own = [speaker.name, speaker.fullName];
    this.#ownKeys = own.map(nameKey);
    this.#ownTag = lazyPattern(ownTagSource(own));
    this.#ownInitials = initialsOf(own);
    const labels = new Map<string, string>([[nameKey(MODERATOR), MODERATOR]]);
    for (const other of participants) {
      if (other.seat === speaker.seat) continue;
      for (const name of [other.name, other.fullName]) {
        if (!this.#ownKeys.includes(nameKey(name))) labels.set(nameKey(name), other.name);
      }
    }
    this.#labels = labels;
    this.#otherKeys = [...labels.keys()];
    const others = nameAlternation([...labels.keys()]);
    this.#otherTag = lazyPattern(`(?<=\\n)${tagBody(others)}`);
    this.#otherLine = lazyPattern(`^${tagBody(others)}`);
  }

  clean(raw: string): CleanedReply {
    const text = raw.slice(leadingSpace(raw));
    const bodyStart = this.ownTagLength(text);
    // The first line is never cut: only a *new* line that opens with someone else's tag is.
    const match = text.includes('\n') ? this.#otherTag().exec(text) : null;
    if (match === null) return { text: text.slice(bodyStart).trim() };
    return {
      text: text.slice(bodyStart, match.index).trim(),
      cut: { as: this.label(match[1] ?? ''), removed: text.slice(match.index).trim() },
    };
  }

  stream(): ReplyStream {
    return new ReplyStream(this);
  }

  /** Length of a complete own name tag (with trailing markup and spaces) at the start, or 0. */
  ownTagLength(text: string): number {
    // Every tag ends in a colon and has an own name after its lead (spaces, markup, "["): a reply
    // without both needs no pattern built (the pattern cost ~4.5 M instructions to compile).
    if (!text.includes(':') || !mayOpenWithName(text, this.#ownInitials)) return 0;
    return this.#ownTag().exec(text)?.[0].length ?? 0;
  }

  /** The participant a line opens speaking as, if it begins with another's complete tag. */
  otherTagAt(line: string): string | undefined {
    if (!line.includes(':')) return undefined;
    const match = this.#otherLine().exec(line);
    return match === null ? undefined : this.label(match[1] ?? '');
  }

  couldBeOwnTag(line: string): boolean {
    return couldBeTag(line, this.#ownKeys);
  }

  couldBeOtherTag(line: string): boolean {
    return couldBeTag(line, this.#otherKeys);
  }

  private label(found: string): string {
    return this.#labels.get(nameKey(found)) ?? found;
  }
}

/** The own tag's pattern (`iu`), for `own` names. */
export function ownTagSource(own: readonly string[]): string {
  return `^${tagBody(nameAlternation(own))}${MARK}[ \\t]*`;
}

/**
 * The first characters of names as an `iu` pattern compares them with ASCII, each folded (lower
 * case; ſ and K, the only characters past ASCII that fold into it, as s and k), or 'any' when a
 * name is empty.
 */
type Initials = ReadonlySet<number> | 'any';

function initialsOf(names: readonly string[]): Initials {
  const initials = new Set<number>();
  for (const name of names) {
    const first = name.trim().codePointAt(0);
    if (first === undefined) return 'any';
    if (first < 128) initials.add(String.fromCharCode(first).toLowerCase().charCodeAt(0));
    else if (first === 0x17f) initials.add(0x73);
    else if (first === 0x212a) initials.add(0x6b);
  }
  return initials;
}

/**
 * Whether a name of `initials` can start where the own tag's pattern would look for one: after
 * the lead's spaces, markup and "[" (any of those places). Past ASCII, always.
 */
function mayOpenWithName(text: string, initials: Initials): boolean {
  if (initials === 'any') return true;
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (unit >= 128 || initials.has(String.fromCharCode(unit).toLowerCase().charCodeAt(0))) {
      return true;
    }
    if (unit !== 0x20 && unit !== 0x09 && unit !== 0x2a && unit !== 0x5f && unit !== 0x5b) break;
  }
  return false;
}

function lazyPattern(source: string): () => RegExp {
  let pattern: RegExp | undefined;
  return () => {
    pattern ??= new RegExp(source, 'iu');
    return pattern;
  };
}

/** Whether `line` (no newline in it) may still grow into a name tag for one of `keys`. */
function couldBeTag(line: string, keys: readonly string[]): boolean {
  const rest = line.replace(TAG_LEAD, '').toLowerCase();
  for (const key of keys) {
    if (key.startsWith(rest)) return true;
    if (rest.startsWith(key) && TAG_TAIL_PREFIX.test(rest.slice(key.length))) return true;
  }
  return false;
}

function leadingSpace(text: string): number {
  return LEADING_SPACE.exec(text)?.[0].length ?? 0;
}

/**
 * Incremental cleaning for display: holds back only what might still turn out to be a name
 * tag (the start of the first line, the start of the newest line), drops leading whitespace
 * and the own tag, and stops at a cut. `clean(raw)` stays the authority on the final text.
 */
export class ReplyStream {
  readonly #cleaner: ReplyCleaner;
  #raw = '';
  /** Index in #raw up to which text was emitted (or dropped). */
  #emitted = 0;
  /** Whether the leading own tag has been decided; set to the body's start index. */
  #bodyStart: number | undefined;
  /** Where to look for the next newline whose line still needs checking. */
  #checkFrom = 0;
  #cutAt: number | undefined;
  #emittedAny = false;

  constructor(cleaner: ReplyCleaner) {
    this.#cleaner = cleaner;
  }

  get raw(): string {
    return this.#raw;
  }

  /** True once a line opened with another participant's tag; nothing more will be emitted. */
  get cut(): boolean {
    return this.#cutAt !== undefined;
  }

  /** Adds raw text; returns the text that is now safe to show. */
  push(chunk: string): string {
    this.#raw += chunk;
    if (this.#cutAt !== undefined) return '';
    if (this.#bodyStart === undefined && !this.#decideLead(false)) return '';
    return this.#emit(this.#safeEnd());
  }

  /** The stream is over: whatever was held back and is not a tag or past a cut. */
  end(): string {
    if (this.#cutAt !== undefined) return '';
    if (this.#bodyStart === undefined) this.#decideLead(true);
    return this.#emit(this.#safeEnd(true));
  }

  #decideLead(final: boolean): boolean {
    const raw = this.#raw;
    const start = leadingSpace(raw);
    if (start === raw.length && !final) return false;
    const text = raw.slice(start);
    const tag = this.#cleaner.ownTagLength(text);
    if (tag > 0) {
      // More markup or spaces may follow the colon in the next chunk ("**Ann:" then "** Hi").
      if (tag === text.length && !final) return false;
    } else if (!final && !text.includes('\n') && this.#cleaner.couldBeOwnTag(text)) {
      return false;
    }
    this.#bodyStart = start + tag;
    this.#emitted = this.#bodyStart;
    this.#checkFrom = this.#bodyStart;
    return true;
  }

  #safeEnd(final = false): number {
    const raw = this.#raw;
    let newline = raw.indexOf('\n', this.#checkFrom);
    while (newline !== -1) {
      const lineStart = newline + 1;
      const nextNewline = raw.indexOf('\n', lineStart);
      const line = raw.slice(lineStart, nextNewline === -1 ? raw.length : nextNewline);
      if (this.#cleaner.otherTagAt(line) !== undefined) {
        this.#cutAt = newline;
        return newline;
      }
      if (nextNewline === -1) {
        if (!final && this.#cleaner.couldBeOtherTag(line)) {
          this.#checkFrom = newline;
          return newline;
        }
        this.#checkFrom = lineStart;
        return raw.length;
      }
      newline = nextNewline;
      this.#checkFrom = newline;
    }
    return raw.length;
  }

  #emit(end: number): string {
    if (end <= this.#emitted) return '';
    let out = this.#raw.slice(this.#emitted, end);
    this.#emitted = end;
    if (!this.#emittedAny) {
      out = out.trimStart();
      this.#emittedAny = out.length > 0;
    }
    return out;
  }
}
