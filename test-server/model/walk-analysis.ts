// A walk read once for scoring: its words, stretches, opening, whether it reads as written and
// what only the walk decides of its score (length, verb, the persona's concerns). A seat's bank
// keeps these; a reply judges them (see candidates.ts judge).
import { quadsOf } from './chain/source.js';
import type { WalkedSentence } from './chain/walker.js';
import { cleftHolds, hasVerb, lostReferent, moodHolds, readsWhole } from './clause.js';
import { REPEAT_MARKER } from './knobs.js';
import { opening } from './reply-state.js';
import { reversesTalk } from './reversal.js';
import type { SeatMaterial } from './seat-material.js';
import { tidy } from './sentence-form.js';
import { isContentWord, type NameTest, normalWords } from './words.js';

/** A walk read once: what does not depend on the state or the reply it may join. */
export interface Analysed {
  readonly words: readonly string[];
  readonly sentence: string;
  readonly lower: string;
  readonly normal: readonly string[];
  readonly content: readonly string[];
  /** Four-word stretches (lower case), and which of them the seat's own texts hold. */
  readonly quads: readonly string[];
  readonly attested: readonly boolean[];
  readonly opening: string;
  readonly semicolon: boolean;
  readonly short: boolean;
  readonly long: boolean;
  /** It reads as written (see readsWhole). */
  readonly whole: boolean;
  /**
   * It opens as a written sentence does (its first four words open one): "I am wrong about this"
   * is the middle of "If I am wrong about this, …", every four words of it written.
   */
  readonly opens: boolean;
  /**
   * Every five words of it stand in one source, asked only of a walk whose every four words do
   * (else undefined): two sources sharing three words splice unseen by the four-word test ("I
   * think the town | has €3.1 million in reserves", "the town would | carry forever").
   */
  readonly fives: boolean | undefined;
  /**
   * It reads as a splice though every four words are written: its fives do not hold, or it ends
   * on a word whose referent it left behind (see lostReferent), or it turns what a talk sentence
   * said (see reversesTalk). Costs as one splice.
   */
  readonly seam: boolean;
  /** The score's part that only the walk decides: length, verb, seam, the persona's concerns. */
  readonly base: number;
}

/**
 * A finished walk read for scoring; undefined for one that is no sentence: cut short, naming a
 * seat (`names`), or ending otherwise than it opens.
 */
export function analyse(
  seat: SeatMaterial,
  walked: WalkedSentence,
  names: NameTest | undefined,
): Analysed | undefined {
  const { words } = walked;
  if (!walked.ended || words.length < 3) return undefined;
  const sentence = tidy(words);
  if (names?.test(sentence) === true) return undefined;
  // The repeat knob's marker (turn.ts): a walk that learned "As I said, …" from the repeats in
  // the conversation would pass for a repeat of the seat's last turn, which it is not.
  if (REPEAT_MARKER.test(sentence)) return undefined;
  // A statement that ends as a question ("We should ask the people who live furthest away?"),
  // or a question that ends as a statement, took its end from another sentence.
  if (!moodHolds(sentence) || !cleftHolds(sentence)) return undefined;
  const normal = normalWords(sentence);
  const content = normal.filter(isContentWord);
  const quads = quadsOf(words);
  const attested = quads.map((quad) => seat.mix.attests(quad));
  const fives = attested.every((stands) => stands) ? seat.mix.fivesHold(words) : undefined;
  const short = normal.length < 6;
  const long = normal.length > 26;
  let base = 3 - (walked.swerved ? 2 : 0);
  // "The risk of doing too much." reads as a note, not as something said.
  if (!hasVerb(sentence)) base -= 2;
  if (short) base -= 2;
  if (long) base -= (normal.length - 26) / 4;
  // People at a table speak in full sentences more often than in fragments.
  if (normal.length >= 11 && !long) base += 0.5;
  if (normal.length >= 15 && !long) base += 0.5;
  base += 0.5 * Math.min(2, hits(content, seat.concerns));
  return {
    words,
    sentence,
    lower: sentence.toLowerCase(),
    normal,
    content,
    quads: quads.map((quad) => quad.toLowerCase()),
    attested,
    opening: opening(words),
    semicolon: sentence.includes(';'),
    short,
    long,
    whole: readsWhole(seat.mix, words, attested),
    opens: quads[0] === undefined || seat.mix.opens(quads[0]),
    fives,
    seam:
      fives === false || lostReferent(seat, sentence) || (fives === true && reversesTalk(words)),
    base,
  };
}

export function hits(words: readonly string[], set: ReadonlySet<string>): number {
  let count = 0;
  for (const word of words) if (set.has(word)) count++;
  return count;
}
