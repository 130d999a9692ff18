// Runs a discussion's phases in order. Each kind of phase is a file of its own; this table is
// where a new kind is plugged in.
import type { DiscussionEvent, EndReason, PhaseKind } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { DiscussionState } from '../state.js';
import { runClosing, runOpening, runRounds } from './answers.js';
import { runDiscussionPhase } from './discussion.js';
import { runPositionsPhase } from './positions.js';
import { runReview } from './review.js';
import type { PhaseKindOf, PhaseSpec } from './spec.js';
import { runSummaryPhase } from './summary.js';

type Runner<K extends PhaseKind> = (
  state: DiscussionState,
  spec: PhaseKindOf<K>,
) => AsyncGenerator<DiscussionEvent, Outcome>;

const RUNNERS: { readonly [K in PhaseKind]: Runner<K> } = {
  // With closing positions on, the opening's are structured too, so changes of mind show.
  opening: (state, spec) =>
    state.settings.closing === true
      ? runPositionsPhase(state, spec, 'opening')
      : runOpening(state, spec),
  discussion: runDiscussionPhase,
  rounds: runRounds,
  review: runReview,
  // The setting `closing` makes it structured; a debate's closing statements are prose otherwise.
  closing: (state, spec) =>
    state.settings.closing === true
      ? runPositionsPhase(state, spec, 'closing')
      : runClosing(state, spec),
  summary: runSummaryPhase,
};

/** After a wrap-up (or the time limit) only these still run. */
const CLOSING_KINDS: ReadonlySet<PhaseKind> = new Set(['closing', 'summary']);

/** The phases from where the state stands to the end; how the discussion ended. */
export async function* runPhases(
  state: DiscussionState,
): AsyncGenerator<DiscussionEvent, EndReason> {
  for (; state.phaseIndex < state.phases.length; nextPhase(state)) {
    const spec = state.phases[state.phaseIndex] as PhaseSpec;
    if (state.wrapUp && !state.phaseStarted && !CLOSING_KINDS.has(spec.kind)) continue;
    const outcome = yield* run(state, spec);
    if (outcome !== 'continue') return outcome;
  }
  return 'completed';
}

function run(state: DiscussionState, spec: PhaseSpec): AsyncGenerator<DiscussionEvent, Outcome> {
  const runner = RUNNERS[spec.kind] as Runner<typeof spec.kind>;
  return runner(state, spec as never);
}

function nextPhase(state: DiscussionState): void {
  state.phaseIndex += 1;
  state.phaseStarted = false;
  state.phaseTurns = 0;
  state.round = 1;
  state.roundTurns = undefined;
}
