// `budgetTokens` and `budgetUsd`: the decisions a budget makes, each a `budget` event. Before each
// discussion turn (and before a parallel phase that is not the end) the moderator checks that
// the turn, whatever comes with it, and everything the end still needs fit in what is left; when
// they would not, it wraps up now. The end is counted at its worst (every reply at maxTokens);
// the turn's own reply is the one reply the budget may be passed by, so it is not (see
// `turnReply` in spend-step.ts, which counts what comes before the next check). What the
// estimates count is in spend-estimate.ts.
import { formatCount } from '../format-count.js';
import type { DiscussionEvent, EventOf } from './events.js';
import { phaseTitle } from './phases/prompts.js';
import type { Seat } from './seats.js';
import { type Amount, add, endCost, endWords, requestCost, spent } from './spend-estimate.js';
import { type BatchAhead, batchStep, type Step, type TurnAhead, turnStep } from './spend-step.js';
import type { DiscussionState } from './state.js';

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
  if (!budgeted(state)) return false;
  return yield* wrapUpUnless(state, turn, turnStep(state, ahead));
}

/**
 * Before a parallel phase that the end does not need (an opening, a round, a review): true
 * (after a `budget` event) when every seat's answer and the end together would not fit.
 */
export function* budgetBeforeBatch(
  state: DiscussionState,
  turn: number,
  batch: BatchAhead,
): Generator<DiscussionEvent, boolean> {
  if (!budgeted(state)) return false;
  return yield* wrapUpUnless(state, turn, batchStep(state, batch));
}

/**
 * What the first step of the phase the state stands at needs, with the end after it: the least
 * budget under which the run speaks at all before its end. Undefined when that phase is the end.
 */
export function firstStepNeed(state: DiscussionState): Amount | undefined {
  const phase = state.phases[state.phaseIndex];
  if (phase === undefined || phase.kind === 'closing' || phase.kind === 'summary') return undefined;
  const step =
    phase.kind === 'discussion'
      ? turnStep(state, {
          policy: phase.speakerPolicy ?? state.settings.speakerPolicy ?? 'original',
          turnsLeft: Math.max(0, (phase.turns ?? state.settings.turns) - state.phaseTurns - 1),
        })
      : batchStep(state, { kind: phase.kind, title: phaseTitle(phase), seats: state.speakers() });
  return add(add(spent(state), step.cost), endCost(state, step.heard).cost);
}

function budgeted(state: DiscussionState): boolean {
  const { budgetTokens, budgetUsd } = state.settings;
  return budgetTokens !== undefined || budgetUsd !== undefined;
}

/** The wrap-up, with its `budget` event, when what comes next and the end would not fit. */
function* wrapUpUnless(
  state: DiscussionState,
  turn: number,
  step: Step,
): Generator<DiscussionEvent, boolean> {
  const next = step.cost;
  const { budgetTokens, budgetUsd } = state.settings;
  const now = spent(state);
  // The end hears what comes next, at its longest.
  const end = endCost(state, step.heard);
  const reserve = end.cost;
  const need = add(add(now, next), reserve);
  const overTokens = budgetTokens !== undefined && need.tokens > budgetTokens;
  const overUsd = budgetUsd !== undefined && need.usd > budgetUsd;
  if (!overTokens && !overUsd) return false;
  const amount = (a: Amount) => (overTokens ? `${formatCount(a.tokens)} tokens` : dollars(a.usd));
  const endText = endWords(end.parts);
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
      `${overTokens ? `${formatCount(now.tokens)} of ${formatCount(budgetTokens ?? 0)} tokens` : `${dollars(now.usd)} of $${budgetUsd}`} spent`,
      `; ${step.what} (${[`about ${amount(next)}`, ...step.details].join(', ')})`,
      endText === '' ? '' : ` and ${endText} (about ${amount(reserve)})`,
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
  return fitting(state, [{ seat, request: { maxTokens } }]).length === 1;
}

/**
 * Of requests sent together (repairs, seats asked again), those the budget pays for, taken in
 * order while the ones before them are counted too: each alone may fit when all of them do not.
 * What must still follow them is kept aside: the end's phases after this one (after the opening,
 * the whole end; after the closing positions, the summary and its record).
 */
function fitting<T extends { readonly seat: Seat; readonly request: { maxTokens: number } }>(
  state: DiscussionState,
  jobs: readonly T[],
): T[] {
  if (!budgeted(state)) return [...jobs];
  let need = add(spent(state), endCost(state, 0).cost);
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
  action: 'skip' | 'skip-repair',
  why: (job: T) => string,
): Generator<DiscussionEvent, T[]> {
  const paid = fitting(state, jobs);
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
