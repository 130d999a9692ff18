// The closing summary: the seat heard most summarizes the whole discussion in a request of its
// own.
import { conversationFor } from '../conversation.js';
import type { DiscussionEvent } from '../events.js';
import { errorEvent, type Outcome, settleReply } from '../outcome.js';
import { buildSummaryRequest, summaryText } from '../request.js';
import { safePoint } from '../safe-point.js';
import { chooseSummarizer } from '../schedule.js';
import type { DiscussionState } from '../state.js';
import { streamReply } from '../stream-reply.js';

export async function* runSummaryPhase(
  state: DiscussionState,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const turn = state.turnsTaken + 1;
  const gate = yield* safePoint(state, turn);
  if (gate === 'stop') return 'stopped';
  if (gate === 'interrupted') return 'interrupted';
  return yield* runSummary(state, turn);
}

async function* runSummary(
  state: DiscussionState,
  turn: number,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const index = chooseSummarizer(
    state.seats.map((seat) => ({
      turns: seat.heard,
      firstTurn: seat.firstHeard,
      human: seat.participant.human === true,
    })),
  );
  if (index === undefined) return 'continue';
  const seat = state.seat(index);
  const { participant } = seat;
  yield {
    type: 'turn-started',
    turn,
    kind: 'summary',
    seat: participant.seat,
    speaker: participant.name,
    model: participant.model,
    topic: state.topic,
    directives: [],
    turnsLeft: 0,
    reason: 'moderator',
  };
  const request = buildSummaryRequest({
    table: state.table,
    settings: state.settings,
    participant,
    conversation: yield* conversationFor(
      state,
      turn,
      seat,
      summaryText(state.table.task.summarize),
    ),
    system: seat.system,
  });
  const reply = yield* streamReply(state, request, turn, seat);
  state.context?.observe(participant, request, reply.usage);
  if (reply.failure !== undefined) yield errorEvent(reply.failure, turn, participant);
  yield {
    type: 'summary',
    seat: participant.seat,
    speaker: participant.name,
    text: reply.cleaned.text,
    usage: reply.usage,
    status: reply.status,
    ...(reply.cutOff === undefined ? {} : { cutOff: reply.cutOff }),
  };
  return yield* settleReply(state, reply, turn);
}
