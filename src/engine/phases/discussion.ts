// The free discussion: turns under the scheduler until the turns run out, the moderator wraps
// up, or the discussion ends.
import { conversationFor } from '../conversation.js';
import type { DiscussionEvent, FloorReason } from '../events.js';
import { errorEvent, type Outcome, settleReply } from '../outcome.js';
import { createRandom, deriveSeed, type Random } from '../random.js';
import { buildTurnRequest, guidanceText, type TurnGuidance } from '../request.js';
import { safePoint } from '../safe-point.js';
import { directivesFor, leastDiscussed } from '../schedule.js';
import type { DiscussionState } from '../state.js';
import { streamReply } from '../stream-reply.js';
import { changeTopic } from '../topics.js';

export async function* runDiscussionPhase(
  state: DiscussionState,
): AsyncGenerator<DiscussionEvent, Outcome> {
  for (let turn = state.turnsTaken + 1; turn <= state.settings.turns; turn++) {
    const gate = yield* safePoint(state, turn);
    if (gate === 'stop') return 'stopped';
    if (gate === 'interrupted') return 'interrupted';
    if (gate === 'wrap-up') break;
    const outcome = yield* runTurn(state, turn);
    if (outcome !== 'continue') return outcome;
  }
  return 'continue';
}

async function* runTurn(
  state: DiscussionState,
  turn: number,
): AsyncGenerator<DiscussionEvent, Outcome> {
  // A stream of its own per turn, always drawn in the same order: the same seed gives the
  // same draws whatever the replies were, and a resumed run stays on the same path.
  const random = createRandom(deriveSeed(state.seed, turn));
  const changeTopicNow = random.chance(state.pTopic);
  const inviteOpinions = random.chance(state.pInvite);

  if (turn > 1 && changeTopicNow && !state.moderatorChangedTopic) {
    const index = leastDiscussed(state.topicTurns, state.topic.index);
    if (index !== state.topic.index) {
      yield* changeTopic(state, { index, text: state.question(index) }, turn, 'schedule');
    }
  }

  const { index, reason } = chooseSpeaker(state, random);
  const seat = state.seat(index);
  const { participant } = seat;
  const directives = directivesFor(turn, state.settings, inviteOpinions);
  const turnsLeft = state.settings.turns - turn;
  const topic = state.topic;
  const topicChanged = state.topicFresh;
  state.topicFresh = false;
  state.moderatorChangedTopic = false;
  if (topic.index >= 0) state.topicTurns[topic.index] = (state.topicTurns[topic.index] ?? 0) + 1;
  state.turnsTaken = turn;

  yield {
    type: 'turn-started',
    turn,
    kind: 'turn',
    seat: participant.seat,
    speaker: participant.name,
    model: participant.model,
    topic,
    directives,
    turnsLeft,
    reason,
  };
  const guidance: TurnGuidance = {
    turn,
    turns: state.settings.turns,
    topic,
    topicChanged,
    directives,
    turnsLeft,
    introduce: state.settings.introductions && !seat.hadFloor,
  };
  const request = buildTurnRequest({
    table: state.table,
    settings: state.settings,
    participant,
    conversation: yield* conversationFor(state, turn, seat, guidanceText(participant, guidance)),
    system: seat.system,
    guidance,
  });
  seat.hadFloor = true;
  const reply = yield* streamReply(state, request, turn, seat);
  state.context?.observe(participant, request, reply.usage);
  const text = reply.cleaned.text;
  if (reply.failure !== undefined) yield errorEvent(reply.failure, turn, participant);
  yield {
    type: 'turn-ended',
    turn,
    seat: participant.seat,
    speaker: participant.name,
    text,
    status: reply.status,
    usage: reply.usage,
    cut: reply.cleaned.cut,
    ...(reply.cutOff === undefined ? {} : { cutOff: reply.cutOff }),
  };

  state.previous = index;
  state.floor = undefined;
  if (reply.status !== 'failed' && reply.status !== 'interrupted' && text.length > 0) {
    state.log.append({ kind: 'turn', seat: participant.seat, speaker: participant.name, text });
    seat.heard += 1;
    seat.firstHeard ??= turn;
    const mentioned = seat.mentions.last(text);
    if (mentioned !== undefined)
      state.floor = { index: state.indexOf(mentioned), reason: 'mention' };
  }
  return yield* settleReply(state, reply, turn);
}

function chooseSpeaker(
  state: DiscussionState,
  random: Random,
): { index: number; reason: FloorReason } {
  if (state.floor !== undefined) return state.floor;
  const all = state.seats.map((_, index) => index);
  const previous = state.previous;
  if (previous === undefined) return { index: random.pick(all), reason: 'first' };
  const others = all.length >= 2 ? all.filter((index) => index !== previous) : all;
  return { index: random.pick(others), reason: 'random' };
}
