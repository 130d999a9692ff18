// A seat's view of the history for its next request, trimmed to its context window when it has
// a budget.
import type { DiscussionEvent } from './events.js';
import { type HistoryEntry, seatConversation } from './history.js';
import type { ChatMessage } from './model.js';
import { maxTokensFor } from './request.js';
import type { Seat } from './seats.js';
import type { DiscussionState } from './state.js';
import { addUsage } from './usage.js';

/**
 * @param entries what the seat hears, when not the whole history (a round hears only the
 *   previous round of its phase)
 */
export async function* conversationFor(
  state: DiscussionState,
  turn: number,
  seat: Seat,
  last: string,
  entries?: readonly HistoryEntry[],
): AsyncGenerator<DiscussionEvent, readonly ChatMessage[]> {
  const whole =
    entries === undefined
      ? state.log.conversation(seat.participant.seat)
      : seatConversation(entries, seat.participant.seat);
  if (state.context === undefined) return whole;
  const fitted = await state.context.fit({
    turn,
    participant: seat.participant,
    system: seat.system,
    entries: entries ?? state.log.entries,
    last,
    maxTokens: maxTokensFor(seat.participant, state.settings),
  });
  if (fitted.usage !== undefined) state.usage = addUsage(state.usage, fitted.usage);
  if (fitted.event !== undefined) yield fitted.event;
  return fitted.conversation ?? whole;
}
