// Who may have the floor in a discussion phase: the seats still at the table that are not
// officials, and, when the floor alternates between the sides, those on the side whose turn it is.
import type { DiscussionState } from '../state.js';
import type { PhaseKindOf } from './spec.js';

export function floorCandidates(state: DiscussionState, spec: PhaseKindOf<'discussion'>): number[] {
  const speakers = state.speakers();
  if (spec.alternate !== 'sides') return speakers;
  const sides = sidesAt(state, speakers);
  if (sides.length < 2) return speakers;
  const previous = state.previous === undefined ? undefined : sideOf(state, state.previous);
  const at = previous === undefined ? -1 : sides.indexOf(previous);
  const next = sides[(at + 1) % sides.length];
  return speakers.filter((index) => sideOf(state, index) === next);
}

/** How many sides take turns in this phase: 1 when the floor does not alternate. */
export function alternatingSides(state: DiscussionState, spec: PhaseKindOf<'discussion'>): number {
  return spec.alternate === 'sides' ? sidesAt(state, state.speakers()).length : 1;
}

const sidesAt = (state: DiscussionState, speakers: readonly number[]): string[] => [
  ...new Set(speakers.map((index) => sideOf(state, index))),
];

const sideOf = (state: DiscussionState, index: number): string =>
  state.seat(index).participant.side?.trim().toLowerCase() ?? '';
