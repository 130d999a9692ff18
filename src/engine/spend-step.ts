// What comes before the next budget check, counted at its worst: a discussion turn (its reply
// aside, with whatever the speaker policy and a due consensus check ask around it) or a parallel
// phase (every seat's answer), and how much the history may grow by, which the end then hears.

import { DEFAULT_CHECK_EVERY } from './consensus-check.js';
import type { PhaseKind } from './events.js';
import { positionsMaxTokens, questionsAsked } from './phases/positions.js';
import type { SpeakerPolicy } from './phases/spec.js';
import { BID_TOKENS, bidRequest } from './policies/bid.js';
import { moderatorRequest } from './policies/moderator.js';
import { maxTokensFor } from './request.js';
import type { Seat } from './seats.js';
import {
  type Amount,
  add,
  estimated,
  longestReply,
  NOTHING,
  positionsCost,
  requestCost,
} from './spend-estimate.js';
import type { DiscussionState } from './state.js';
import { estimateTokens } from './usage.js';

/** Where the next turn stands: how its speaker is chosen, and how many turns follow it. */
export interface TurnAhead {
  readonly policy: SpeakerPolicy;
  /** Discussion turns left in the phase after this one. */
  readonly turnsLeft: number;
}

/**
 * The requests that come with a turn besides its reply: the LLM moderator's choice of speaker,
 * or every seat's bid, before it; a consensus check after it when one is due. Each is counted
 * whole, even when a guard or a name would give the floor without asking: the estimate errs high.
 */
function aroundTurn(state: DiscussionState, ahead: TurnAhead): { cost: Amount; words: string[] } {
  let cost = NOTHING;
  const words: string[] = [];
  const seats = state.speakers().map((index) => state.seat(index));
  if (ahead.policy === 'moderator') {
    const request = moderatorRequest(
      {
        participants: seats.map((seat) => seat.participant),
        context: state.table.task.context,
        topic: state.topic.text,
        entries: state.log.entries,
        candidates: seats.map((seat) => seat.participant.name),
        proposedEnd: [...state.endVotes].map((index) => state.seat(index).participant.name),
        turnsLeft: ahead.turnsLeft,
      },
      state.settings.moderator ?? {},
    );
    // The answer's JSON schema is sent with it, and counted as prompt by most endpoints.
    const schema = estimateTokens(JSON.stringify(request.responseFormat ?? ''));
    cost = estimated(state, 0, request.messages, request.maxTokens, schema);
    words.push("the moderator's choice of speaker");
  } else if (ahead.policy === 'bid') {
    for (const seat of seats) {
      if (seat.participant.human === true) continue;
      const { participant } = seat;
      const conversation = state.log.conversation(participant.seat);
      const request = bidRequest(state.settings, participant, seat.system, conversation);
      cost = add(cost, estimated(state, participant.seat, request.messages, BID_TOKENS));
    }
    words.push("every seat's bid");
  }
  const every = state.settings.consensusCheckEvery ?? DEFAULT_CHECK_EVERY;
  const checkDue =
    state.settings.stopWhen === 'consensus' &&
    ahead.turnsLeft > 0 &&
    (state.phaseTurns + 1) % every === 0 &&
    questionsAsked(state).some((q) => q.options.length > 0);
  if (checkDue) {
    cost = add(cost, positionsCost(state, longestReply(state)));
    words.push('a consensus check');
  }
  return { cost, words };
}

/**
 * What the next turn's own reply is counted at. The run may pass its budget by one reply's
 * maxTokens, and this is that reply: the check before the turn still holds the end at its worst
 * with the reply in the history at full length, so whatever the reply says, the next check
 * wraps up and the end fits. Under `onRepeat: regenerate` a turn may speak twice, and the
 * second reply is counted whole.
 */
function turnReply(state: DiscussionState, seat: Seat): number {
  return state.settings.onRepeat === 'regenerate'
    ? maxTokensFor(seat.participant, state.settings)
    : 0;
}

/** The most a turn by any seat may cost now (the speaker is not chosen yet), its reply aside. */
function nextTurnCost(state: DiscussionState): Amount {
  return state
    .speakers()
    .map((index) => {
      const seat = state.seat(index);
      return requestCost(state, seat, turnReply(state, seat));
    })
    .reduce((max, cost) => (cost.tokens > max.tokens ? cost : max), NOTHING);
}

/** What comes before the next check: its cost (replies at their longest but a turn's own), in words. */
export interface Step {
  readonly cost: Amount;
  /** Tokens the history may grow by, which every request of the end then hears. */
  readonly heard: number;
  readonly what: string;
  readonly details: readonly string[];
}

export function turnStep(state: DiscussionState, ahead: TurnAhead): Step {
  const around = aroundTurn(state, ahead);
  return {
    cost: add(nextTurnCost(state), around.cost),
    heard: longestReply(state),
    what: 'another turn',
    details: [
      state.settings.onRepeat === 'regenerate' ? 'with one reply' : 'before its reply',
      ...(around.words.length === 0 ? [] : [`with ${around.words.join(' and ')}`]),
    ],
  };
}

export interface BatchAhead {
  readonly kind: PhaseKind;
  readonly title: string;
  readonly seats: readonly number[];
}

export function batchStep(state: DiscussionState, batch: BatchAhead): Step {
  const asked = batch.seats
    .map((index) => state.seat(index))
    .filter((s) => s.participant.human !== true);
  const positions = batch.kind === 'opening' && state.settings.closing === true;
  const questions = Math.max(1, questionsAsked(state).length);
  const replyOf = (seat: Seat) =>
    positions
      ? positionsMaxTokens(state, seat, questions)
      : maxTokensFor(seat.participant, state.settings);
  const cost = asked.map((seat) => requestCost(state, seat, replyOf(seat))).reduce(add, NOTHING);
  const noun = batch.kind === 'review' ? 'review' : 'answer';
  return {
    cost,
    // Every answer is heard by the end, each under a line that names its seat.
    heard: asked.reduce((sum, seat) => sum + replyOf(seat) + 20, 0),
    what: `the ${batch.title.toLowerCase()}`,
    details: [`${asked.length} ${noun}${asked.length === 1 ? '' : 's'}`],
  };
}
