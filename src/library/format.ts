// How `history` and `show` print runs for a person: one block a run, the matched words marked.
import type { Style } from '../render/ansi.js';
import { MATCH_END, MATCH_START, type RunSummary } from './queries.js';

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

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is removed
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is removed
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Model text and table files on their way to a terminal: escape sequences, control characters
 * (newline and tab are kept) and bidi overrides would steer it, so they are removed.
 */
export function terminalSafe(text: string): string {
  return text.replace(CSI, '').replace(OSC, '').replace(CONTROLS, '');
}

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
  return `${run.estimated ? '~' : ''}${total.toLocaleString('en-US')} tokens`;
}

export function formatCost(cost: number | null): string | undefined {
  if (cost === null) return undefined;
  return cost === 0 ? '$0' : `$${cost < 0.01 ? cost.toFixed(4) : cost.toFixed(2)}`;
}

/** "markov ×4" or "gpt-4o-mini ×2, llama3" */
export function formatModels(run: Pick<RunSummary, 'seats'>): string {
  const counts = new Map<string, number>();
  for (const seat of run.seats) {
    const model = seat.model ?? 'default';
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return [...counts].map(([model, n]) => (n > 1 ? `${model} ×${n}` : model)).join(', ');
}

/** One run in a list: a line of facts, its title, and the passages that matched the search. */
export function formatRunLine(run: RunSummary, { style }: FormatOptions): string {
  const turns =
    run.turnsPlanned === null
      ? `${run.turnsSpoken} turns`
      : `${run.turnsSpoken}/${run.turnsPlanned} turns`;
  const facts = [
    style.fg('#d7af00', run.id),
    formatDate(run.startedAt),
    style.fg(STATUS_COLORS[run.status] ?? '#bcbcbc', run.status.padEnd(11)),
    terminalSafe(run.tableName),
    formatModels(run),
    turns,
    formatTokens(run),
    formatCost(run.costUsd),
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
  const rows: [string, string][] = [
    ['run', run.id],
    ['title', terminalSafe(run.title)],
    ['folder', terminalSafe(run.dir)],
    ['table', terminalSafe(run.tableDir)],
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
    [
      'turns',
      run.turnsPlanned === null
        ? String(run.turnsSpoken)
        : `${run.turnsSpoken} of ${run.turnsPlanned}`,
    ],
    [
      'tokens',
      `${formatTokens(run)} (${run.promptTokens} prompt + ${run.completionTokens} completion)`,
    ],
  ];
  const cost = formatCost(run.costUsd);
  if (cost !== undefined) rows.push(['cost', cost]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${style.dim(label.padEnd(width))}  ${value}`).join('\n');
}
