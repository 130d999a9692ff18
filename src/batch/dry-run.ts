// `roundtable batch --dry-run`: every run of the grid, what is left to do, and `roundtable plan`'s
// estimate for each and for the whole batch (requests, tokens, cost), with nothing sent.

import { basename, join } from 'node:path';
import { planTable } from '../cli/plan-table.js';
import { type CostTotal, formatCost, NO_COST, sumCosts } from '../cost/totals.js';
import { formatCount } from '../format-count.js';
import type { Range } from '../plan/estimate.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { runsDir } from './batch.js';
import type { PreparedRun } from './prepare.js';
import { folderState } from './run-folder.js';

type Env = Readonly<Record<string, string | undefined>>;

interface Totals {
  requests: Range;
  tokens: Range;
  cost: { low: CostTotal; expected: CostTotal; high: CostTotal };
}

const count = (n: number) => formatCount(Math.round(n));
const add = (a: Range, b: Range): Range => ({
  low: a.low + b.low,
  expected: a.expected + b.expected,
  high: a.high + b.high,
});
const rangeText = (r: Range) =>
  r.low === r.high ? count(r.expected) : `${count(r.expected)} (${count(r.low)}–${count(r.high)})`;
const costText = (c: Totals['cost']) =>
  formatCost(c.low) === formatCost(c.high)
    ? formatCost(c.expected)
    : `${formatCost(c.expected)} (${formatCost(c.low)}–${formatCost(c.high)})`;

export async function dryRun(
  prepared: readonly PreparedRun[],
  out: string,
  env: Env,
): Promise<string> {
  const zero: Range = { low: 0, expected: 0, high: 0 };
  const left: Totals = {
    requests: zero,
    tokens: zero,
    cost: { low: NO_COST, expected: NO_COST, high: NO_COST },
  };
  const states = { new: 0, resume: 0, ended: 0 };
  const rows: string[][] = [];
  const at = new Date();
  for (const run of prepared) {
    const state = await folderState(join(runsDir(out), run.spec.name));
    states[state.kind] += 1;
    const { plan } = await planTable({ loaded: run.loaded, settings: run.settings, env, at });
    const { total } = plan;
    const tokens = add(total.promptTokens, total.completionTokens);
    if (state.kind !== 'ended') {
      left.requests = add(left.requests, total.requests);
      left.tokens = add(left.tokens, tokens);
      left.cost = {
        low: sumCosts(left.cost.low, total.cost.low),
        expected: sumCosts(left.cost.expected, total.cost.expected),
        high: sumCosts(left.cost.high, total.cost.high),
      };
    }
    const spec = run.spec;
    const what = [
      `table ${basename(spec.tableDir)}`,
      `seed ${run.settings.seed}`,
      spec.settings === undefined ? undefined : `settings[${spec.settings.index}]`,
      spec.seats === undefined ? undefined : `seats[${spec.seats.index}]`,
      spec.format,
    ].filter((p) => p !== undefined);
    rows.push([
      String(spec.index),
      spec.key,
      state.kind === 'ended'
        ? `ended ${state.reason}`
        : state.kind === 'resume'
          ? 'to resume'
          : 'to run',
      what.join(', '),
      rangeText(total.requests),
      rangeText(tokens),
      costText(total.cost),
    ]);
  }
  const header = ['run', 'key', 'state', 'parameters', 'requests', 'tokens', 'cost'];
  const all = [header, ...rows].map((row) => row.map((cell) => terminalSafe(cell)));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]?.length ?? 0)));
  const lines = all.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
  const todo = states.new + states.resume;
  lines.push(
    '',
    `${prepared.length} runs in ${out}: ${states.new} to run, ${states.resume} to resume, ${states.ended} ended (nothing was sent)`,
    `Left to do, as roundtable plan estimates it (a resumed run counted whole): ${todo} runs, ${rangeText(left.requests)} requests, ${rangeText(left.tokens)} tokens, ${costText(left.cost)}`,
  );
  return `${lines.join('\n')}\n`;
}
