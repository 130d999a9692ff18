// `budgetTokens` and `budgetUsd`: before each discussion turn the moderator checks that the turn
// and everything the end still needs (every seat's closing positions, the summary and its record)
// fit in what is left, each reply counted at its maxTokens; when they would not, it wraps up now.
// Prompts are estimated from what each seat would be sent; the estimates err high.
import { costOf } from '../cost/price.js';
import type { DiscussionEvent, EventOf } from './events.js';
import type { Usage } from './model.js';
import { positionsMaxTokens, questionsAsked } from './phases/positions.js';
import { maxTokensFor } from './request.js';
import type { DiscussionState, Seat } from './state.js';
import { estimatePromptTokens } from './usage.js';

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
  const counted = estimatePromptTokens(messages);
  // A tenth more and the guidance's room: an estimate that errs high keeps the budget.
  const prompt = Math.ceil(counted * 1.1) + 200 + extra;
  const usage: Usage = { promptTokens: prompt, completionTokens: maxTokens, estimated: true };
  const price = state.costs?.priceOfSeat(seat.participant.seat);
  return { tokens: prompt + maxTokens, usd: costOf(usage, price) ?? 0 };
}

function add(a: Amount, b: Amount): Amount {
  return { tokens: a.tokens + b.tokens, usd: a.usd + b.usd };
}

/**
 * What the closing phases still need: each seat's positions, then the summary and its record.
 * `turnAhead`: tokens the history grows by before they are asked (the turn about to be spoken).
 */
function reserveFor(state: DiscussionState, turnAhead: number): Amount {
  let total: Amount = { tokens: 0, usd: 0 };
  const speakers = state.speakers().map((index) => state.seat(index));
  if (state.settings.closing === true) {
    const questions = Math.max(1, questionsAsked(state).length);
    // Each position request hears a turn more than now: the one about to be spoken.
    for (const seat of speakers) {
      total = add(
        total,
        requestCost(state, seat, positionsMaxTokens(state, seat, questions), turnAhead),
      );
    }
  }
  if (state.settings.summary) {
    const heaviest = speakers.reduce<Amount>(
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
    total = add(total, heaviest);
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
  }
  return total;
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

/**
 * Before a discussion turn: true (after a `budget` event) when the turn and the end together
 * would not fit in what is left, so the closing phases must start now.
 */
export function* budgetWrapUp(
  state: DiscussionState,
  turn: number,
): Generator<DiscussionEvent, boolean> {
  const { budgetTokens, budgetUsd } = state.settings;
  if (budgetTokens === undefined && budgetUsd === undefined) return false;
  const now = spent(state);
  const next = nextTurnCost(state);
  const longest = Math.max(
    0,
    ...state.speakers().map((index) => maxTokensFor(state.seat(index).participant, state.settings)),
  );
  const reserve = reserveFor(state, longest);
  const need = add(add(now, next), reserve);
  const overTokens = budgetTokens !== undefined && need.tokens > budgetTokens;
  const overUsd = budgetUsd !== undefined && need.usd > budgetUsd;
  if (!overTokens && !overUsd) return false;
  const event: EventOf<'budget'> = {
    type: 'budget',
    action: 'wrap-up',
    turn,
    spentTokens: now.tokens,
    ...(budgetUsd === undefined ? {} : { spentUsd: now.usd, budgetUsd, reserveUsd: reserve.usd }),
    ...(budgetTokens === undefined ? {} : { budgetTokens }),
    reserveTokens: reserve.tokens,
    why: overTokens
      ? `${now.tokens.toLocaleString('en-US')} of ${budgetTokens?.toLocaleString('en-US')} tokens spent; another turn and the closing (about ${(next.tokens + reserve.tokens).toLocaleString('en-US')}) would not fit, so the discussion wraps up now`
      : `$${now.usd.toFixed(4)} of $${budgetUsd} spent; another turn and the closing would not fit, so the discussion wraps up now`,
  };
  yield event;
  state.wrapUp = true;
  state.wrapUpReason = 'budget';
  state.stoppedBy ??= `the budget, before turn ${turn}`;
  return true;
}

/** Before a request the end still wants (a repair, the summary's record): does it fit? */
export function fits(state: DiscussionState, seat: Seat, maxTokens: number): boolean {
  const { budgetTokens, budgetUsd } = state.settings;
  if (budgetTokens === undefined && budgetUsd === undefined) return true;
  const need = add(spent(state), requestCost(state, seat, maxTokens));
  return (
    (budgetTokens === undefined || need.tokens <= budgetTokens) &&
    (budgetUsd === undefined || need.usd <= budgetUsd)
  );
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
