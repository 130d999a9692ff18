// Who may have the floor in a discussion phase: the seats still at the table that are not
// officials, and, when the floor alternates between the sides, those on the side whose turn it is.
import type { DiscussionState } from '../state.js';
import type { PhaseKindOf } from './spec.js';

export function floorCandidates(state: DiscussionState, spec: PhaseKindOf<'discussion'>): number[] {
  return answeringSide(state, spec, state.previous) ?? state.speakers();
}

/**
 * Who may answer `speaker` when the floor alternates between sides: the seats of the side after
 * its own (the first side when nobody spoke yet). An invitation asks them: the speaker's own side
 * cannot speak next. Undefined when the floor does not alternate (or one side is at the table).
 */
export function answeringSide(
  state: DiscussionState,
  spec: PhaseKindOf<'discussion'>,
  speaker: number | undefined,
): number[] | undefined {
  if (spec.alternate !== 'sides') return undefined;
  const speakers = state.speakers();
  const sides = sidesAt(state, speakers);
  if (sides.length < 2) return undefined;
  const side = speaker === undefined ? undefined : sideOf(state, speaker);
  const at = side === undefined ? -1 : sides.indexOf(side);
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
