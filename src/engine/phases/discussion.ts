// The free discussion: turns under the scheduler until the turns run out, the moderator wraps
// up, or the discussion ends.
import { conversationFor } from '../conversation.js';
import type { DiscussionEvent } from '../events.js';
import { errorEvent, type Outcome, settleReply } from '../outcome.js';
import { createRandom, deriveSeed, type Random } from '../random.js';
import { buildTurnRequest, guidanceText, type TurnGuidance } from '../request.js';
import { safePoint } from '../safe-point.js';
import { directivesFor, leastDiscussed } from '../schedule.js';
import type { DiscussionState, Floor } from '../state.js';
import { streamReply } from '../stream-reply.js';
import { changeTopic } from '../topics.js';
import { phaseTitle } from './prompts.js';
import type { PhaseKindOf } from './spec.js';

type DiscussionSpec = PhaseKindOf<'discussion'>;

export async function* runDiscussionPhase(
  state: DiscussionState,
  spec: DiscussionSpec,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const phase = state.phaseIndex;
  const turns = spec.turns ?? state.settings.turns;
  while (state.phaseTurns < turns) {
    const turn = state.turnsTaken + 1;
    const gate = yield* safePoint(state, turn);
    if (gate === 'stop') return 'stopped';
    if (gate === 'interrupted') return 'interrupted';
    if (gate === 'wrap-up') break;
    if (!state.phaseStarted) {
      state.phaseStarted = true;
      yield {
        type: 'phase-started',
        phase,
        kind: 'discussion',
        title: phaseTitle(spec),
        parallel: false,
        seats: state.speakers().map((index) => state.seat(index).participant.seat),
      };
    }
    const outcome = yield* runTurn(state, spec, turn, turns);
    if (outcome !== 'continue') return outcome;
  }
  // A phase wrapped up before its first turn never began: it has no end to record.
  if (!state.phaseStarted) return 'continue';
  state.phaseStarted = false;
  yield {
    type: 'phase-ended',
    phase,
    kind: 'discussion',
    reason: state.wrapUp ? state.wrapUpReason : 'done',
  };
  return 'continue';
}

async function* runTurn(
  state: DiscussionState,
  spec: DiscussionSpec,
  turn: number,
  turns: number,
): AsyncGenerator<DiscussionEvent, Outcome> {
  // The turn's place in this phase: what its guidance counts and its directives go by.
  const step = state.phaseTurns + 1;
  // A stream of its own per turn, always drawn in the same order: the same seed gives the
  // same draws whatever the replies were, and a resumed run stays on the same path.
  const random = createRandom(deriveSeed(state.seed, turn));
  const changeTopicNow = random.chance(state.pTopic);
  const inviteOpinions = random.chance(state.pInvite);

  if (step > 1 && changeTopicNow && !state.moderatorChangedTopic) {
    const index = leastDiscussed(state.topicTurns, state.topic.index);
    if (index !== state.topic.index) {
      yield* changeTopic(state, { index, text: state.question(index) }, turn, 'schedule');
    }
  }

  const { index, reason, why } = chooseSpeaker(state, spec, random);
  const seat = state.seat(index);
  const { participant } = seat;
  const phaseSettings = { ...state.settings, turns };
  const directives = directivesFor(step, phaseSettings, inviteOpinions);
  const turnsLeft = turns - step;
  const topic = state.topic;
  const topicChanged = state.topicFresh;
  state.topicFresh = false;
  state.moderatorChangedTopic = false;
  if (topic.index >= 0) state.topicTurns[topic.index] = (state.topicTurns[topic.index] ?? 0) + 1;
  state.turnsTaken = turn;
  state.phaseTurns = step;

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
    why,
    phase: state.phaseIndex,
  };
  const guidance: TurnGuidance = {
    turn: step,
    turns,
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
    state.log.append({
      kind: 'turn',
      seat: participant.seat,
      speaker: participant.name,
      text,
      turn,
    });
    seat.heard += 1;
    seat.firstHeard ??= turn;
    const mentioned = seat.mentions.last(text);
    if (mentioned !== undefined) {
      state.floor = {
        index: state.indexOf(mentioned),
        reason: 'mention',
        why: `named by ${participant.name}`,
      };
    }
  }
  return yield* settleReply(state, reply, turn);
}

/** The seats that may have the floor now: not the officials, and on the side whose turn it is. */
function candidates(state: DiscussionState, spec: DiscussionSpec): number[] {
  const speakers = state.speakers();
  if (spec.alternate !== 'sides') return speakers;
  const sides = sidesOf(state, speakers);
  if (sides.length < 2) return speakers;
  const previousSide =
    state.previous === undefined ? undefined : sideKey(state.seat(state.previous).participant.side);
  const at = previousSide === undefined ? -1 : sides.indexOf(previousSide);
  const next = sides[(at + 1) % sides.length];
  return speakers.filter((index) => sideKey(state.seat(index).participant.side) === next);
}

const sideKey = (side: string | undefined): string => side?.trim().toLowerCase() ?? '';

/** The sides in the order they first appear at the table. */
function sidesOf(state: DiscussionState, speakers: readonly number[]): string[] {
  return [...new Set(speakers.map((index) => sideKey(state.seat(index).participant.side)))];
}

function chooseSpeaker(state: DiscussionState, spec: DiscussionSpec, random: Random): Floor {
  const allowed = candidates(state, spec);
  if (state.floor !== undefined) {
    // A person's choice stands; a mention only when it names someone who may speak now.
    if (state.floor.reason === 'moderator' || allowed.includes(state.floor.index))
      return state.floor;
  }
  const previous = state.previous;
  if (previous === undefined) return { index: random.pick(allowed), reason: 'first' };
  const others = allowed.length >= 2 ? allowed.filter((index) => index !== previous) : allowed;
  return { index: random.pick(others), reason: 'random' };
}
