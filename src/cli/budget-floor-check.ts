// A budget too small for the run's end is refused before anything is sent (`run`, `batch`, its
// `--dry-run`, `plan`, `resume`, `fork`): the end (closing answers, the summary, its record)
// always runs, so such a budget could not be kept. The message names the setting, where it was
// set, the least this table needs and what that covers, and what would fix it.
import type { ConfigFile } from '../config/config-file.js';
import type { SeatingPlan } from '../config/seating.js';
import { seatedTable } from '../config/seating.js';
import { SETTINGS } from '../config/setting-descriptors.js';
import { type RunSettings, toEngineSettings } from '../config/settings.js';
import { type BudgetFloor, budgetFloor } from '../engine/budget-floor.js';
import type { ContextBudget } from '../engine/budget-keeper.js';
import type { Pricing } from '../engine/costs.js';
import type { DiscussionEvent } from '../engine/events.js';
import { add } from '../engine/spend-estimate.js';
import type { EngineSettings, Table } from '../engine/table.js';
import { InputError } from '../errors.js';
import { formatCount } from '../format-count.js';
import { planEnd } from '../plan/end-floor.js';
import { createTokenCounter, type TokenCounter } from '../tokens/counter.js';
import { MarkovCounter } from '../tokens/markov.js';
import { quoteRunPrices, seatModels } from './run-prices.js';

export interface FloorInput {
  /** The table as the run seats it: each seat's endpoint and model (its price), people marked. */
  readonly table: Table;
  readonly settings: RunSettings;
  /** The engine's settings when they are not the run settings' (a resumed run's, as recorded). */
  readonly engineSettings?: EngineSettings | undefined;
  readonly pricing?: Pricing | undefined;
  /** The run's context windows and counters: prompts are counted as the run counts them. */
  readonly budget?: ContextBudget | undefined;
  /** A resumed (or forked) run's recorded events: what they spent counts. */
  readonly events?: readonly DiscussionEvent[] | undefined;
  /** The command that goes on with them, for the message. */
  readonly command?: 'resume' | 'fork' | undefined;
}

/** The offline model's own count for its seats; the run's counters for the rest. */
export function counterFor(model: string | undefined): TokenCounter {
  return model === 'markov' ? new MarkovCounter() : createTokenCounter(model);
}

/**
 * The least budget: what was spent (a resumed run) and the end, planned at its worst (see
 * `planEnd`); what the end holds and the first step's need come from the engine's own estimate.
 */
export async function floorOf(input: FloorInput): Promise<BudgetFloor> {
  const settings = input.engineSettings ?? toEngineSettings(input.settings);
  const events = input.events === undefined ? {} : { resume: { events: input.events } };
  const estimate = budgetFloor({ table: input.table, settings, pricing: input.pricing, ...events });
  const end = await planEnd({
    table: input.table,
    settings,
    budget: input.budget,
    counterFor,
    priceOf: (endpoint, model) => input.pricing?.priceOf(endpoint, model),
    events: input.events,
  });
  return { ...estimate, end, least: add(estimate.spent, end) };
}

/** Whole dollars to the cent's hundredth, rounded up: a budget of this much holds the floor. */
const usdUp = (usd: number): number => Math.ceil(usd * 10_000 - 1e-6) / 10_000;
const dollars = (usd: number): string => `$${usdUp(usd).toFixed(4)}`;
const flagOf = (key: 'budgetTokens' | 'budgetUsd'): string =>
  SETTINGS.find((d) => d.key === key)?.flag ?? key;

/** Why this budget cannot be kept, in words; undefined when it can (or there is none). */
export function budgetProblem(input: FloorInput, floor: BudgetFloor): string | undefined {
  const { budgetTokens, budgetUsd, origins } = input.settings;
  const resumed = input.events !== undefined && input.events.length > 0;
  const check = (key: 'budgetTokens' | 'budgetUsd'): string | undefined => {
    const byTokens = key === 'budgetTokens';
    const budget = byTokens ? budgetTokens : budgetUsd;
    if (budget === undefined) return undefined;
    const least = byTokens ? floor.least.tokens : floor.least.usd;
    if (least <= budget) return undefined;
    const show = byTokens ? (n: number) => `${formatCount(n)} tokens` : dollars;
    const given = `${key} (from ${origins[key]}) is ${show(budget)}`;
    const shown = byTokens ? formatCount(least) : dollars(least);
    if (resumed) {
      const spentSoFar = byTokens ? floor.spent.tokens : floor.spent.usd;
      const end = byTokens ? floor.end.tokens : floor.end.usd;
      const past = spentSoFar > budget ? ', past the budget already,' : '';
      return `${given}; the run has spent ${show(spentSoFar)}${past} and its end still needs up to ${show(end)} (${floor.covers}, every reply counted at its longest): ${shown} in all, so the budget cannot be kept. ${input.command === 'fork' ? 'Fork' : 'Resume'} with a larger budget: ${flagOf(key)} ${byTokens ? least : usdUp(least)} or more`;
    }
    const closing = floor.parts.some((p) => p.kind === 'closing-positions');
    const fixes = closing
      ? 'lower maxTokens, or turn closing off (closing: false)'
      : 'or lower maxTokens';
    return `${given}, but this table needs at least ${shown} for its end alone: ${floor.covers}, every reply counted at its longest. The end always runs, so this budget cannot be kept. Raise ${key} to ${shown} or more, ${fixes}`;
  };
  const problems = [check('budgetTokens'), check('budgetUsd')].filter(
    (p): p is string => p !== undefined,
  );
  return problems.length === 0 ? undefined : problems.join('\n');
}

/**
 * A budget that holds the end but not one step before it: the run would wrap up at once, its
 * end spoken with nothing discussed. Said as a warning; undefined otherwise.
 */
export function budgetWarning(input: FloorInput, floor: BudgetFloor): string | undefined {
  const { budgetTokens, budgetUsd, origins } = input.settings;
  const step = floor.firstStep;
  if (step === undefined) return undefined;
  const short = (key: 'budgetTokens' | 'budgetUsd'): string | undefined => {
    const byTokens = key === 'budgetTokens';
    const budget = byTokens ? budgetTokens : budgetUsd;
    const need = byTokens ? step.tokens : step.usd;
    if (budget === undefined || need <= budget) return undefined;
    const show = byTokens ? (n: number) => `${formatCount(n)} tokens` : dollars;
    const resumed = input.events !== undefined && input.events.length > 0;
    return `${key} (from ${origins[key]}) is ${show(budget)}: enough for the end, not for ${resumed ? 'another turn' : 'a first turn'} before it (that needs ${show(need)}), so the discussion wraps up at once`;
  };
  return short('budgetTokens') ?? short('budgetUsd');
}

/**
 * Throws the refusal (exit code 2) when the budget cannot hold the end; the warning when it
 * holds nothing before the end.
 */
export async function checkBudgetFloor(input: FloorInput): Promise<string | undefined> {
  const { budgetTokens, budgetUsd } = input.settings;
  if (budgetTokens === undefined && budgetUsd === undefined) return undefined;
  const floor = await floorOf(input);
  const problem = budgetProblem(input, floor);
  if (problem !== undefined) throw new InputError(problem);
  return budgetWarning(input, floor);
}

/** The prices a seating would pay, quoted from the bundled catalogue and the config: no request. */
export async function quotedPricing(
  seating: SeatingPlan,
  config: Pick<ConfigFile, 'prices'>,
  at: Date,
): Promise<{ table: (table: Table) => Table; pricing: Pricing }> {
  const seats = seatModels(seating);
  const list = await quoteRunPrices(seats, config, at);
  return {
    table: (table) => seatedTable(table, seats),
    pricing: { priceOf: (endpoint, model) => list.priceOf(endpoint, model), prices: [] },
  };
}
