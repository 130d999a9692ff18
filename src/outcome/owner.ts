// Who an action item falls to, as the summarizer named them: a seat at the table (however it was
// written: "ann", "@Ann", "Ann Lee", "Ann (treasurer)") becomes that seat's name; someone outside
// the table stays as written when it reads like a name or a role; a sentence is not an owner.

export interface Person {
  readonly name: string;
  readonly fullName?: string | undefined;
}

export type OwnerRead =
  | { readonly ok: true; readonly owner: string }
  | { readonly ok: false; readonly problem: string };

/** A name or a role is a few words: "the town council", "Millford's railway society". */
const MAX_OWNER_WORDS = 6;
/** Words a sentence has and an owner does not: a speaker's own voice, or a verb of opinion. */
const SENTENCE_WORDS =
  /\b(i|i'm|i’m|we|we're|we’re|you|my|our|your|me|us|think|should|would|could|must|is|are|was|were)\b/iu;

const key = (text: string): string =>
  text.normalize('NFC').toLocaleLowerCase().replace(/\s+/gu, ' ').trim();

/** Strips what a model wraps a name in: quotes, a leading @, a trailing full stop. */
function bare(text: string): string {
  return text
    .trim()
    .replace(/^["'“‘«]+|["'”’»]+$/gu, '')
    .replace(/^@/u, '')
    .replace(/[.;,!]+$/u, '')
    .trim();
}

export function readOwner(raw: string, people: readonly Person[]): OwnerRead {
  const text = bare(raw);
  if (text === '') return { ok: false, problem: 'is empty' };
  const wanted = key(text);
  // "Ann", "Ann Lee", and "Ann (treasurer)" / "Ann, the treasurer": the seat itself.
  const head = key(text.split(/\s*[(,–—-]\s*/u)[0] ?? text);
  const seat = people.find((p) =>
    [p.name, p.fullName].some((n) => n !== undefined && [wanted, head].includes(key(n))),
  );
  if (seat !== undefined) return { ok: true, owner: seat.name };
  const words = text.split(/\s+/u);
  if (words.length > MAX_OWNER_WORDS || /[?!]/u.test(text) || SENTENCE_WORDS.test(text)) {
    return { ok: false, problem: `"${raw.trim()}" is a sentence, not a person` };
  }
  return { ok: true, owner: text };
}
