// The free discussion: turns under the speaker policy until the turns run out, the moderator
// wraps up or decides to end, most of the table proposes to end, or the discussion ends.
import { consensusReached } from '../consensus-check.js';
import type { DiscussionEvent, PhaseEndReason } from '../events.js';
import type { Outcome } from '../outcome.js';
import { safePoint } from '../safe-point.js';
import { budgetWrapUp } from '../spending.js';
import type { DiscussionState } from '../state.js';
import { runDiscussionTurn } from './discussion-turn.js';
import { phaseTitle } from './prompts.js';
import type { PhaseKindOf, SpeakerPolicy } from './spec.js';

type DiscussionSpec = PhaseKindOf<'discussion'>;

export async function* runDiscussionPhase(
  state: DiscussionState,
  spec: DiscussionSpec,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const phase = state.phaseIndex;
  const turns = spec.turns ?? state.settings.turns;
  const policy: SpeakerPolicy = spec.speakerPolicy ?? state.settings.speakerPolicy ?? 'original';
  let ended: PhaseEndReason | undefined;
  while (state.phaseTurns < turns) {
    const turn = state.turnsTaken + 1;
    const gate = yield* safePoint(state, turn);
    if (gate === 'stop') return 'stopped';
    if (gate === 'interrupted') return 'interrupted';
    if (gate === 'wrap-up') break;
    // budgetTokens / budgetUsd: the closing phases start while they still fit (issue 10).
    if (yield* budgetWrapUp(state, turn, { policy, turnsLeft: turns - state.phaseTurns - 1 }))
      break;
    if (!state.phaseStarted) {
      state.phaseStarted = true;
      state.record = [];
      yield {
        type: 'phase-started',
        phase,
        kind: 'discussion',
        title: phaseTitle(spec),
        parallel: false,
        seats: state.speakers().map((index) => state.seat(index).participant.seat),
      };
    }
    ended = policy === 'original' ? undefined : tableWantsEnd(state);
    if (ended !== undefined) break;
    const outcome = yield* runDiscussionTurn(state, spec, policy, turn, turns);
    if (outcome === 'moderator-end') {
      ended = 'moderator';
      break;
    }
    if (outcome !== 'continue') return outcome;
    // stopWhen: consensus: a quiet check every consensusCheckEvery turns (issue 10).
    if (yield* consensusReached(state, turn, turns - state.phaseTurns)) break;
  }
  // A phase wrapped up before its first turn never began: it has no end to record.
  if (!state.phaseStarted) return 'continue';
  state.phaseStarted = false;
  yield {
    type: 'phase-ended',
    phase,
    kind: 'discussion',
    reason: state.wrapUp ? state.wrapUpReason : (ended ?? 'done'),
  };
  // What the moderator and the guards knew of this phase does not carry into the next.
  state.record = [];
  return 'continue';
}

/** Most seats still at the table proposed to end ([end]), or too few are left to talk. */
function tableWantsEnd(state: DiscussionState): PhaseEndReason | undefined {
  const active = state.speakers();
  if (state.left.size > 0 && active.length < 2) return 'all-left';
  const votes = active.filter((index) => state.endVotes.has(index)).length;
  return active.length > 0 && votes * 2 > active.length ? 'majority' : undefined;
}
