// A state's pool at a table: one batch of the seat's own sentences, drawn and judged once, best
// first, which every reply of the state takes in order with noise of its own. Pool slots each
// drew and judged a few of the bank's sentences for one sentence of a reply (a turn judged ~26
// for the 3-4 it said, and drew three times as many, most of them another seat's share of the
// talk, to pass over); a batch judges each sentence it holds once.
import { type Candidate, candidateOf, judge, type SentenceOptions } from './candidates.js';
import { ownTalkWalks } from './own-talk.js';
import { POOL_SLOTS, type PoolRequest, slotPrefix, slotRandom } from './pool.js';
import type { Prepared } from './prepare.js';
import { MOST_DRAWS, reachOf, type SentenceBank, WIDER } from './sentence-bank.js';
import type { Analysed } from './walk-analysis.js';

/** Sentences a batch holds: a turn says 3-4, and one in three drawn does not fit it. */
export const BATCH = 10;
/** Sentences of a batch that open alike, at most: a reply opens each sentence otherwise. */
const SAME_OPENING = 2;

/** The state's batch for this pool (see drawBatch), drawn once and kept with the state. */
export function pooledBatch(
  prepared: Prepared,
  request: Omit<PoolRequest, 'slot'> & { readonly bank: SentenceBank },
): readonly Candidate[] {
  const key = `${slotPrefix(request)}batch`;
  const known = prepared.pool.get(key);
  if (known !== undefined) return known;
  // A stream of its own, past the slots' (a table's pools have none).
  const random = slotRandom(prepared, { ...request, slot: POOL_SLOTS });
  const options = { focus: request.focus, ordinal: 0, names: request.names };
  const batch = drawBatch(prepared, request.bank, random, options, BATCH);
  prepared.pool.set(key, batch);
  return batch;
}

interface Judged {
  readonly walk: Analysed;
  readonly score: number;
  readonly splices: number;
  readonly order: number;
}

/**
 * Up to `count` of the seat's own sentences not heard yet, drawn by `random` within its reach
 * and, while too few are found there, as much further as a reply's choice looks (see
 * chooseSentence), then from its share of the talk; judged once for this state (no reply in
 * view), best first, their scores without noise (a reply adds its own: see PooledReply.drawBatch).
 */
export function drawBatch(
  prepared: Prepared,
  bank: SentenceBank,
  random: () => number,
  options: SentenceOptions,
  count: number,
): Candidate[] {
  const reach = reachOf(prepared);
  const { view } = prepared;
  const judged: Judged[] = [];
  const openings = new Map<string, number>();
  const weigh = (walk: Analysed) => {
    // A third "I would …" in a batch would only be judged to be passed over.
    const opened = openings.get(walk.opening) ?? 0;
    if (opened >= SAME_OPENING) return;
    openings.set(walk.opening, opened + 1);
    const judgement = judge(prepared, walk, options, true);
    if (judgement === undefined) return;
    const { score, splices } = judgement;
    judged.push({ walk, score, splices, order: judged.length });
  };
  // The reach first, then what the widest look adds (see chooseSentence).
  let from = 0;
  for (const walks of [reach, reach + 2 * WIDER]) {
    const to = bank.ownFoundBy(walks);
    const size = to - from;
    // A partial shuffle: each draw takes one not drawn yet; only the places moved are kept.
    const moved = new Map<number, number>();
    const at = (place: number) => moved.get(place) ?? place;
    for (let drawn = 0; drawn < Math.min(size, MOST_DRAWS) && judged.length < count; drawn++) {
      const pick = drawn + Math.floor(random() * (size - drawn));
      const index = bank.ownAt(from + at(pick));
      moved.set(pick, at(drawn));
      // Heard already: not a candidate at all.
      if (!view.alreadySaidHash(bank.hashAt(index))) weigh(bank.at(index) as Analysed);
    }
    if (judged.length >= count) break;
    from = to;
  }
  // A seat whose chains give few sentences that read as written (a short persona, a context
  // without one) fills the batch from its share of the talk, as a reply did after the bank.
  if (judged.length < count) {
    const next = ownTalkWalks(prepared, random, options);
    for (let walk = next(); walk !== null && judged.length < count; walk = next())
      if (walk !== undefined) weigh(walk);
  }
  judged.sort((a, b) => b.score - a.score || a.order - b.order);
  return judged.map(({ walk, score, splices }) => candidateOf(walk, score, splices > 0));
}

/** A batch as one reply takes it: each sentence's score with the reply's noise, best first. */
export function replyOrder(
  batch: readonly Candidate[],
  noise: () => number,
): { readonly entry: Candidate; readonly score: number }[] {
  const order = batch.map((entry) => ({ entry, score: entry.score + noise() }));
  // A stable sort, highest first.
  order.sort((a, b) => b.score - a.score);
  return order;
}
