// The batch summary as a person reads it: one table per grid dimension, as Markdown (summary.md,
// and the terminal, where Markdown tables read well enough).
import { formatUsd } from '../cost/index.js';
import { terminalSafe } from '../render/terminal-safe.js';
import type { SummaryGroup } from './results.js';

// One formatter per precision: toLocaleString with options builds one on every call, which was
// most of the time a queued batch spent rewriting summary.md after each run.
const formats = new Map<number, Intl.NumberFormat>();
const number = (n: number, digits = 0) => {
  let format = formats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });
    formats.set(digits, format);
  }
  return format.format(n);
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Report figures worth a column in the summary, in this order, when the rows carry them. */
const REPORT_COLUMNS: readonly [string, string, number][] = [
  ['balanceTurns', 'turn Gini', 2],
  ['balanceWords', 'word Gini', 2],
  ['words', 'words', 0],
  ['repetitions', 'repeats', 1],
  ['echoes', 'echoes', 1],
  ['unreached', 'unreached', 1],
];

export function formatSummary(groups: readonly SummaryGroup[], title: string): string {
  const parts = [`# ${terminalSafe(title)}`];
  if (groups.length === 0)
    parts.push('The grid varies nothing: every run is the same combination.');
  for (const group of groups) {
    const extra = REPORT_COLUMNS.filter(([key]) => group.rows.some((r) => key in r.report));
    const header = [
      group.dimension,
      'runs',
      'done',
      'failed',
      'mean turns',
      'mean tokens',
      'mean cost',
      'mean time',
      ...extra.map(([, label]) => `mean ${label}`),
    ];
    const rows = group.rows.map((r) => [
      terminalSafe(r.value).replaceAll('|', '\\|'),
      String(r.runs),
      String(r.completed),
      String(r.failed),
      // No run of this value has ended yet: there is nothing to take the mean of.
      r.ended === 0 ? '—' : number(r.meanTurns, 1),
      r.ended === 0 ? '—' : number(r.meanTokens),
      r.ended === 0 ? '—' : `${formatUsd(r.meanCostUsd)}${r.costComplete ? '' : ' + unknown'}`,
      r.meanDurationSeconds === null ? '—' : `${number(r.meanDurationSeconds, 1)} s`,
      ...extra.map(([key, , digits]) => {
        const value = r.report[key];
        return value === undefined ? '—' : number(value, digits);
      }),
    ]);
    parts.push(`## By ${group.dimension}\n\n${table(header, rows)}`);
  }
  return `${parts.join('\n\n')}\n`;
}
