// The `fair` speaker policy: a weighted draw toward whoever has spoken least in this phase and
// longest ago. Pure: the engine supplies the record and the random draw.
import { type FloorEntry, notYet, tally } from '../floor-record.js';
import type { Random } from '../random.js';

/**
 * Each eligible seat's weight: (turns since it last spoke)² ÷ (1 + turns above the least)³.
 * The cube makes a seat one turn ahead eight times less likely, which keeps shares within a few
 * points of equal over a long discussion while leaving the order unpredictable.
 */
export function fairWeights(
  record: readonly FloorEntry[],
  eligible: readonly number[],
  step: number,
): number[] {
  const seats = tally(record, eligible);
  const least = Math.min(...[...seats.values()].map((s) => s.turns));
  return eligible.map((index) => {
    const seat = seats.get(index) ?? { turns: 0, last: 0 };
    return (step - seat.last) ** 2 / (1 + seat.turns - least) ** 3;
  });
}

/** One eligible seat, drawn by the weights; the first when all weigh nothing. */
export function pickFair(
  record: readonly FloorEntry[],
  eligible: readonly number[],
  step: number,
  random: Random,
): number {
  const weights = fairWeights(record, eligible, step);
  return pickWeighted(eligible, weights, random);
}

export function pickWeighted(
  items: readonly number[],
  weights: readonly number[],
  random: Random,
): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let at = random.next() * total;
  for (const [k, item] of items.entries()) {
    at -= weights[k] ?? 0;
    if (at < 0) return item;
  }
  return items.at(-1) ?? -1;
}

/**
 * Why `fair` chose this seat, in a few words. `spokeBefore`: it was heard in an earlier phase (a
 * debate's opening statement), so it has not spoken in this one, not at all.
 */
export function fairWhy(
  record: readonly FloorEntry[],
  index: number,
  step: number,
  spokeBefore = false,
): string {
  const seat = tally(record, [index]).get(index);
  if (seat === undefined || seat.turns === 0) return `fair: ${notYet(spokeBefore)}`;
  const ago = step - seat.last;
  return `fair: ${seat.turns} ${seat.turns === 1 ? 'turn' : 'turns'} so far, last ${ago} ago`;
}
