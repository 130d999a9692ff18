// The original project's rule, kept exactly so that tables and seeds from before speaker policies
// give the same discussion: a person's or a reply's choice, else anyone but the last speaker, at
// random; no guards.
import type { Random } from '../random.js';
import type { DiscussionState } from '../state.js';
import type { Choice } from './choose.js';

export function chooseOriginal(
  state: DiscussionState,
  allowed: readonly number[],
  random: Random,
): Choice {
  const floor = state.floor;
  // A person's choice stands; a mention only when it names someone who may speak now.
  if (floor !== undefined && (floor.reason === 'moderator' || allowed.includes(floor.index))) {
    return floor;
  }
  const previous = state.previous;
  if (previous === undefined) return { index: random.pick(allowed), reason: 'first' };
  const others = allowed.length >= 2 ? allowed.filter((index) => index !== previous) : allowed;
  return { index: random.pick(others), reason: 'random' };
}
