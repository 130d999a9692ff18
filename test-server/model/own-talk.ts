// The seat's share of the built-in talk (see talk-shares.ts) as sentences to choose among, when
// none of its bank's own will do: cheaper than walking afresh (a walk costs ten times a draw),
// and unlike another seat's sentences of the bank, never said in chorus by seats answering at once.
import type { Random } from '../prng.js';
import { CANDIDATES, type Candidate, keepBest, type SentenceOptions } from './candidates.js';
import { headless } from './clause.js';
import type { Prepared } from './prepare.js';
import type { SeatMaterial } from './seat-material.js';
import { quotesFactOf } from './sentence-bank.js';
import { ownTalk, ownTalkHashes, spareTalk } from './talk-shares.js';
import { type Analysed, analyse } from './walk-analysis.js';

/** Talk sentences as each seat's texts attest them, read once a seat (a share is ~50-70). */
const analysedBySeat = new WeakMap<SeatMaterial, Map<string, Analysed | null>>();

function analysedOf(
  prepared: Prepared,
  sentence: string,
  options: SentenceOptions,
): Analysed | undefined {
  let known = analysedBySeat.get(prepared.seat);
  if (known === undefined) {
    known = new Map();
    analysedBySeat.set(prepared.seat, known);
  }
  let walk = known.get(sentence);
  if (walk === undefined) {
    const words = sentence.split(' ');
    // One quoting the context is no sentence of the seat's to say (see judge), nor the end of
    // a talk sentence that is no clause of its own (see Speech.lostHead).
    walk =
      quotesFactOf(prepared.seat, sentence) || headless(prepared.seat, sentence)
        ? null
        : (analyse(prepared.seat, { words, ended: true, swerved: false }, options.names) ?? null);
    known.set(sentence, walk);
  }
  return walk ?? undefined;
}

/**
 * The seat's own talk sentences not heard yet, one a call (null: none left), read as walks, from
 * a place `random` picks: undefined for one that reads as no sentence of the seat's.
 */
export function ownTalkWalks(
  prepared: Prepared,
  random: Random,
  options: SentenceOptions,
): () => Analysed | undefined | null {
  const own = ownTalk(prepared);
  const hashes = ownTalkHashes(own);
  const start = Math.floor(random() * own.length);
  let at = 0;
  // Once its own are all heard, what it may borrow (see spareTalk), from the next seat's first.
  let spare: readonly string[] | undefined;
  let spareHashes: readonly number[] = [];
  let spareAt = 0;
  return () => {
    while (at < own.length) {
      const place = (start + at++) % own.length;
      if (!prepared.view.alreadySaidHash(hashes[place] ?? 0))
        return analysedOf(prepared, own[place] as string, options);
    }
    if (spare === undefined) {
      spare = spareTalk(prepared);
      spareHashes = ownTalkHashes(spare);
    }
    while (spareAt < spare.length) {
      const place = spareAt++;
      if (!prepared.view.alreadySaidHash(spareHashes[place] ?? 0))
        return analysedOf(prepared, spare[place] as string, options);
    }
    return null;
  };
}

/**
 * The best of a few of the seat's own talk sentences not heard yet (see keepBest), from a place
 * `random` picks; undefined at a table the talk is not shared at, or when none fits.
 */
export function chooseOwnTalk(
  prepared: Prepared,
  random: Random,
  temperature: number,
  options: SentenceOptions,
): Candidate | undefined {
  if (ownTalk(prepared).length === 0) return undefined;
  const next = ownTalkWalks(prepared, random, options);
  return keepBest(prepared, options, CANDIDATES, 0, next, () => random() * temperature * 1.5, true);
}
