// A message's token count from its paragraphs' counts. Each seat of a discussion is sent the
// other seats' turns in a message of its own, so a turn's paragraph ("Ines: …") is counted once
// in each of the other seats' messages, and its text again in the speaker's own (assistant)
// message: in a replayed discussion three of every four characters counted had been counted
// before, and counting was ~6% of a request's instructions. Tokens never span whitespace (see
// tokens.ts), so a text's count is the sum of its parts' when it is cut only at whitespace:
// between paragraphs, and after a paragraph's tag ("Ines:"), so that the text after it is the
// speaker's own message's text. What a text counts as depends on the text alone: the counts
// are the same whatever the process saw before.
import { countTokens } from '../tokens.js';

/** Parts shorter than this are counted (cheaper than looking them up). */
const MEMO_FROM = 96;
/** A tag ends with `: ` within this many characters of a paragraph's start. */
const TAG_WITHIN = 48;
/** Parts remembered (the newest; a discussion's next few requests hold its turns). */
const KEPT = 1024;

interface Counted {
  readonly text: string;
  readonly tokens: number;
}

/** Parts by their key (see keyOf); a part with the key of another takes its place. */
const counted = new Map<number, Counted>();

/** How many parts were counted, and how many found counted before (for tests). */
export const partStats = { counted: 0, found: 0 };

/**
 * The part's length and a hash of 32 of its characters, spread over it, and its last (a small
 * integer): a lookup costs less than counting only if it reads a few characters of the part.
 */
function keyOf(text: string, from: number, to: number): number {
  const length = to - from;
  let hash = 0x811c9dc5;
  const step = Math.max(1, Math.floor(length / 32));
  for (let i = from; i < to; i += step) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ text.charCodeAt(to - 1), 0x01000193);
  return (hash ^ Math.imul(length, 0x9e3779b1)) & 0x3fffffff;
}

/** The tokens of text[from, to), which starts and ends at whitespace or the text's ends. */
function countPart(text: string, from: number, to: number): number {
  if (to - from < MEMO_FROM) return countTokens(text.slice(from, to));
  const part = text.slice(from, to);
  const key = keyOf(text, from, to);
  const known = counted.get(key);
  if (known !== undefined && known.text === part) {
    partStats.found++;
    return known.tokens;
  }
  const tokens = countTokens(part);
  partStats.counted++;
  if (known === undefined && counted.size >= KEPT)
    counted.delete(counted.keys().next().value as number);
  // A copy of the part's own: a slice would keep the whole message's text alive.
  counted.set(key, { text: `${part}\u0000`.slice(0, -1), tokens });
  return tokens;
}

/** The tokens of a paragraph text[from, to): its tag ("Name: ") apart from what follows it. */
function countParagraph(text: string, from: number, to: number): number {
  if (to - from < MEMO_FROM) return countTokens(text.slice(from, to));
  const tag = text.indexOf(': ', from);
  // Cut at the space after the colon: a token never spans whitespace.
  if (tag === -1 || tag >= from + TAG_WITHIN || tag + 2 >= to) return countPart(text, from, to);
  return countTokens(text.slice(from, tag + 1)) + countPart(text, tag + 2, to);
}

/** countTokens(text), from its paragraphs' counts, each remembered for the next message that holds it. */
export function messageTokens(text: string): number {
  if (text.length < MEMO_FROM) return countTokens(text);
  let tokens = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n\n', from);
    if (to === -1) to = text.length;
    if (to > from) tokens += countParagraph(text, from, to);
    from = to + 2;
  }
  return tokens;
}
