// One sentence of a seat's own: several walks, scored for reading well (few splices), being on
// the topic, in the persona's concerns, fresh; the best is kept.
import type { Random } from '../prng.js';
import { quadsOf } from './chain/source.js';
import type { Walker } from './chain/walker.js';
import { cleftHolds, hasVerb, moodHolds, readsWhole } from './clause.js';
import type { Prepared } from './prepare.js';
import { tidy } from './sentence-form.js';
import { isContentWord, normalWords } from './words.js';

/** Walks per sentence; the best on point and fresh wins. */
const CANDIDATES = 4;
/** More walks allowed while none of the candidates reads well yet. */
const MORE_CANDIDATES = 6;

export interface Candidate {
  readonly sentence: string;
  readonly normal: string[];
  /** Its four-word stretches (lower case) and its opening, for a reply's repetition checks. */
  readonly quads: readonly string[];
  readonly opening: string;
  /** How well it reads, on point and fresh (see bestSentence), for ranking walks. */
  readonly score: number;
  /**
   * Good enough to draw from a pool: scoring GOOD with 1.5 of a splice's cost forgiven. A
   * spliced sentence ranks below a clean one, but a table whose texts are too short for clean
   * ones must not make a pool walk every slot looking for one; forgiving a whole splice let one
   * in five sentences of a turn keep a seam again.
   */
  readonly good: boolean;
}

/**
 * What one splice costs a walk: more than being on the topic earns ("I would put the money can
 * and cannot do" is on the topic and unreadable). The walker already avoids splices where it can
 * (see Walker), so a clean walk is usually among the candidates.
 */
const SPLICE_COST = 5;

/** A sentence scoring this much reads well enough to be drawn from a pool. */
export const GOOD = 1.5;

/** What a reply has said so far: a new sentence must not recite across it nor repeat it. */
export interface ReplyState {
  readonly tail: readonly string[];
  readonly ownQuads: ReadonlySet<string>;
  readonly openings: ReadonlySet<string>;
  /** Whether the reply already holds this sentence (lower case). */
  readonly said: (lower: string) => boolean;
}

/** How a sentence opens: its first two words, in lower case. */
export function opening(words: readonly string[]): string {
  return words.slice(0, 2).join(' ').toLowerCase();
}

/** A candidate made without a reply in view may join this one: no echo, no repeated opening. */
export function fitsReply(candidate: Candidate, reply: ReplyState): boolean {
  const lower = candidate.sentence.toLowerCase();
  if (reply.said(lower)) return false;
  if (reply.openings.has(candidate.opening)) return false;
  return candidate.quads.filter((quad) => reply.ownQuads.has(quad)).length < 2;
}

export interface SentenceOptions {
  readonly focus?: ReadonlySet<string> | undefined;
  /** The reply it joins, when known; pooled sentences are made without one. */
  readonly reply?: ReplyState | undefined;
  /** Under greedy decoding, which opening to take (successive sentences differ). */
  readonly ordinal: number;
  /** Seats' names: a sentence that names someone is never drawn from the chain. */
  readonly names: RegExp | undefined;
  /** Walks to choose from, no more (a ramble's sentences); else several, more while none reads well. */
  readonly walks?: number | undefined;
  /** Only walks that read whole and pass this test count (reasons, quoted positions). */
  readonly whole?: ((sentence: string) => boolean) | undefined;
}

export function bestSentence(
  prepared: Prepared,
  walker: Walker,
  random: Random,
  temperature: number,
  options: SentenceOptions,
): Candidate | undefined {
  const { focus, reply } = options;
  let best: Candidate | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  const tries = options.walks ?? (walker.greedy ? 3 : CANDIDATES);
  const extra = options.walks === undefined ? MORE_CANDIDATES : 0;
  let readable = false;
  for (let attempt = 0; attempt < tries + (readable ? 0 : extra); attempt++) {
    const walked = walker.sentence(reply?.tail ?? [], options.ordinal + attempt);
    if (!walked.ended || walked.words.length < 3) continue;
    const sentence = tidy(walked.words);
    if (options.names?.test(sentence) === true) continue;
    const lower = sentence.toLowerCase();
    if (reply?.said(lower) === true) continue;
    const normal = normalWords(sentence);
    const content = normal.filter(isContentWord);
    const quads = quadsOf(walked.words);
    const lowered = quads.map((quad) => quad.toLowerCase());
    let fluent = 0;
    let repeated = 0;
    let rough = 0;
    for (const [index, quad] of quads.entries()) {
      if (reply?.ownQuads.has(lowered[index] ?? '') === true) repeated += 2;
      if (prepared.view.attests(walked.words, index + 3)) {
        repeated++;
        fluent++;
      } else if (prepared.attests(quad)) fluent++;
      // A sentence that opens or ends on a splice reads broken however fluent its middle.
      else if (index === 0 || index === quads.length - 1) rough++;
    }
    const start = opening(walked.words);
    if (reply?.openings.has(start) === true) repeated += 2;
    const hits = (set: ReadonlySet<string>) => content.filter((word) => set.has(word)).length;
    const topical = hits(prepared.topicWords);
    // A splice where two sources meet mid-phrase is where Markov text stops reading as speech.
    // Every splice costs: "what we would do with the money can and cannot do" reads broken.
    const splices = quads.length - fluent;
    // A list of clauses (the context's "…; lift the track; sell strips of …") spliced mid-way
    // reads as nonsense, however fluent each piece.
    if (splices > 0 && sentence.includes(';')) continue;
    if (
      options.whole !== undefined &&
      !(readsWhole(prepared, walked.words) && options.whole(sentence))
    )
      continue;
    // A statement that ends as a question ("We should ask the people who live furthest away?"),
    // or a question that ends as a statement, took its end from another sentence.
    if (!moodHolds(sentence) || !cleftHolds(sentence)) continue;
    let score = 3 - SPLICE_COST * splices - 1.5 * rough - (walked.swerved ? 2 : 0);
    // "The risk of doing too much." reads as a note, not as something said.
    if (!hasVerb(sentence)) score -= 2;
    // Echoing two or three words of what was said is answering it; more is repeating it.
    score -= 0.8 * Math.max(0, repeated - 2);
    const short = normal.length < 6;
    const long = normal.length > 26;
    if (short) score -= 2;
    if (long) score -= (normal.length - 26) / 4;
    // People at a table speak in full sentences more often than in fragments.
    if (normal.length >= 11 && !long) score += 0.5;
    if (normal.length >= 15 && !long) score += 0.5;
    score += 1.2 * Math.min(2, topical);
    score += 0.6 * Math.min(2, hits(prepared.recentWords));
    score += 0.5 * Math.min(2, hits(prepared.seat.concerns));
    score += 0.4 * Math.min(3, hits(prepared.tableWords));
    if (focus !== undefined) score += 1.5 * Math.min(2, hits(focus));
    const said = prepared.view.alreadySaid(lower);
    // A sentence heard in this conversation already is a repeat, which the engine flags: worse
    // than a splice.
    if (said) score -= 8;
    if (!walker.greedy) score += random() * temperature * 1.5;
    if (splices === 0 && rough === 0 && !short && !long && !said) readable = true;
    const fits = prepared.guard.firstForbidden(normal, reply?.tail ?? []) === undefined;
    if (score > bestScore && fits) {
      const good = score + (splices > 0 ? 1.5 : 0) >= GOOD;
      best = { sentence, normal, quads: lowered, opening: start, score, good };
      bestScore = score;
      // Good enough to stop looking: fluent, fresh, of a speaking length, on the topic.
      const onTopic = prepared.topicWords.size === 0 || topical > 0;
      const clean = splices === 0 && rough === 0 && repeated <= 1 && !short && !long && !said;
      if (clean && onTopic && focus === undefined) break;
    }
  }
  return best;
}
