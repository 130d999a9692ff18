// One sentence for a reply from a seat's bank (see sentence-bank.ts): the best of a few of its
// own sentences not heard yet, judged against the reply it joins, as fresh walks would be.
import {
  CANDIDATES,
  type Candidate,
  keepBest,
  MORE_CANDIDATES,
  type SentenceOptions,
} from './candidates.js';
import type { Prepared } from './prepare.js';
import { MOST_DRAWS, reachOf, type SentenceBank, WIDER } from './sentence-bank.js';
import type { Analysed } from './walk-analysis.js';

/**
 * The best of a few of the bank's sentences not heard yet in this conversation, for this state
 * (and reply, if `options` has one), drawn by `random` from as far as the seat's turns have
 * reached: as `bestSentence` would choose among as many fresh walks, without walking.
 */
export function chooseSentence(
  prepared: Prepared,
  bank: SentenceBank,
  random: () => number,
  options: SentenceOptions,
): Candidate | undefined {
  const reach = reachOf(prepared);
  const sizeBy = (walks: number) =>
    options.anyones === true ? bank.foundBy(walks) : bank.ownFoundBy(walks);
  const chosen = chooseWithin(prepared, bank, sizeBy(reach), random, options);
  if (chosen !== undefined || options.reply === undefined) return chosen;
  // A reply's sentence that its reach cannot give (early in a discussion a seat has said most of
  // what its first walks found, and the rest does not fit) comes from further in the bank, not
  // from fresh walks: the bank's walks are the seat's, kept for its every conversation, where a
  // fresh walk follows this one and is made again at every request. A few turns' reach further
  // at most: a server that has not met the seat walks its bank that far first.
  for (let wider = reach + WIDER; wider <= reach + 2 * WIDER; wider += WIDER) {
    const size = sizeBy(wider);
    const further = chooseWithin(prepared, bank, size, random, options);
    // Only one good enough to say: a low-scoring one in place of the fresh walks left a long
    // discussion's seat with stock lines alone ("I agree with much of that. I see it a little
    // differently. I am not convinced yet."), read as a repeat of its last such turn.
    if (further?.good === true) return further;
  }
  return undefined;
}

/**
 * chooseSentence among the bank's first `size` sentences: of the seat's own, or with
 * `options.anyones`, of all of them.
 */
function chooseWithin(
  prepared: Prepared,
  bank: SentenceBank,
  size: number,
  random: () => number,
  options: SentenceOptions,
): Candidate | undefined {
  // A partial shuffle of the sentences: each draw takes one not drawn yet. Only the places
  // a swap moved are kept (a draw takes a few dozen of hundreds).
  const moved = new Map<number, number>();
  const at = (place: number) => moved.get(place) ?? place;
  let drawn = 0;
  const anyones = options.anyones === true;
  const { view } = prepared;
  const draw = (): Analysed | null => {
    while (drawn < Math.min(size, MOST_DRAWS)) {
      const pick = drawn + Math.floor(random() * (size - drawn));
      const place = at(pick);
      moved.set(pick, at(drawn));
      drawn++;
      const index = anyones ? place : bank.ownAt(place);
      // Heard already: not a candidate at all (a walk could be one, scored down).
      if (!view.alreadySaidHash(bank.hashAt(index))) return bank.at(index) as Analysed;
    }
    return null;
  };
  const greedy = bank.greedy;
  const { temperature } = bank;
  return keepBest(
    prepared,
    options,
    options.walks ?? (greedy ? 3 : CANDIDATES),
    options.walks === undefined ? MORE_CANDIDATES : 0,
    draw,
    () => (greedy ? 0 : random() * temperature * 1.5),
    // Anyone's sentences are no seat's own: each is judged whole.
    options.anyones !== true,
  );
}
