// How `history` and `show` print runs for a person: one block a run, the matched words marked.

import { formatUsd } from '../cost/index.js';
import { formatCount } from '../format-count.js';
import type { Style } from '../render/ansi.js';
import { planShown } from '../render/labels.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { MATCH_END, MATCH_START } from './queries.js';
import type { RunSummary } from './run-summary.js';

export interface FormatOptions {
  readonly style: Style;
  /** Local time zone dates (tests pin it). */
  readonly now?: Date | undefined;
}

const STATUS_COLORS: Record<string, string> = {
  completed: '#5fd75f',
  stopped: '#5fafd7',
  running: '#d7d75f',
  interrupted: '#d7af5f',
  failed: '#d75f5f',
};

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function formatTokens(
  run: Pick<RunSummary, 'promptTokens' | 'completionTokens' | 'estimated'>,
): string {
  const total = run.promptTokens + run.completionTokens;
  return `${run.estimated ? '~' : ''}${formatCount(total)} tokens`;
}

/** `$0.42`, `$0.42 + unknown` (some tokens had no known price), or `cost unknown`. */
export function formatRunCost(run: Pick<RunSummary, 'costUsd' | 'costComplete'>): string {
  if (run.costComplete) return formatUsd(run.costUsd);
  return run.costUsd > 0 ? `${formatUsd(run.costUsd)} + unknown` : 'cost unknown';
}

/** "markov ×4" or "gpt-4o-mini ×2, llama3" */
export function formatModels(run: Pick<RunSummary, 'seats'>): string {
  const counts = new Map<string, number>();
  for (const seat of run.seats) {
    const model = seat.model ?? 'default';
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return terminalSafe(
    [...counts].map(([model, n]) => (n > 1 ? `${model} ×${n}` : model)).join(', '),
  );
}

/** One run in a list: a line of facts, its title, and the passages that matched the search. */
export function formatRunLine(run: RunSummary, { style }: FormatOptions): string {
  const planned = planShown(run.turnsSpoken, run.turnsPlanned);
  const turns =
    planned === undefined ? `${run.turnsSpoken} turns` : `${run.turnsSpoken}/${planned} turns`;
  const facts = [
    style.fg('#d7af00', run.id),
    formatDate(run.startedAt),
    style.fg(STATUS_COLORS[run.status] ?? '#bcbcbc', run.status.padEnd(11)),
    terminalSafe(run.tableName),
    formatModels(run),
    turns,
    formatTokens(run),
    formatRunCost(run),
  ].filter((part): part is string => part !== undefined && part !== '');
  const lines = [facts.join('  '), `    ${style.bold(terminalSafe(run.title))}`];
  for (const match of run.matches) {
    const where =
      match.kind === 'question'
        ? 'question'
        : match.kind === 'summary'
          ? `summary, ${match.speaker ?? ''}`
          : `turn ${match.turn ?? '?'}, ${match.speaker ?? ''}`;
    lines.push(`    ${style.dim(`${terminalSafe(where)}:`)} ${highlight(match.snippet, style)}`);
  }
  return lines.join('\n');
}

/** Marks the matched words: bold and coloured on a terminal, **like this** elsewhere. */
export function highlight(snippet: string, style: Style): string {
  const flat = snippet.replace(/\s+/g, ' ');
  const parts = flat.split(new RegExp(`${MATCH_START}|${MATCH_END}`));
  return parts
    .map((part, i) => {
      const safe = terminalSafe(part);
      if (i % 2 === 0) return safe;
      return style.level === 0 ? `**${safe}**` : style.bold(style.fg('#ffaf00', safe));
    })
    .join('');
}

export function formatHistory(runs: readonly RunSummary[], options: FormatOptions): string {
  return runs.map((run) => formatRunLine(run, options)).join('\n\n');
}

/** The facts `show` prints above a run's transcript. */
export function formatRunHeader(run: RunSummary, { style }: FormatOptions): string {
  const planned = planShown(run.turnsSpoken, run.turnsPlanned);
  const rows: [string, string][] = [
    ['run', run.id],
    ['title', terminalSafe(run.title)],
    ['folder', terminalSafe(run.dir)],
    ['table', terminalSafe(run.tableName)],
    ['started', formatDate(run.startedAt)],
    ['status', run.status],
    ['format', run.format ?? 'roundtable'],
    ['seed', run.seed === null ? '—' : String(run.seed)],
    [
      'seats',
      run.seats
        .map((s) => `${terminalSafe(s.name)} (${terminalSafe(s.model ?? 'default')})`)
        .join(', '),
    ],
    ['turns', planned === undefined ? String(run.turnsSpoken) : `${run.turnsSpoken} of ${planned}`],
    [
      'tokens',
      `${formatTokens(run)} (${formatCount(run.promptTokens)} prompt + ${formatCount(run.completionTokens)} completion)`,
    ],
  ];
  rows.push(['cost', formatRunCost(run)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${style.dim(label.padEnd(width))}  ${value}`).join('\n');
}
