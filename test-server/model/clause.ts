// Sentences that must read as a person wrote them: a reason after "Because", a position quoted in
// the decision record, the summarizer's own last word. A Markov walk splices sources where two
// share a word, and a splice reads as broken ("we should leave room and fails the town"), so such
// places take only a walk that follows the sources whole.
import { isLetterOrDigit, readsAsAscii } from '../../src/unicode-properties.js';
import { END } from './chain/source.js';
import type { StaticMix } from './chain/static-mix.js';
import { asksFirst, hasVerbWord, opensQuestion, opensWithPhrase } from './grammar-words.js';
import { ANSWERS, isIntroduction } from './lines.js';
import type { Prepared } from './prepare.js';
import { runsOf } from './run-guard.js';
import type { SeatMaterial } from './seat-material.js';
import { TALK_SENTENCES } from './talk.js';
import { normalWords } from './words.js';

/** Fewer words than this are rarely a whole thought ("There is getting.") and show no splice. */
export const WHOLE_MIN_WORDS = 5;

/**
 * A walk that reads as written: every four words of it stand in one sentence of the talk, the
 * persona or the context (`attested`: which of its stretches do, in order), and it opens and
 * ends where such a sentence does.
 */
export function readsWhole(
  mix: StaticMix,
  words: readonly string[],
  attested: readonly boolean[],
): boolean {
  if (words.length < WHOLE_MIN_WORDS) return false;
  for (const stands of attested) if (!stands) return false;
  const [first, second] = words;
  const opens = mix.pair(undefined, first)?.words.includes(second ?? '');
  const previous = words.at(-2);
  const last = words.at(-1);
  const ends = mix.pair(previous, last)?.words.includes(END);
  return opens === true && ends === true;
}

/**
 * A clause, not a phrase: it has a verb, or opens on a subject that goes on to one ("I find …").
 * A walk can skip from one "the risk of doing" to the next and end as "The risk of doing too
 * much.", every four words of it written, and no verb left.
 */
export function hasVerb(sentence: string): boolean {
  return hasVerbWord(sentence) || /^(?:I|we|you|they|he|she|nobody|everyone)\s/iu.test(sentence);
}

/**
 * A sentence whose end matches how it opens: a question mark only where a question opens (at the
 * start, or after a comma or colon: "My question is a practical one: who maintains it …?"), and
 * a yes-or-no question never ended by a full stop. A walk can cross from a statement into a
 * question's end ("We should ask the people who live furthest away?") or back ("Could we
 * separate the part I find hardest to accept.").
 */
export function moodHolds(sentence: string): boolean {
  return sentence.trimEnd().endsWith('?') ? opensQuestion(sentence) : !asksFirst(sentence);
}

/**
 * "What I want to avoid is …": a sentence opening so goes on to its "is". A walk can leave the
 * clause before it ("What I want to know who owns this one.", from "I want to know who owns …").
 */
export function cleftHolds(sentence: string): boolean {
  return !/^what (?:i|we|you|they|people)\b/i.test(sentence) || /\b(?:is|was)\b/i.test(sentence);
}

/**
 * Openings that cannot follow a lead-in ("Because …", "For my part, …"): questions, requests,
 * lead-ins of their own and replies to someone ("Because let me be blunt: …", "Because could
 * we …", "Because I agree with that …"): /^(?:let|…|good point)\b/i read by phrase.
 */
export const NOT_A_STATEMENT = [
  ...'let could can would will shall should do does did what why how who whom where when which'.split(
    ' ',
  ),
  ...'so well yes no thank thanks please and but or also perhaps maybe honestly frankly look'.split(
    ' ',
  ),
  ...["let's", 'listen', 'before', 'to be', 'in short', 'all in all', 'for my part', 'for me'],
  ...['my last', 'that is a fair', 'that is a good', 'that is exactly', 'i agree', 'i disagree'],
  ...['i hear', 'i can live', 'fair enough', 'good point'],
];

/**
 * A statement that can follow "Because" or "For my part,": no question, request or lead-in, and
 * not a list ("…; lift the track; sell …"), which reads as notes rather than a reason.
 */
export function isStatement(sentence: string): boolean {
  return (
    !/[?:;]/.test(sentence) && !opensWithPhrase(sentence, NOT_A_STATEMENT) && hasVerb(sentence)
  );
}

/**
 * The sentence quotes the context (six words of it in a row): a fact of the case, which is no
 * one's reason or position ("Because the town has €3.1 million in reserves.").
 */
export function quotesContext(prepared: Prepared, sentence: string): boolean {
  return quotesContextOf(prepared.seat, sentence);
}

/** quotesContext by the seat alone: whether it does depends on nothing else. */
export function quotesContextOf(seat: SeatMaterial, sentence: string): boolean {
  for (const run of runsOf(normalWords(sentence))) if (seat.allowed.has(run)) return true;
  return false;
}

/**
 * Openings that lean on what came before ("That is where the real cost hides.") and endings on a
 * word that points back ("I would like us to look at it.", "I think we should say so."): said
 * on their own, after "Because" or a wrap-up's lead-in, such a sentence says nothing.
 */
const POINTS_BACK_OPENING = /^(?:that|this|these|those|it|here|then|so)\b/i;
const POINTS_BACK_ENDING = /\b(?:it|so|that|this|both|them|those|these)\s*[.!]$/i;
/** "I would be careful with that figure", "that idea deserves more credit": which one? */
const POINTS_BACK_INSIDE = /\bthat (?:figure|idea|point|number|argument|plan)\b/i;

/**
 * A sentence that promises the next ("Let me be clear about where I stand.", "I am more
 * optimistic than that, and I will tell you why."): the last of a turn's words, or after a
 * wrap-up's lead-in, it promises what never comes.
 */
export function announces(sentence: string): boolean {
  return /^(?:let me (?:be clear|add something|try a different|say what|give you|put the question)|here is what)\b|\bI will tell you why\b/i.test(
    sentence,
  );
}

/**
 * A sentence that answers what someone else said ("That is a fair point, but …", "That is a
 * better argument than mine, …", "I agree with that more than I expected to.", "Let me push back
 * a little on that, …"): after a seat's own words it answers itself.
 */
export function answersAnother(sentence: string): boolean {
  return /^(?:that (?:is a (?:fair|good|better)|example|argument)|I agree with that|I find that convincing|I think that idea|I am more optimistic than that|Let me push back a little on that)\b/i.test(
    sentence,
  );
}

/**
 * A sentence that leans on one before it that the reply does not have: "Let me put the question
 * back to the table." and no question follows (a walk never puts one); "The second condition
 * is …" with no first; "That is exactly why I keep asking about the running costs." right after
 * the seat's introduction or an answer's opener ("I'm Tomasz Brennan, … That is exactly why …":
 * why what?), or a question right after an announcement.
 */
export function leansOnNothing(sentence: string, parts: readonly string[]): boolean {
  if (/^let me put the question\b/i.test(sentence)) return true;
  if (/^the second condition\b/i.test(sentence))
    return !parts.some((part) => /\bfirst condition\b/i.test(part));
  const before = parts.at(-1);
  if (before === undefined) return false;
  // Nor a question right after an announcement: "Here is what worries me about the timing. My
  // neighbours would ask one thing first: what changes for us next year?" keeps no promise.
  if (sentence.endsWith('?') && announces(before)) return true;
  return (
    /^(?:that|this|these|those|it sounds)\b/i.test(sentence) &&
    (isIntroduction(before) || ANSWERS.includes(before))
  );
}

/**
 * A sentence that opens on what was just said ("That is where the real cost hides."): with a
 * name before it ("Greta, that is where …") it points at the sentence before, the speaker's own.
 */
export function opensOnThat(sentence: string): boolean {
  return /^(?:that|this|these|those)\b/i.test(sentence);
}

/** A statement that reads alone, leaning on no sentence before it (see POINTS_BACK_OPENING). */
export function standsAlone(sentence: string): boolean {
  return (
    isStatement(sentence) &&
    !announces(sentence) &&
    !POINTS_BACK_OPENING.test(sentence) &&
    !POINTS_BACK_ENDING.test(sentence.trim()) &&
    !POINTS_BACK_INSIDE.test(sentence)
  );
}

/**
 * Sentences that are no reason for a position: an announcement ("Here is what worries me …"),
 * a hedge about the seat itself ("I am not against it, I just want to know …", "I have more
 * questions than answers …"), a wish to hear more.
 */
const NOT_A_REASON =
  /^(?:here is|i am not against it|i have more questions|it depends|i would like to hear|i would like us to look|we should be clear about|i need to think|i am not convinced yet|i see it a little differently|i agree with much)\b/i;

let talkWritten: ReadonlySet<string> | undefined;

/**
 * A sentence of the talk or of the seat's persona as written: a walk can splice two where they
 * share three words ("the simplest version of | this I could defend to my neighbours"), every
 * four words written and the whole a fragment. Quoted alone (a reason, a position in the
 * record), only a written sentence is sure to read as one.
 */
export function isWritten(prepared: Prepared, sentence: string): boolean {
  return writtenFor(prepared.seat, sentence.toLowerCase());
}

/** Whether the seat's talk or persona holds this sentence (in lower case) as written. */
function writtenFor(seat: SeatMaterial, lower: string): boolean {
  talkWritten ??= new Set(TALK_SENTENCES.map((said) => said.toLowerCase()));
  return talkWritten.has(lower) || seat.written.has(lower);
}

/**
 * A walk that is no sentence as written and points back to what it left behind: it ends on a
 * word pointing back, taken from a sentence where that word had something to point to ("There
 * is a cheaper way …, and I want us to look at it." → "I would like us to look at it.": at
 * what?), or it is the end of a talk sentence whose "it" or "that" pointed into its beginning
 * ("That sounds good tonight, and I am not sure it will sound good in ten years." → "I am not
 * sure it will sound good in ten years."); or it ends on "this one" the walk has not named
 * ("I am not against it, I just want to know who owns this one.").
 */
export function lostReferent(seat: SeatMaterial, sentence: string): boolean {
  const lower = sentence.trim().toLowerCase();
  if (writtenFor(seat, lower)) return false;
  return (
    POINTS_BACK_ENDING.test(lower) ||
    /\b(?:this|that) one[.!]$/.test(lower) ||
    (POINTING.test(lower) && talkEndings().has(wordsOf(lower)))
  );
}

/**
 * A talk sentence's end said as a sentence where it was no clause of its own (not after a comma):
 * "I have seen myself." (of "… from what I have seen myself."), "The risk of doing too much." (of
 * "… as real as the risk of doing too much."): it lost its head. After a comma ("…, but I am
 * willing to be shown.") the end is a clause and only lostReferent's test applies. Asked of what a
 * seat's sentence bank keeps (sentence-bank.ts), not of every walk: on the raw request path a walk
 * refused so is walked again on every request that repeats the body.
 */
export function headless(seat: SeatMaterial, sentence: string): boolean {
  const lower = sentence.trim().toLowerCase();
  return talkEndings().get(wordsOf(lower)) === false && !writtenFor(seat, lower);
}

/** Words that point to something said before them. */
const POINTING = /\b(?:it|that|this|them|these|those)\b/;

/** What wordsOf removes from a text that reads as ASCII (readsAsAscii). */
const NOT_WORD_ASCII = /[^A-Za-z0-9'’€ ]+/g;

/**
 * `lower` with only its letters, digits, apostrophes, € and spaces, trimmed, as
 * lower.replace(/[^\p{L}\p{N}'’€ ]+/gu, '').trim(), whose classes cost ~7 M instructions to
 * compile on the first turn: an ASCII text is read with an ASCII pattern, any other scanned.
 */
export function wordsOf(lower: string): string {
  if (readsAsAscii(lower)) return lower.replace(NOT_WORD_ASCII, '').trim();
  let kept = '';
  let from = 0;
  for (let i = 0; i < lower.length; ) {
    const code = lower.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    const keep = code === 0x20 || code === 0x27 || code === 0x2019 || code === 0x20ac;
    if (!keep && !isLetterOrDigit(code)) {
      kept += lower.slice(from, i);
      from = i + width;
    }
    i += width;
  }
  return (kept + lower.slice(from)).trim();
}

let endings: ReadonlyMap<string, boolean> | undefined;

/**
 * Every end of a talk sentence after its first words (bare of marks), and whether it follows a
 * comma anywhere the talk says it; read once.
 */
function talkEndings(): ReadonlyMap<string, boolean> {
  if (endings !== undefined) return endings;
  const map = new Map<string, boolean>();
  for (const said of TALK_SENTENCES) {
    const tokens = said.toLowerCase().split(/\s+/);
    for (let from = 1; from < tokens.length - 2; from++) {
      const key = wordsOf(tokens.slice(from).join(' '));
      map.set(key, map.get(key) === true || (tokens[from - 1] ?? '').endsWith(','));
    }
  }
  endings = map;
  return map;
}

/**
 * A reason after "Because", read alone in the decision record: a written sentence (see
 * isWritten), a statement that stands alone, gives a reason and is not a fact of the case.
 */
export function isReason(prepared: Prepared, sentence: string): boolean {
  return isWritten(prepared, sentence) && statesStance(prepared, sentence);
}

/**
 * Where the seat stands, said alone: a statement that stands alone (see standsAlone), no hedge or
 * wish to hear more (NOT_A_REASON) and no fact of the case. What a wrap-up ends on.
 */
export function statesStance(prepared: Prepared, sentence: string): boolean {
  return (
    standsAlone(sentence) && !NOT_A_REASON.test(sentence) && !quotesContext(prepared, sentence)
  );
}
