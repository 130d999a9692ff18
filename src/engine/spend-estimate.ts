// What requests may cost before they are sent, for `budgetTokens` and `budgetUsd`: prompts
// estimated from what each request would be sent (a tenth more, and room for the guidance, so
// the estimate errs high), replies at their maxTokens. The end (closing statements or positions,
// the summary and its record) is always counted this way: it must fit whatever the replies say.
import { costOf } from '../cost/price.js';
import type { ChatMessage, Usage } from './model.js';
import { positionsMaxTokens, questionsAsked } from './phases/positions.js';
import { summaryTitle } from './phases/prompts.js';
import type { PhaseSpec } from './phases/spec.js';
import { recordMaxTokens } from './record-size.js';
import { maxTokensFor } from './request.js';
import type { Seat } from './seats.js';
import type { DiscussionState } from './state.js';
import { estimatePromptTokens } from './usage.js';

export interface Amount {
  readonly tokens: number;
  readonly usd: number;
}

export const NOTHING: Amount = { tokens: 0, usd: 0 };

export function add(a: Amount, b: Amount): Amount {
  return { tokens: a.tokens + b.tokens, usd: a.usd + b.usd };
}

/** What the run has spent so far (a resumed run: with what its recorded events spent). */
export function spent(state: DiscussionState): Amount {
  return {
    tokens: state.usage.promptTokens + state.usage.completionTokens,
    usd: state.costs?.total.usd ?? 0,
  };
}

/** A request of these messages paid by this seat (0: the LLM moderator), its reply at `reply`. */
export function estimated(
  state: DiscussionState,
  seat: number,
  messages: readonly ChatMessage[],
  reply: number,
  extra = 0,
): Amount {
  const prompt = Math.ceil(estimatePromptTokens(messages) * 1.1) + extra;
  const usage: Usage = { promptTokens: prompt, completionTokens: reply, estimated: true };
  return { tokens: prompt + reply, usd: costOf(usage, state.costs?.priceOfSeat(seat)) ?? 0 };
}

/**
 * A seat's next request, its reply at `reply` tokens: the whole history as it stands, plus room
 * for the guidance and for `extra` tokens the history grows by before it is sent.
 */
export function requestCost(state: DiscussionState, seat: Seat, reply: number, extra = 0): Amount {
  const messages = [
    { role: 'system' as const, content: seat.system },
    ...state.log.conversation(seat.participant.seat),
  ];
  return estimated(state, seat.participant.seat, messages, reply, 200 + extra);
}

/** The seats a model answers for (a person's answers are no requests), of these indices. */
function modelSeats(state: DiscussionState, indices: readonly number[]): Seat[] {
  return indices.map((index) => state.seat(index)).filter((s) => s.participant.human !== true);
}

function sum(amounts: readonly Amount[]): Amount {
  return amounts.reduce(add, NOTHING);
}

/** Every seat's positions, asked once more (at the closing, or a consensus check). */
export function positionsCost(
  state: DiscussionState,
  turnAhead: number,
  seats = modelSeats(state, state.speakers()),
): Amount {
  const questions = Math.max(1, questionsAsked(state).length);
  return sum(
    seats.map((seat) =>
      requestCost(state, seat, positionsMaxTokens(state, seat, questions), turnAhead),
    ),
  );
}

/** The longest reply any seat may give. */
export function longestReply(state: DiscussionState): number {
  return Math.max(
    0,
    ...state.speakers().map((index) => maxTokensFor(state.seat(index).participant, state.settings)),
  );
}

/** A piece of the end, as the budget counts it. */
export type EndPart =
  | { readonly kind: 'closing-positions' | 'closing-statements'; readonly seats: number }
  | { readonly kind: 'summary'; readonly title: string }
  | { readonly kind: 'record' };

/** The summary, by whichever seat's request would cost most, hearing `heard` tokens more. */
function summaryCost(state: DiscussionState, heard: number): Amount {
  const seats = modelSeats(
    state,
    state.seats.map((_, index) => index),
  );
  return seats
    .map((seat) => requestCost(state, seat, maxTokensFor(seat.participant, state.settings), heard))
    .reduce((max, cost) => (cost.tokens > max.tokens ? cost : max), NOTHING);
}

/** The record's request is the summary's, with the summary and a short instruction after it. */
function recordCost(state: DiscussionState, heard: number): Amount {
  const seat = modelSeats(state, state.speakers())[0];
  if (seat === undefined) return NOTHING;
  const summaryReply = maxTokensFor(seat.participant, state.settings);
  const record = recordMaxTokens(state, summaryReply);
  return requestCost(state, seat, record, heard + summaryReply + 300);
}

/** The phases that still run after a wrap-up: the closing and the summary. */
const isEnd = (phase: PhaseSpec) => phase.kind === 'closing' || phase.kind === 'summary';

/**
 * What the end still needs, every reply at its maxTokens: the closing phases to come (from the
 * phase after the current one; with `from: 'current'`, the current one too, less what a resumed
 * run already holds of it). `turnAhead`: tokens the history grows by before they are asked.
 */
export function endCost(
  state: DiscussionState,
  turnAhead: number,
  from: 'current' | 'next' = 'next',
): { cost: Amount; parts: EndPart[] } {
  const start = from === 'current' ? state.phaseIndex : state.phaseIndex + 1;
  const parts: EndPart[] = [];
  let cost = NOTHING;
  // What the history grows by before each request of the end: the turn ahead, then each closing
  // answer (under a line naming its seat), which the summary and its record hear.
  let heard = turnAhead;
  state.phases.forEach((phase, index) => {
    if (index < start || !isEnd(phase)) return;
    const current = index === state.phaseIndex && state.phaseStarted;
    if (phase.kind === 'summary') {
      if (current && state.summaryDone) return;
      parts.push({ kind: 'summary', title: summaryTitle(state, phase).toLowerCase() });
      cost = add(cost, summaryCost(state, heard + turnAhead));
      if (state.settings.closing === true) {
        parts.push({ kind: 'record' });
        cost = add(cost, recordCost(state, heard + turnAhead));
      }
      return;
    }
    // A resumed closing phase asks only the seats whose replies it does not hold.
    const done = new Set(
      current ? [...(state.batch?.values() ?? [])].map((r) => r.ended.seat) : [],
    );
    const seats = modelSeats(state, state.speakers()).filter(
      (seat) => !done.has(seat.participant.seat),
    );
    if (seats.length === 0) return;
    const positions = state.settings.closing === true;
    const questions = Math.max(1, questionsAsked(state).length);
    const replyOf = (seat: Seat) =>
      positions
        ? positionsMaxTokens(state, seat, questions)
        : maxTokensFor(seat.participant, state.settings);
    parts.push({
      kind: positions ? 'closing-positions' : 'closing-statements',
      seats: seats.length,
    });
    cost = add(cost, sum(seats.map((seat) => requestCost(state, seat, replyOf(seat), heard))));
    heard += seats.reduce((total, seat) => total + replyOf(seat) + 20, 0);
  });
  return { cost, parts };
}

/** The end in words, for a `budget` event: "every seat's closing positions, the summary and its record". */
export function endWords(parts: readonly EndPart[]): string {
  const words: string[] = [];
  for (const part of parts) {
    if (part.kind === 'closing-positions') words.push("every seat's closing positions");
    else if (part.kind === 'closing-statements') words.push("every seat's closing statement");
    else if (part.kind === 'summary') words.push(`the ${part.title}`);
    else words.push(`${words.pop() ?? 'the summary'} and its record`);
  }
  return words.join(', ');
}

function counted(part: EndPart): string {
  switch (part.kind) {
    case 'closing-positions':
      return `${part.seats} closing answer${part.seats === 1 ? '' : 's'}`;
    case 'closing-statements':
      return `${part.seats} closing statement${part.seats === 1 ? '' : 's'}`;
    case 'summary':
      return `the ${part.title}`;
    case 'record':
      return 'its record';
  }
}

/** The end counted, for a person: "4 closing answers + the summary + its record". */
export function endCounted(parts: readonly EndPart[]): string {
  return parts.map(counted).join(' + ');
}
