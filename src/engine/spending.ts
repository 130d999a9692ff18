// `budgetTokens` and `budgetUsd`: before each discussion turn the moderator checks that the turn
// (with whatever chooses its speaker: the LLM moderator's request, every seat's bid, a consensus
// check after it) and everything the end still needs (every seat's closing positions, the summary
// and its record) fit in what is left, each reply counted at its maxTokens; when they would not,
// it wraps up now. Prompts are estimated from what each request would be sent; the estimates err
// high. Every decision the budget makes is a `budget` event, so the transcript explains it.
import { costOf } from '../cost/price.js';
import { groupDigits } from '../digits.js';
import { DEFAULT_CHECK_EVERY } from './consensus-check.js';
import type { DiscussionEvent, EventOf } from './events.js';
import type { ChatMessage, Usage } from './model.js';
import { positionsMaxTokens, questionsAsked } from './phases/positions.js';
import type { SpeakerPolicy } from './phases/spec.js';
import { BID_TOKENS, bidRequest } from './policies/bid.js';
import { moderatorRequest } from './policies/moderator.js';
import { maxTokensFor } from './request.js';
import type { DiscussionState, Seat } from './state.js';
import { estimatePromptTokens, estimateTokens } from './usage.js';

/** What the summarizer's record request may add on top of the summary's reply. */
const RECORD_RESERVE_TOKENS = 600;

interface Amount {
  tokens: number;
  usd: number;
}

function spent(state: DiscussionState): Amount {
  return {
    tokens: state.usage.promptTokens + state.usage.completionTokens,
    usd: state.costs?.total.usd ?? 0,
  };
}

/** A seat's next request, its reply at `maxTokens`: the whole history as it stands, plus room. */
function requestCost(state: DiscussionState, seat: Seat, maxTokens: number, extra = 0): Amount {
  const messages = [
    { role: 'system' as const, content: seat.system },
    ...state.log.conversation(seat.participant.seat),
  ];
  // The guidance's room on top: an estimate that errs high keeps the budget.
  return estimated(state, seat.participant.seat, messages, maxTokens, 200 + extra);
}

/** A request of these messages paid by this seat (0: the LLM moderator), its reply at maxTokens. */
function estimated(
  state: DiscussionState,
  seat: number,
  messages: readonly ChatMessage[],
  maxTokens: number,
  extra = 0,
): Amount {
  // A tenth more than counted: an estimate that errs high keeps the budget.
  const prompt = Math.ceil(estimatePromptTokens(messages) * 1.1) + extra;
  const usage: Usage = { promptTokens: prompt, completionTokens: maxTokens, estimated: true };
  return { tokens: prompt + maxTokens, usd: costOf(usage, state.costs?.priceOfSeat(seat)) ?? 0 };
}

function add(a: Amount, b: Amount): Amount {
  return { tokens: a.tokens + b.tokens, usd: a.usd + b.usd };
}

/** Every seat's positions, asked once more (at the closing, or a consensus check). */
function positionsCost(state: DiscussionState, turnAhead: number): Amount {
  const questions = Math.max(1, questionsAsked(state).length);
  return state
    .speakers()
    .map((index) => state.seat(index))
    .reduce<Amount>(
      (total, seat) =>
        add(total, requestCost(state, seat, positionsMaxTokens(state, seat, questions), turnAhead)),
      { tokens: 0, usd: 0 },
    );
}

/**
 * What the closing phases still need: each seat's positions, then the summary and its record.
 * `turnAhead`: tokens the history grows by before they are asked (the turn about to be spoken).
 */
function reserveFor(state: DiscussionState, turnAhead: number): Amount {
  // Each position request hears a turn more than now: the one about to be spoken.
  const positions =
    state.settings.closing === true ? positionsCost(state, turnAhead) : { tokens: 0, usd: 0 };
  return add(positions, summaryCost(state, turnAhead));
}

/** The summary (by the seat whose request would cost most) and, after closing positions, its record. */
function summaryCost(state: DiscussionState, turnAhead: number): Amount {
  if (!state.settings.summary) return { tokens: 0, usd: 0 };
  const speakers = state.speakers().map((index) => state.seat(index));
  let total = speakers.reduce<Amount>(
    (max, seat) => {
      const summary = requestCost(
        state,
        seat,
        maxTokensFor(seat.participant, state.settings),
        turnAhead * 2,
      );
      return summary.tokens > max.tokens ? summary : max;
    },
    { tokens: 0, usd: 0 },
  );
  if (state.settings.closing === true) {
    // The record's request is the summary's, with the summary and a short instruction after it.
    const seat = speakers[0];
    if (seat !== undefined) {
      const summaryReply = maxTokensFor(seat.participant, state.settings);
      total = add(
        total,
        requestCost(state, seat, RECORD_RESERVE_TOKENS, turnAhead * 2 + summaryReply + 300),
      );
    }
  }
  return total;
}

/** What the end still needs, in words for the `budget` event ("the closing positions, …"). */
function reserveWords(state: DiscussionState): string {
  const { closing, summary } = state.settings;
  const parts = [
    ...(closing === true ? ["every seat's closing positions"] : []),
    ...(summary ? [closing === true ? 'the summary and its record' : 'the summary'] : []),
  ];
  return parts.join(', ');
}

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
  let cost: Amount = { tokens: 0, usd: 0 };
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

/** The longest reply any seat may give. */
function longestReply(state: DiscussionState): number {
  return Math.max(
    0,
    ...state.speakers().map((index) => maxTokensFor(state.seat(index).participant, state.settings)),
  );
}

/** The most a turn by any seat may cost now (the speaker is not chosen yet). */
function nextTurnCost(state: DiscussionState): Amount {
  return state
    .speakers()
    .map((index) => {
      const seat = state.seat(index);
      return requestCost(state, seat, maxTokensFor(seat.participant, state.settings));
    })
    .reduce((max, cost) => (cost.tokens > max.tokens ? cost : max), { tokens: 0, usd: 0 });
}

const tokens = groupDigits;
const dollars = (n: number) => `$${n.toFixed(4)}`;

/**
 * Before a discussion turn: true (after a `budget` event) when the turn and the end together
 * would not fit in what is left, so the closing phases must start now.
 */
export function* budgetWrapUp(
  state: DiscussionState,
  turn: number,
  ahead: TurnAhead,
): Generator<DiscussionEvent, boolean> {
  const { budgetTokens, budgetUsd } = state.settings;
  if (budgetTokens === undefined && budgetUsd === undefined) return false;
  const now = spent(state);
  const around = aroundTurn(state, ahead);
  const next = add(nextTurnCost(state), around.cost);
  const reserve = reserveFor(state, longestReply(state));
  const need = add(add(now, next), reserve);
  const overTokens = budgetTokens !== undefined && need.tokens > budgetTokens;
  const overUsd = budgetUsd !== undefined && need.usd > budgetUsd;
  if (!overTokens && !overUsd) return false;
  const amount = (a: Amount) => (overTokens ? tokens(a.tokens) : dollars(a.usd));
  const turnWords = around.words.length === 0 ? '' : ` with ${around.words.join(' and ')}`;
  const end = reserveWords(state);
  const event: EventOf<'budget'> = {
    type: 'budget',
    action: 'wrap-up',
    turn,
    spentTokens: now.tokens,
    ...(budgetUsd === undefined ? {} : { spentUsd: now.usd, budgetUsd, reserveUsd: reserve.usd }),
    ...(budgetTokens === undefined ? {} : { budgetTokens }),
    reserveTokens: reserve.tokens,
    nextTokens: next.tokens,
    why: [
      `${overTokens ? `${tokens(now.tokens)} of ${tokens(budgetTokens ?? 0)} tokens` : `${dollars(now.usd)} of $${budgetUsd}`} spent`,
      `; another turn (about ${amount(next)}${turnWords})`,
      end === '' ? '' : ` and ${end} (about ${amount(reserve)})`,
      ' would not fit, so the discussion wraps up now',
    ].join(''),
  };
  yield event;
  state.wrapUp = true;
  state.wrapUpReason = 'budget';
  state.stoppedBy ??= `the budget, before turn ${turn}`;
  return true;
}

function within(state: DiscussionState, need: Amount): boolean {
  const { budgetTokens, budgetUsd } = state.settings;
  return (
    (budgetTokens === undefined || need.tokens <= budgetTokens) &&
    (budgetUsd === undefined || need.usd <= budgetUsd)
  );
}

/** Before a request the end still wants (the summary's record, its repair): does it fit? */
export function fits(state: DiscussionState, seat: Seat, maxTokens: number): boolean {
  return fitting(state, [{ seat, request: { maxTokens } }], 'nothing').length === 1;
}

/**
 * Of requests sent together (repairs, seats asked again), those the budget pays for, taken in
 * order while the ones before them are counted too: each alone may fit when all of them do not.
 * What must still follow them is kept aside: after the opening, the whole end; after the
 * closing positions, the summary and its record.
 */
function fitting<T extends { readonly seat: Seat; readonly request: { maxTokens: number } }>(
  state: DiscussionState,
  jobs: readonly T[],
  then: 'the-end' | 'the-summary' | 'nothing',
): T[] {
  const { budgetTokens, budgetUsd } = state.settings;
  if (budgetTokens === undefined && budgetUsd === undefined) return [...jobs];
  const after =
    then === 'the-end'
      ? reserveFor(state, 0)
      : then === 'the-summary'
        ? summaryCost(state, 0)
        : { tokens: 0, usd: 0 };
  let need = add(spent(state), after);
  return jobs.filter((job) => {
    const more = add(need, requestCost(state, job.seat, job.request.maxTokens));
    if (!within(state, more)) return false;
    need = more;
    return true;
  });
}

/** `fitting`, with a `budget` event for each request it leaves out: every decision explained. */
export function* paidFor<
  T extends { readonly seat: Seat; readonly turn: number; readonly request: { maxTokens: number } },
>(
  state: DiscussionState,
  jobs: readonly T[],
  then: 'the-end' | 'the-summary' | 'nothing',
  action: 'skip' | 'skip-repair',
  why: (job: T) => string,
): Generator<DiscussionEvent, T[]> {
  const paid = fitting(state, jobs, then);
  for (const job of jobs) {
    if (!paid.includes(job)) yield skipped(state, job.turn, action, why(job));
  }
  return paid;
}

/** The `budget` event for a request the budget leaves out. */
export function skipped(
  state: DiscussionState,
  turn: number,
  action: 'skip' | 'skip-repair',
  why: string,
): EventOf<'budget'> {
  const now = spent(state);
  const { budgetTokens, budgetUsd } = state.settings;
  return {
    type: 'budget',
    action,
    turn,
    spentTokens: now.tokens,
    ...(budgetTokens === undefined ? {} : { budgetTokens }),
    ...(budgetUsd === undefined ? {} : { spentUsd: now.usd, budgetUsd }),
    reserveTokens: 0,
    why,
  };
}
