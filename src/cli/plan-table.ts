// A loaded table and its settings → its plan, wired as a run would be (seating, context windows,
// prices), with nothing sent. `roundtable plan` prints it; `batch --dry-run` sums it.
import type { LoadedTable } from '../config/load-table.js';
import { planSeating, type SeatingPlan, seatedTable } from '../config/seating.js';
import { type RunSettings, toEngineSettings } from '../config/settings.js';
import type { PriceQuote } from '../cost/price-book.js';
import type { BudgetFloor } from '../engine/budget-floor.js';
import { createContextBudget } from '../engine/budget-option.js';
import { InputError } from '../errors.js';
import { DEFAULT_REPLY_TOKENS, estimatePlan, type Plan } from '../plan/estimate.js';
import { budgetProblem, counterFor, floorOf } from './budget-floor-check.js';
import { contextWindows } from './context-windows.js';
import { quoteRunPrices, seatModels } from './run-prices.js';

export interface TablePlan {
  readonly plan: Plan;
  /** The least budget that holds the end, and one that holds a first turn too. */
  readonly floor: BudgetFloor;
  readonly prices: readonly PriceQuote[];
  readonly seating: SeatingPlan;
}

export interface PlanTableInput {
  /** The table as loaded, human seats (`--human`) already marked. */
  readonly loaded: LoadedTable;
  readonly settings: RunSettings;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** When the run would start: the prices in force then. */
  readonly at: Date;
  /** The assumed length of a reply in tokens (default 80). */
  readonly replyTokens?: number | undefined;
}

/** Throws the run's input errors (unknown endpoint, bad window); a missing key is no error here. */
export async function planTable(input: PlanTableInput): Promise<TablePlan> {
  const { loaded, settings } = input;
  const seating = planSeating(loaded, settings, input.env);
  const seats = seatModels(seating);
  const prices = await quoteRunPrices(seats, loaded.config, input.at);
  const expected = input.replyTokens;
  const table = seatedTable(loaded.table, seats);
  const budget = createContextBudget({
    windows: contextWindows(seating, settings),
    strategy: settings.contextStrategy,
    counterFor,
  });
  const floorInput = {
    table,
    settings,
    budget,
    pricing: { priceOf: prices.priceOf.bind(prices), prices: [] },
  };
  const floor = await floorOf(floorInput);
  // A budget the run would refuse is refused here too, before the estimate is run.
  const problem = budgetProblem(floorInput, floor);
  if (problem !== undefined) throw new InputError(problem);
  const plan = await estimatePlan({
    table,
    settings: toEngineSettings(settings),
    budget,
    counterFor,
    priceOf: (endpoint, model) => prices.priceOf(endpoint, model),
    replyTokens:
      expected === undefined
        ? undefined
        : {
            expected,
            low: Math.max(1, Math.min(DEFAULT_REPLY_TOKENS.low, Math.round(expected / 2))),
          },
  });
  return { plan, floor, prices: prices.quotes, seating };
}
