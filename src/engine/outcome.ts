// What a finished request means for the discussion: go on, or end and why.
import type { DiscussionEvent, EndReason } from './events.js';
import type { DiscussionState } from './state.js';
import type { Failure, Reply } from './stream-reply.js';
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

export function errorEvent(
  failure: Failure,
  turn: number,
  participant: Participant,
): DiscussionEvent {
  return { type: 'error', turn, speaker: participant.name, ...failure };
}
