// The phases in which every seat answers at once: the blind opening, the closing positions, and
// Du et al.'s rounds, each round hearing all of the previous one.
import type { DiscussionEvent } from '../events.js';
import type { HistoryEntry } from '../history.js';
import type { Outcome } from '../outcome.js';
import type { DiscussionState } from '../state.js';
import { answerRequest, runBatch } from './parallel.js';
import {
  CLOSING_PROMPT,
  FIRST_ROUND_PROMPT,
  NEXT_ROUND_PROMPT,
  OPENING_PROMPT,
  phaseTitle,
} from './prompts.js';
import type { PhaseKindOf } from './spec.js';

/** Every seat states its position, none having heard another's: the requests go out together. */
export function runOpening(
  state: DiscussionState,
  spec: PhaseKindOf<'opening'>,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const prompt = spec.prompt ?? OPENING_PROMPT;
  return runBatch(state, {
    kind: 'opening',
    title: phaseTitle(spec),
    seats: state.speakers(),
    request: (seat, turn) => answerRequest(state, seat, turn, prompt),
  });
}

/** Every seat states its final position, having heard the whole discussion. */
export function runClosing(
  state: DiscussionState,
  spec: PhaseKindOf<'closing'>,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const prompt = spec.prompt ?? CLOSING_PROMPT;
  return runBatch(state, {
    kind: 'closing',
    title: phaseTitle(spec),
    seats: state.speakers(),
    request: (seat, turn) => answerRequest(state, seat, turn, prompt),
  });
}

export async function* runRounds(
  state: DiscussionState,
  spec: PhaseKindOf<'rounds'>,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const rounds = Math.max(1, spec.rounds ?? state.settings.rounds ?? DEFAULT_ROUNDS);
  for (; state.round <= rounds; state.round += 1) {
    const round = state.round;
    const first = state.roundTurns?.first ?? state.turnsTaken + 1;
    const previous = state.roundTurns?.previous ?? first;
    const prompt = spec.prompt ?? (round === 1 ? FIRST_ROUND_PROMPT : NEXT_ROUND_PROMPT);
    const start = state.turnsTaken + 1;
    const outcome = yield* runBatch(state, {
      kind: 'rounds',
      title: phaseTitle(spec, round, rounds),
      round,
      rounds,
      seats: state.speakers(),
      request: (seat, turn) =>
        answerRequest(state, seat, turn, prompt, heardInRound(state.log.entries, first, previous)),
    });
    if (outcome !== 'continue') return outcome;
    if (state.wrapUp) break;
    state.roundTurns = { first, previous: start };
  }
  state.roundTurns = undefined;
  return 'continue';
}

export const DEFAULT_ROUNDS = 2;

/** Everything but this phase's rounds before the previous one (turns first ≤ turn < previous). */
export function heardInRound(
  entries: readonly HistoryEntry[],
  first: number,
  previous: number,
): readonly HistoryEntry[] {
  return entries.filter(
    (entry) =>
      entry.kind !== 'turn' ||
      entry.turn === undefined ||
      entry.turn < first ||
      entry.turn >= previous,
  );
}
