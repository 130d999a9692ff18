// `roundtable plan` as a person reads it: a table of phases, the prices used, and one rendered
// request per phase.

import type { PriceQuote } from '../cost/price-book.js';
import { type CostTotal, formatCost, formatUsd } from '../cost/totals.js';
import type { ModelRequest } from '../engine/model.js';
import { formatCount } from '../format-count.js';
import type { CostRange, Plan, Range } from './estimate.js';

const count = (n: number): string => formatCount(Math.round(n));

function tokens(range: Range): string {
  return range.low === range.high
    ? count(range.expected)
    : `${count(range.expected)} (${count(range.low)}–${count(range.high)})`;
}

function costRange(range: CostRange): string {
  const { low, expected, high } = range;
  if (formatCost(low) === formatCost(high)) return formatCost(expected);
  return `${formatCost(expected)} (${formatCost(low)}–${formatCost(high)})`;
}

function requestsText(range: Range): string {
  return range.low === range.high
    ? count(range.expected)
    : `${count(range.low)}–${count(range.high)}`;
}

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function priceText(quote: PriceQuote): string {
  // The offline endpoint is named for its one model: "markov", not "markov markov".
  const where =
    quote.endpoint === quote.model
      ? quote.model
      : `${quote.endpoint} ${quote.model === '' ? '(the server’s only model)' : quote.model}`;
  switch (quote.source) {
    case 'unknown':
      return `${where}: price unknown (add it under "prices" in roundtable.config.json)`;
    case 'local':
      return `${where}: free (local)`;
    default: {
      const { input, cachedInput, output } = quote.price;
      const cached = cachedInput === undefined ? '' : `, cached input ${formatUsd(cachedInput)}`;
      const from =
        quote.source === 'config' ? 'roundtable.config.json' : `price library: ${quote.provider}`;
      return `${where}: input ${formatUsd(input)}${cached}, output ${formatUsd(output)} per million tokens (${from})`;
    }
  }
}

function renderRequest(title: string, request: ModelRequest): string[] {
  const lines = [
    `── ${title}: ${request.speaker}'s first request (${request.purpose}, ${request.model ?? 'default model'}, temperature ${request.temperature}, max_tokens ${request.maxTokens}) ──`,
  ];
  for (const message of request.messages) {
    lines.push(`[${message.role}]`, message.content, '');
  }
  return lines;
}

/** The least budget a run of this table keeps (see `budgetFloor`), as the plan shows it. */
export interface FloorView {
  readonly least: { readonly tokens: number; readonly usd: number };
  readonly covers: string;
  readonly firstStep?: { readonly tokens: number; readonly usd: number } | undefined;
}

export interface PlanView {
  readonly dir: string;
  readonly floor?: FloorView | undefined;
  readonly quotes: readonly PriceQuote[];
  /** Show every phase's first request in full. */
  readonly requests: boolean;
}

/** Why the total is not a dollar figure alone: some tokens have no known price. */
function unknownNote(total: CostTotal): string[] {
  return total.unpricedTokens === 0
    ? []
    : ['', 'Some models have no known price: their tokens are counted, their cost is unknown.'];
}

/** What a budget must hold: the end alone (less is refused), and a first turn with it. */
function floorLines(floor: FloorView | undefined, priced: boolean): string[] {
  if (floor === undefined) return [];
  const amount = (a: { tokens: number; usd: number }) =>
    `${count(a.tokens)} tokens${priced && a.usd > 0 ? ` (${formatUsd(a.usd)})` : ''}`;
  const lines = [
    '',
    `Least budget: ${amount(floor.least)}, for the end alone (${floor.covers}, every reply at its longest); a smaller budgetTokens or budgetUsd is refused.`,
  ];
  if (floor.firstStep !== undefined) {
    lines.push(
      `With a first turn before the end: ${amount(floor.firstStep)}; below that the discussion wraps up at once.`,
    );
  }
  return lines;
}

export function formatPlan(plan: Plan, view: PlanView): string {
  const { low, expected } = plan.replyTokens;
  const rows = [
    ['phase', 'requests', 'prompt tokens', 'completion tokens', 'cost'],
    ...plan.phases.map((phase) => [
      phase.title,
      requestsText(phase.requests),
      tokens(phase.promptTokens),
      tokens(phase.completionTokens),
      costRange(phase.cost),
    ]),
    [
      'Total',
      requestsText(plan.total.requests),
      tokens(plan.total.promptTokens),
      tokens(plan.total.completionTokens),
      costRange(plan.total.cost),
    ],
  ];
  const lines = [
    `Plan for ${view.dir} (seed ${plan.seed}); nothing was sent.`,
    `Replies assumed to be ${expected} tokens; ranges run from ${low}-token replies to every reply at its max_tokens.`,
    ...(plan.humanTurns > 0
      ? [`${plan.humanTurns} turns are spoken by people: no requests, no cost.`]
      : []),
    '',
    ...columns(rows),
    ...unknownNote(plan.total.cost.expected),
    ...floorLines(view.floor, plan.total.cost.expected.pricedTokens > 0),
    '',
    'Prices',
    ...view.quotes.map((quote) => `  ${priceText(quote)}`),
  ];
  if (view.requests) {
    lines.push(
      '',
      'One request per phase, as the run would render it (earlier replies are lorem-ipsum stand-ins of the assumed length):',
      '',
    );
    for (const phase of plan.phases) {
      if (phase.example !== undefined) lines.push(...renderRequest(phase.title, phase.example));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
