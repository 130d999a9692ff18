// Who a reply speaks *to*, not just of. "Margit, what do you think?" hands Margit the floor;
// "Margit knows what I mean." or "I agree with Margit about the costs." names her in passing, and
// giving her the next turn for it let a sign-off jump the queue (debate seed 7: Juno was first
// heard at rebuttal 7). Real models name people both ways, so a name counts as addressed when:
// - it is an @mention;
// - it is a vocative: set off by punctuation at the start of a sentence ("Margit, …", "Well,
//   Margit —", "Margit and Ines, …"), at its end ("…, Margit?", "That is fair, Margit."), or
//   between commas in it ("I think, Margit, that …"); a sentence that only thanks ("Thank you,
//   Margit.") is courtesy for what was said, not a handover;
// - a sentence without a vocative puts a question about it to the table, not to someone else
//   ("Does Margit agree?", but not "Do you agree with Margit?": that asks "you");
// - a sentence asks to hear from it ("I'd like to hear from Margit", "Margit's view",
//   "I wonder what Margit thinks", "over to Margit", "Margit should weigh in").
// Anything else is spoken about. The rules read a sentence's shape: the text with each name
// replaced by one placeholder character, so a pattern says where names stand, not which.
import type { NameMatch } from './name-scan.js';

/** How a reply addressed the seat it gave the floor to. */
export type Address = 'at' | 'vocative' | 'question' | 'request';

/** The names a reply holds, each addressed (how) or spoken about (undefined), in order. */
export interface NameUse {
  readonly match: NameMatch;
  readonly how: Address | undefined;
}

/** The placeholder for a name in a sentence's shape (a control character replies never keep). */
const N = '\u0001';
// Where a vocative may open: a sentence's start, or a clause's after a colon, semicolon or dash
// ("Ann asks: Bob, what do you think?"), past quotes and markup.
const CLAUSE = `(?:^|[:;—–])[\\s"'“‘(\\[*_>#~-]*`;
// Words that may come before a vocative that opens a sentence ("Well, Margit, …").
const OPENER = `(?:(?:well|so|and|but|now|ok|okay|oh|yes|no|right|look|listen|honestly|frankly|sure|true|indeed|again|then|also|still|alright|all right|hey|hi)[,!]?\\s+)?`;
const SEP = `(?:\\s*,\\s*(?:(?:and|or)\\s+)?|\\s+(?:and|or|&)\\s+)`;
const CHAIN = `${N}(?:${SEP}${N})*`;
// Not followed by another name of a list ("Ann, Bob and Cy all agree" holds no vocative).
const NO_MORE = `(?!\\s*(?:(?:and|or)\\s+)?${N})`;
const VOCATIVES = [
  new RegExp(`${CLAUSE}${OPENER}(${CHAIN})\\s*(?:[,:!?;]|\\s[—–-]|[—–])${NO_MORE}`, 'dgi'),
  new RegExp(`[,;—–]\\s*(${CHAIN})[\\s.!?…"'”’)\\]*_]*$`, 'dgi'),
  new RegExp(`(?<!${N})\\s*,\\s*(${CHAIN})\\s*,${NO_MORE}`, 'dgi'),
];
// A sentence that opens with thanks and asks nothing ("Thank you, Margit, for the figures.").
const THANKS = /^[\s"'“‘([*_>#~-]*(?:thanks|thank you)\b[^?]*$/i;
const REQUESTS = [
  new RegExp(`\\bhear(?:ing)?\\s+(?:more\\s+)?(?:from\\s+|what\\s+)?(${N})`, 'dgi'),
  new RegExp(
    `\\b(?:ask|asking|invite|inviting|let|turn(?:ing)?\\s+to|over\\s+to|back\\s+to|hand(?:ing)?\\s+(?:it\\s+)?(?:over\\s+)?to|pass(?:ing)?\\s+(?:it\\s+)?to)\\s+(${N})(?!['’]s)`,
    'dgi',
  ),
  new RegExp(
    `\\b(?:curious|wonder(?:ing)?|(?:like|want|love)\\s+to\\s+know)\\s+(?:what|how|whether|if|where|why)\\s+(${N})`,
    'dgi',
  ),
  new RegExp(
    `(${N})\\s+(?:should|could|might|may|can|will|would)\\s+(?:weigh\\s+in|chime\\s+in|come\\s+in|answer|respond|reply|tell\\s+us|say\\s+more|add\\s+something)`,
    'dgi',
  ),
  new RegExp(
    `\\b(?:hear|like|love|curious|interested|welcome|want|keen|appreciate|value)\\b.*?(${N})['’]s\\s+(?:view|views|take|thoughts|perspective|opinion|answer|reaction|response|read)\\b`,
    'dgi',
  ),
];
const SECOND_PERSON = /\b(?:you|your|yours|yourself)\b/i;
const QUESTION_END = /\?[\s"'”’)\]*_]*$/;

/**
 * Each name in `text` (found by a scanner, in order, none overlapping), with whether and how the
 * text addresses it. A sentence with an @mention or a vocative addresses only those.
 */
export function nameUses(text: string, matches: readonly NameMatch[]): NameUse[] {
  if (matches.length === 0) return [];
  // The text's shape: names as placeholders, and a stray placeholder character as a space.
  let shape = '';
  let from = 0;
  for (const match of matches) {
    shape += text.slice(from, match.index).replaceAll(N, ' ') + N;
    from = match.end;
  }
  shape += text.slice(from).replaceAll(N, ' ');
  const uses: NameUse[] = [];
  let next = 0;
  for (const sentence of sentences(shape)) {
    const count = placeholders(sentence);
    if (count === 0) continue;
    const own = matches.slice(next, next + count);
    next += count;
    const hows = sentenceAddresses(sentence, own);
    own.forEach((match, k) => {
      uses.push({ match, how: hows[k] });
    });
  }
  return uses;
}

/** The last name `text` addresses, and how; undefined when it addresses nobody. */
export function lastAddressed(
  uses: readonly NameUse[],
): { readonly name: string; readonly how: Address } | undefined {
  const use = uses.findLast((u) => u.how !== undefined);
  return use?.how === undefined ? undefined : { name: use.match.name, how: use.how };
}

function sentenceAddresses(
  sentence: string,
  matches: readonly NameMatch[],
): (Address | undefined)[] {
  const hows: (Address | undefined)[] = matches.map((m) =>
    m.name.length < m.end - m.index ? 'at' : undefined,
  );
  if (!THANKS.test(sentence)) {
    for (const pattern of VOCATIVES) mark(sentence, pattern, hows, 'vocative');
  }
  if (hows.some((how) => how !== undefined)) return hows;
  for (const pattern of REQUESTS) mark(sentence, pattern, hows, 'request');
  if (hows.some((how) => how !== undefined)) return hows;
  if (QUESTION_END.test(sentence) && !SECOND_PERSON.test(sentence))
    return hows.map(() => 'question');
  return hows;
}

/** Marks the names of each match's first group as addressed `how` (an @mention stays one). */
function mark(
  sentence: string,
  pattern: RegExp,
  hows: (Address | undefined)[],
  how: Address,
): void {
  pattern.lastIndex = 0;
  for (const found of sentence.matchAll(pattern)) {
    const span = found.indices?.[1];
    if (span === undefined) continue;
    const first = placeholders(sentence.slice(0, span[0]));
    const inside = placeholders(sentence.slice(span[0], span[1]));
    for (let k = first; k < first + inside; k++) hows[k] ??= how;
  }
}

function placeholders(text: string): number {
  let count = 0;
  for (let i = text.indexOf(N); i >= 0; i = text.indexOf(N, i + 1)) count += 1;
  return count;
}

/** The shape cut into sentences: after a run of . ! ? … (and closing quotes) before a space, at a line break. */
function sentences(shape: string): string[] {
  return shape.split(/(?<=[.!?…]+["'”’)\]*_]*)\s+|\n+/);
}
