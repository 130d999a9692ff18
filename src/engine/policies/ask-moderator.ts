// Asks the LLM moderator who speaks next (a quiet request of its own) and records its decision;
// an answer that cannot be used gives the floor by `fair` instead, and says why.
import type { DiscussionEvent, EventOf } from '../events.js';
import { spokeBefore } from '../floor-record.js';
import type { Random } from '../random.js';
import type { Seat } from '../seats.js';
import type { DiscussionState } from '../state.js';
import { streamReplies } from '../stream-reply.js';
import type { Decision, TurnPlace } from './choose.js';
import { fairWhy, pickFair } from './fair.js';
import { moderatorRequest, readModeratorAnswer } from './moderator.js';

export async function* askModerator(
  state: DiscussionState,
  eligible: readonly number[],
  random: Random,
  place: TurnPlace,
): AsyncGenerator<DiscussionEvent, Decision> {
  const candidates = eligible.map((index) => state.seat(index).participant.name);
  // A resumed run takes the decision it recorded for this turn, rather than asking again.
  const recorded = state.decisions.get(place.turn)?.['moderator-decision'];
  if (recorded !== undefined) return decided(state, recorded, eligible, random, place);
  const active = state.speakers().filter((index) => !state.left.has(index));
  const request = moderatorRequest(
    {
      participants: active.map((index) => state.seat(index).participant),
      context: state.table.task.context,
      topic: state.topic.text,
      entries: state.log.entries,
      candidates,
      proposedEnd: [...state.endVotes].map((index) => state.seat(index).participant.name),
      turnsLeft: place.turnsLeft,
    },
    state.settings.moderator ?? {},
  );
  // The moderator holds no seat; its request borrows the first seat's cleaner, unused when quiet.
  const seat = state.seats[0] as Seat;
  const [reply] = yield* streamReplies(state, [{ request, turn: place.turn, seat, quiet: true }]);
  const usage = reply?.usage ?? { promptTokens: 0, completionTokens: 0, estimated: false };
  state.usage = {
    promptTokens: state.usage.promptTokens + usage.promptTokens,
    completionTokens: state.usage.completionTokens + usage.completionTokens,
    estimated: state.usage.estimated || usage.estimated,
  };
  const read =
    reply === undefined || reply.status === 'failed' || reply.status === 'interrupted'
      ? { ok: false as const, why: reply?.failure?.message ?? 'it did not answer' }
      : readModeratorAnswer(reply.cleaned.text, candidates);
  const decision: EventOf<'moderator-decision'> = read.ok
    ? {
        type: 'moderator-decision',
        turn: place.turn,
        next: read.choice.next === '' ? undefined : read.choice.next,
        reason: read.choice.reason,
        steer: read.choice.steer,
        action: read.choice.action,
        usage,
      }
    : {
        type: 'moderator-decision',
        turn: place.turn,
        action: 'continue',
        fallback: read.why,
        usage,
      };
  yield decision;
  return decided(state, decision, eligible, random, place);
}

/** What a decision means for the turn; one the moderator could not make falls back to fair. */
function decided(
  state: DiscussionState,
  decision: EventOf<'moderator-decision'>,
  eligible: readonly number[],
  random: Random,
  place: TurnPlace,
): Decision {
  const unheard = state
    .speakers()
    .filter((index) => !state.left.has(index) && !state.record.some((e) => e.index === index));
  // An end proposed before every seat has spoken is not taken: the discussion has not begun.
  const early = decision.action === 'end' && unheard.length > 0;
  if (decision.action === 'end' && !early) return { kind: 'end' };
  const index = decision.next === undefined ? -1 : state.indexOf(decision.next);
  if (decision.fallback !== undefined || !eligible.includes(index)) {
    const fair = pickFair(state.record, eligible, place.step, random);
    const why = early
      ? 'the moderator proposed to end before everyone had spoken'
      : "the moderator's answer could not be used";
    return {
      kind: 'speak',
      choice: {
        index: fair,
        reason: 'fair',
        why: `${why}; ${fairWhy(state.record, fair, place.step, spokeBefore(state, fair))}`,
      },
      nextTopic: false,
    };
  }
  return {
    kind: 'speak',
    choice: {
      index,
      reason: 'llm-moderator',
      why: early
        ? `${decision.reason} (not yet the end: not everyone has spoken)`
        : decision.reason,
      steer: decision.steer,
    },
    nextTopic: decision.action === 'next-topic',
  };
}
