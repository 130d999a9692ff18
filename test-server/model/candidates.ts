// One sentence of a seat's own: several walks, scored for reading well (few splices), being on
// the topic, in the persona's concerns, fresh; the best is kept. What a walk is (its words, its
// stretches, how it opens, whether it reads whole) is read once (walk-analysis.ts); its worth
// to one reply of one state (on the topic, fresh, fitting) is judged each time (`judge`).
import type { Random } from '../prng.js';
import type { Walker } from './chain/walker.js';
import type { Prepared } from './prepare.js';
import {
  quotesFact,
  type ReplyState,
  repeatsReply,
  type Written,
  writtenOf,
} from './reply-state.js';
import { othersLine } from './talk-shares.js';
import { type Analysed, analyse, hits } from './walk-analysis.js';
import type { NameTest } from './words.js';

/** Walks per sentence; the best on point and fresh wins. */
export const CANDIDATES = 4;
/** More walks allowed while none of the candidates reads well yet. */
export const MORE_CANDIDATES = 6;

export interface Candidate {
  readonly sentence: string;
  /** The sentence in lower case (a reply asks whether it holds it already). */
  readonly lower: string;
  readonly normal: readonly string[];
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
  /** No splice and no seam: every four words stand in one source, every five too. */
  readonly clean: boolean;
  /** A seam (see Analysed.seam): never good, whatever its score. */
  readonly seam: boolean;
  /** How it stands in a reply once said (see `writtenOf`), read once for a walk a bank keeps. */
  readonly written: () => Written;
}

/** What `writtenOf` read of a walk's sentence: a bank's sentences are said again and again. */
const writtenByWalk = new WeakMap<Analysed, Written>();

function writtenOfWalk(walk: Analysed): Written {
  let written = writtenByWalk.get(walk);
  if (written === undefined) {
    written = writtenOf(walk.sentence, walk.lower);
    writtenByWalk.set(walk, written);
  }
  return written;
}

/**
 * What one splice costs a walk: more than being on the topic earns ("I would put the money can
 * and cannot do" is on the topic and unreadable). The walker already avoids splices where it can
 * (see Walker), so a clean walk is usually among the candidates.
 */
const SPLICE_COST = 5;

/** A sentence scoring this much reads well enough to be drawn from a pool. */
export const GOOD = 1.5;

export interface SentenceOptions {
  readonly focus?: ReadonlySet<string> | undefined;
  /** The reply it joins, when known; pooled sentences are made without one. */
  readonly reply?: ReplyState | undefined;
  /** Under greedy decoding, which opening to take (successive sentences differ). */
  readonly ordinal: number;
  /** Seats' names: a sentence that names someone is never drawn from the chain. */
  readonly names: NameTest | undefined;
  /** Walks to choose from, no more (a ramble's sentences); else several, more while none reads well. */
  readonly walks?: number | undefined;
  /** Only walks that read whole and pass this test count (reasons, quoted positions). */
  readonly whole?: ((sentence: string) => boolean) | undefined;
  /** Another seat's sentences of the talk may be said too (see talk-shares.ts). */
  readonly anyones?: boolean | undefined;
}

/** A walk judged for one reply: its score, and whether it ends the search. */
export interface Judged {
  readonly score: number;
  /** Fluent, fresh, of a speaking length: a walk like this is what the search hopes for. */
  readonly readable: boolean;
  /** Readable, barely echoing, on the topic: no need to look further. */
  readonly enough: boolean;
  /** Stretches of it no source holds. */
  readonly splices: number;
}

/**
 * What a walk is worth to one reply of this state; undefined when it may not be said there at
 * all (said in this reply already, a spliced list, not whole where it must be). `drawn`: the
 * walk is one of the seat's own sentences the conversation has not heard, quoting no fact of
 * the case (see keepBest).
 */
export function judge(
  prepared: Prepared,
  walk: Analysed,
  options: SentenceOptions,
  drawn = false,
): Judged | undefined {
  const { focus, reply } = options;
  if (reply?.said(walk.lower) === true) return undefined;
  // Another seat's sentence of the talk: two seats answering at once would say it in chorus.
  if (!drawn && options.anyones !== true && othersLine(prepared)(walk.lower)) return undefined;
  if (options.whole !== undefined && !(walk.whole && options.whole(walk.sentence)))
    return undefined;
  const { quads, attested } = walk;
  const { view } = prepared;
  // A sentence this conversation has heard is someone's words said again as the seat's own (or
  // its own said twice): never a candidate, however it would score.
  if (!drawn && view.alreadySaid(walk.lower)) return undefined;
  // Two four-word stretches of this reply again are a clause said twice in one turn ("I would
  // like us to look at what is already there …" then "I would like us to look at it.").
  if (reply !== undefined && repeatsReply(quads, reply)) return undefined;
  // A fact of the case as a sentence by itself is the briefing read out ("The town has €3.1
  // million in reserves."), and a fact about the meeting reads oddly from a seat at all: a seat
  // uses a fact only woven into a sentence of its own (see Speech.weaveFact).
  if (!drawn && quotesFact(prepared, walk.sentence)) return undefined;
  let fluent = 0;
  let repeated = 0;
  let rough = 0;
  const said = view.attestsEach(walk.words);
  for (let index = 0; index < quads.length; index++) {
    if (reply?.ownQuads.has(quads[index] ?? '') === true) repeated += 2;
    if (said[index] === 1) {
      repeated++;
      fluent++;
    } else if (attested[index] === true) fluent++;
    // A sentence that opens or ends on a splice reads broken however fluent its middle.
    else if (index === 0 || index === quads.length - 1) rough++;
  }
  if (reply?.openings.has(walk.opening) === true) repeated += 2;
  // A splice where two sources meet mid-phrase is where Markov text stops reading as speech.
  // Every splice costs: "what we would do with the money can and cannot do" reads broken. A
  // seam within three shared words costs as one ("I could defend | to my neighbours").
  const splices = quads.length - fluent + (walk.seam ? 1 : 0);
  // A list of clauses (the context's "…; lift the track; sell strips of …") spliced mid-way
  // reads as nonsense, however fluent each piece.
  if (splices > 0 && walk.semicolon) return undefined;
  const topical = hits(walk.content, prepared.topicWords);
  let score = walk.base - SPLICE_COST * splices - 1.5 * rough;
  // Echoing two or three words of what was said is answering it; more is repeating it.
  score -= 0.8 * Math.max(0, repeated - 2);
  score += 1.2 * Math.min(2, topical);
  score += 0.6 * Math.min(2, hits(walk.content, prepared.recentWords));
  score += 0.4 * Math.min(3, hits(walk.content, prepared.tableWords));
  if (focus !== undefined) score += 1.5 * Math.min(2, hits(walk.content, focus));
  const readable = splices === 0 && rough === 0 && !walk.short && !walk.long;
  const onTopic = prepared.topicWords.size === 0 || topical > 0;
  const enough = readable && repeated <= 1 && onTopic && focus === undefined;
  return { score, readable, enough, splices };
}

/** The candidate a judged walk makes, for a pool or a reply. */
export function candidateOf(walk: Analysed, score: number, splices: boolean): Candidate {
  return {
    sentence: walk.sentence,
    lower: walk.lower,
    normal: walk.normal,
    quads: walk.quads,
    opening: walk.opening,
    score,
    // A seam is forgiven nothing: it is a splice that reads as whole words, the reader's trap.
    good: !walk.seam && score + (splices ? 1.5 : 0) >= GOOD,
    clean: !splices,
    seam: walk.seam,
    written: () => writtenOfWalk(walk),
  };
}

/**
 * Keeps the best of the walks `next` gives (null: none left) that may follow the reply's words
 * (see RunGuard): `tries` of them, more while none reads well; stops early at one that is enough.
 * `drawn`: `next` gives only walks the conversation has not heard, quoting no fact, and of the
 * talk only the seat's share: a seat's bank deals the talk out as it is walked, so that no draw
 * is another seat's sentence, refused (see SentenceBank).
 */
export function keepBest(
  prepared: Prepared,
  options: SentenceOptions,
  tries: number,
  extra: number,
  next: (attempt: number) => Analysed | undefined | null,
  noise: () => number,
  drawn = false,
): Candidate | undefined {
  const judged: { walk: Analysed; score: number; splices: number }[] = [];
  let top = Number.NEGATIVE_INFINITY;
  let readable = false;
  const { reply } = options;
  // The guard's test is the dearest part: made only of a walk that would be kept, and not at
  // all for a pool's (no reply in view: Speech.accept tests it against the reply it joins).
  const fits = (walk: Analysed) =>
    reply === undefined || prepared.guard.firstForbidden(walk.normal, reply.tail) === undefined;
  for (let attempt = 0; attempt < tries + (readable ? 0 : extra); attempt++) {
    const walk = next(attempt);
    if (walk === null) break;
    if (walk === undefined) continue;
    const judgement = judge(prepared, walk, options, drawn);
    if (judgement === undefined) continue;
    const score = judgement.score + noise();
    if (judgement.readable) readable = true;
    // Good enough to stop looking: fluent, fresh, of a speaking length, on the topic.
    if (judgement.enough && score > top && fits(walk)) {
      return candidateOf(walk, score, judgement.splices > 0);
    }
    judged.push({ walk, score, splices: judgement.splices });
    top = Math.max(top, score);
  }
  // The best that fits, in the order a stable sort by score (highest first) would give them:
  // the first usually fits, so it is found without sorting the rest.
  while (judged.length > 0) {
    let best = 0;
    for (let i = 1; i < judged.length; i++)
      if ((judged[i]?.score ?? 0) > (judged[best]?.score ?? 0)) best = i;
    const { walk, score, splices } = judged[best] as (typeof judged)[number];
    if (fits(walk)) {
      return candidateOf(walk, score, splices > 0);
    }
    judged.splice(best, 1);
  }
  return undefined;
}

export function bestSentence(
  prepared: Prepared,
  walker: Walker,
  random: Random,
  temperature: number,
  options: SentenceOptions,
): Candidate | undefined {
  const tries = options.walks ?? (walker.greedy ? 3 : CANDIDATES);
  const extra = options.walks === undefined ? MORE_CANDIDATES : 0;
  const names = options.names;
  return keepBest(
    prepared,
    options,
    tries,
    extra,
    (attempt) =>
      analyse(
        prepared.seat,
        walker.sentence(options.reply?.tail ?? [], options.ordinal + attempt),
        names,
      ),
    () => (walker.greedy ? 0 : random() * temperature * 1.5),
  );
}
