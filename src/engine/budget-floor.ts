// The least a budget must hold: the end of the run (its closing answers or statements, the
// summary and its record) at its worst, every reply at its maxTokens, as the moderator reserves
// it before the first turn; for a resumed run, what was spent plus what the end still needs. A
// budget below it cannot be kept (the end always runs), so the run is refused before it starts.

import { startingState } from './discussion.js';
import type { DiscussionOptions } from './discussion-options.js';
import { maxTokensFor } from './request.js';
import type { Amount, EndPart } from './spend-estimate.js';
import { add, endCost, endCounted, spent } from './spend-estimate.js';
import { firstStepNeed } from './spending.js';

export interface BudgetFloor {
  /** What a resumed run's recorded events spent; nothing for a new run. */
  readonly spent: Amount;
  /** What the end still needs, every reply at its maxTokens. */
  readonly end: Amount;
  /** `spent` + `end`: the least `budgetTokens` and `budgetUsd` that hold the end. */
  readonly least: Amount;
  readonly parts: readonly EndPart[];
  /**
   * The least budget under which the run takes its next step (its first turn, or its first
   * parallel phase) before the end; a budget between \`least\` and this wraps up at once.
   * Undefined when only the end is left.
   */
  readonly firstStep: Amount | undefined;
  /** "4 closing answers + the summary + its record at maxTokens 400". */
  readonly covers: string;
}

/** Sends nothing: the floor is worked out from the table, the settings and the prices. */
const nothingSent = (): AsyncIterable<never> => {
  throw new Error('budgetFloor sends no request');
};

export function budgetFloor(options: Omit<DiscussionOptions, 'model'>): BudgetFloor {
  const { state } = startingState({ ...options, model: nothingSent });
  const end = endCost(state, 0, 'current');
  const before = spent(state);
  const replies = [
    ...new Set(
      state.seats
        .filter((seat) => seat.participant.human !== true)
        .map((seat) => maxTokensFor(seat.participant, state.settings)),
    ),
  ].sort((a, b) => a - b);
  const at =
    replies.length <= 1
      ? `maxTokens ${replies[0] ?? state.settings.maxTokens}`
      : `each seat's maxTokens (${replies[0]}–${replies.at(-1)})`;
  return {
    spent: before,
    end: end.cost,
    least: add(before, end.cost),
    parts: end.parts,
    firstStep: firstStepNeed(state),
    covers: end.parts.length === 0 ? 'nothing' : `${endCounted(end.parts)} at ${at}`,
  };
}
