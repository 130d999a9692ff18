// A persona is written to the model ("You are Margit, … you trust figures"); a participant
// speaks from it ("I trust figures"). These rules turn the second person into the first and
// drop the sentences that are directions for the model rather than facts about the person.
import { trailingWord } from './ascii-words.js';
import { bothApostrophes, hasPhrase, opensWithPhrase } from './grammar-words.js';

/** After these (or at the start of a clause), "you" is a subject: "and you trust" → "and I trust". */
const SUBJECT_AFTER = new Set(
  `and but or so yet when if because that where while although though as since until unless
  once then whether who what why how do does did can could will would should shall may might must
  have has had`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

const PHRASES: readonly [RegExp, string][] = [
  [/\byou are\b/gi, 'I am'],
  [/\byou['’]re\b/gi, "I'm"],
  [/\byou were\b/gi, 'I was'],
  [/\byou['’]ve\b/gi, "I've"],
  [/\byou['’]ll\b/gi, "I'll"],
  [/\byou['’]d\b/gi, "I'd"],
  [/\byourself\b/gi, 'myself'],
  [/\byours\b/gi, 'mine'],
  [/\byour\b/gi, 'my'],
];

/**
 * A sentence that tells the model how to answer, not who the person is, as /^(?:speak|…|only)\b|
 * \bfirst person\b|\bin character\b|\bsentences\b|\bwords or (?:less|fewer)\b/i matched it: read by
 * phrase (grammar-words.ts), as that pattern cost ~2 M instructions to compile on the first turn.
 */
export const DIRECTION_OPENINGS = bothApostrophes([
  ...'speak keep use be answer respond reply address never always avoid write stay'.split(' '),
  ...'remember try act play pretend limit include refer talk only'.split(' '),
  'do not',
  "don't",
  'make sure',
]);
export const DIRECTION_PHRASES = [
  'first person',
  'in character',
  'sentences',
  'words or less',
  'words or fewer',
];

function isDirection(sentence: string): boolean {
  return opensWithPhrase(sentence, DIRECTION_OPENINGS) || hasPhrase(sentence, DIRECTION_PHRASES);
}

function matchCase(original: string, replacement: string): string {
  if (replacement === 'I' || replacement.startsWith('I ') || replacement.startsWith("I'"))
    return replacement;
  return original[0] === original[0]?.toUpperCase()
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;
}

/**
 * "you" alone: "I" where it opens a clause (the sentence's start, after a mark or a
 * conjunction), "me" elsewhere ("shows you", "owes you", "with you").
 */
function lonelyYou(sentence: string): string {
  return sentence.replace(/\byou\b/gi, (found, offset: number) => {
    const before = sentence.slice(0, offset);
    const previous = trailingWord(before)?.toLowerCase();
    const after = sentence.slice(offset + found.length);
    const ends = /^\s*(?:[.,;:!?)]|$)/.test(after);
    const opensClause = previous === undefined || SUBJECT_AFTER.has(previous);
    return opensClause && !ends ? 'I' : 'me';
  });
}

/** The persona's sentences in the first person, without directions to the model. */
export function firstPerson(sentences: readonly string[]): string[] {
  const out: string[] = [];
  for (const sentence of sentences) {
    if (isDirection(sentence.trim())) continue;
    let text = sentence;
    for (const [pattern, replacement] of PHRASES) {
      text = text.replace(pattern, (found) => matchCase(found, replacement));
    }
    out.push(lonelyYou(text));
  }
  return out;
}
