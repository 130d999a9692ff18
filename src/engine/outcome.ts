// What a finished request means for the discussion: go on, or end and why.
import type { DiscussionEvent, EndReason, TurnStatus } from './events.js';
import type { Failure, Reply } from './reply.js';
import type { DiscussionState } from './state.js';
import type { Participant } from './table.js';
import { addUsage } from './usage.js';

/** A dead endpoint should not burn every remaining turn. */
export const MAX_CONSECUTIVE_FAILURES = 3;

export type Outcome = 'continue' | Exclude<EndReason, 'completed'>;

/** Counts the reply's usage and failure; says whether the discussion goes on. */
export async function* settleReply(
  state: DiscussionState,
  reply: Reply,
  turn: number,
): AsyncGenerator<DiscussionEvent, Outcome> {
  state.usage = addUsage(state.usage, reply.usage);
  if (reply.status === 'interrupted') return 'interrupted';
  if (reply.status !== 'failed') {
    state.failures = 0;
    return 'continue';
  }
  state.failures += 1;
  const failure = reply.failure;
  if (failure?.fatal === true) return 'failed';
  if (state.failures >= MAX_CONSECUTIVE_FAILURES) {
    yield {
      type: 'error',
      turn,
      kind: failure?.kind ?? 'unknown',
      message: `Ending the discussion: ${state.failures} turns in a row failed.`,
      fatal: true,
    };
    return 'failed';
  }
  // 'failed', not 'stopped': the run ends cleanly, but a script must not mistake it for success.
  return state.settings.onError === 'stop' ? 'failed' : 'continue';
}

/**
 * The same for the replies of a parallel phase, which end together: `fresh` are this run's
 * replies (their usage counts now), `statuses` every reply of the phase in turn order (the
 * failure streak runs through them as `resume.ts` replays it).
 */
export async function* settleReplies(
  state: DiscussionState,
  fresh: readonly Reply[],
  statuses: readonly TurnStatus[],
  turn: number,
): AsyncGenerator<DiscussionEvent, Outcome> {
  for (const reply of fresh) state.usage = addUsage(state.usage, reply.usage);
  if (fresh.some((reply) => reply.status === 'interrupted')) return 'interrupted';
  const failed = fresh.filter((reply) => reply.status === 'failed');
  for (const status of statuses) state.failures = status === 'failed' ? state.failures + 1 : 0;
  if (failed.length === 0) return 'continue';
  if (failed.some((reply) => reply.failure?.fatal === true)) return 'failed';
  if (state.failures >= MAX_CONSECUTIVE_FAILURES) {
    yield {
      type: 'error',
      turn,
      kind: failed[0]?.failure?.kind ?? 'unknown',
      message: `Ending the discussion: ${state.failures} turns in a row failed.`,
      fatal: true,
    };
    return 'failed';
  }
  return state.settings.onError === 'stop' ? 'failed' : 'continue';
}

export function errorEvent(
  failure: Failure,
  turn: number,
  participant: Participant,
): DiscussionEvent {
  return { type: 'error', turn, speaker: participant.name, ...failure };
}
