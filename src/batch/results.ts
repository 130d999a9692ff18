// The batch's results, rebuilt from the run folders (the record) whenever a run ends: a row per
// run in results.jsonl and results.csv, and summary tables grouped by the grid's dimensions.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EndReason } from '../engine/events.js';
import { terminalSafeJson } from '../render/terminal-safe.js';
import type { TranscriptRecord } from '../transcript/events-file.js';
import {
  canonicalJson,
  DIMENSIONS,
  type Dimension,
  dimensionValues,
  type RunSpec,
} from './expand.js';

export const RESULTS_JSONL = 'results.jsonl';
export const RESULTS_CSV = 'results.csv';
export const SUMMARY_MD = 'summary.md';

/** One run's row. Numbers a run did not produce (it has not ended) are absent. */
export interface ResultRow {
  readonly run: number;
  readonly key: string;
  readonly table: string;
  readonly seed: number | null;
  readonly settings: Readonly<Record<string, unknown>> | null;
  readonly seats: Readonly<Record<string, unknown>> | null;
  readonly format: string | null;
  /** How it ended: completed, stopped, failed (interrupted runs have no row until they end). */
  readonly status: EndReason;
  readonly turns: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly tokens: number;
  readonly tokensEstimated: boolean;
  /** US dollars for the tokens with a known price; `costComplete` false when some had none. */
  readonly costUsd: number;
  readonly costComplete: boolean;
  /** Wall-clock seconds the run took, resumes included (time spent stopped is not counted). */
  readonly durationSeconds: number | null;
  /** Numbers from the run's report (`roundtable report`), flattened: `report.balanceTurns`… */
  readonly report: Readonly<Record<string, number | string | null>>;
  readonly outcome: unknown;
  /** The run's transcript folder. */
  readonly dir: string;
}

/** A run's report numbers from its records; issue 13's analysis module fills this in. */
export type ReportNumbers = (
  records: readonly TranscriptRecord[],
) => Readonly<Record<string, number | string | null>>;

export function resultRow(
  spec: RunSpec,
  dir: string,
  records: readonly TranscriptRecord[],
  report: ReportNumbers | undefined,
  outcome: unknown,
): ResultRow | undefined {
  let status: EndReason | undefined;
  let turns = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let estimated = false;
  let costUsd = 0;
  let costComplete = true;
  let durationMs = 0;
  let segmentStart: number | undefined;
  let lastTime: number | undefined;
  for (const record of records) {
    const at = Date.parse(record.ts);
    if (record.type === 'run') {
      if (segmentStart !== undefined && lastTime !== undefined)
        durationMs += lastTime - segmentStart;
      segmentStart = at;
    }
    if (Number.isFinite(at)) lastTime = at;
    if (record.type === 'discussion-ended') {
      status = record.reason;
      turns = record.turns;
      promptTokens = record.usage.promptTokens;
      completionTokens = record.usage.completionTokens;
      estimated = record.usage.estimated;
      const total = (record as { cost?: { usd?: unknown; unpricedTokens?: unknown } }).cost;
      if (total !== undefined && typeof total.usd === 'number') {
        costUsd = total.usd;
        costComplete = total.unpricedTokens === 0;
      } else costComplete = false;
    }
  }
  if (segmentStart !== undefined && lastTime !== undefined) durationMs += lastTime - segmentStart;
  if (status === undefined || status === 'interrupted') return undefined;
  return {
    run: spec.index,
    key: spec.key,
    table: spec.table,
    seed: spec.seed ?? null,
    settings: spec.settings?.values ?? null,
    seats: spec.seats?.values ?? null,
    format: spec.format ?? null,
    status,
    turns,
    promptTokens,
    completionTokens,
    tokens: promptTokens + completionTokens,
    tokensEstimated: estimated,
    costUsd,
    costComplete,
    durationSeconds: Number.isFinite(durationMs) ? Math.round(durationMs / 100) / 10 : null,
    report: report?.(records) ?? {},
    outcome,
    dir,
  };
}

/** Reads outcome.json beside the transcript when the run wrote one. */
export function readOutcome(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8'));
  } catch {
    return null;
  }
}

const CSV_COLUMNS: readonly [string, (row: ResultRow) => unknown][] = [
  ['run', (r) => r.run],
  ['key', (r) => r.key],
  ['table', (r) => r.table],
  ['seed', (r) => r.seed],
  ['settings', (r) => (r.settings === null ? null : canonicalJson(r.settings))],
  ['seats', (r) => (r.seats === null ? null : canonicalJson(r.seats))],
  ['format', (r) => r.format],
  ['status', (r) => r.status],
  ['turns', (r) => r.turns],
  ['prompt_tokens', (r) => r.promptTokens],
  ['completion_tokens', (r) => r.completionTokens],
  ['tokens', (r) => r.tokens],
  ['tokens_estimated', (r) => r.tokensEstimated],
  ['cost_usd', (r) => r.costUsd],
  ['cost_complete', (r) => r.costComplete],
  ['duration_s', (r) => r.durationSeconds],
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  // Quoted when needed (RFC 4180); a leading = + - @ would be a formula in a spreadsheet.
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function toCsv(rows: readonly ResultRow[]): string {
  const reportKeys = [...new Set(rows.flatMap((r) => Object.keys(r.report)))].sort();
  const header = [
    ...CSV_COLUMNS.map(([name]) => name),
    ...reportKeys.map((k) => `report_${k}`),
    'dir',
  ];
  const lines = rows.map((row) =>
    [
      ...CSV_COLUMNS.map(([, get]) => csvCell(get(row))),
      ...reportKeys.map((k) => csvCell(row.report[k])),
      csvCell(
        row.outcome === null || row.outcome === undefined ? null : JSON.stringify(row.outcome),
      ),
      csvCell(row.dir),
    ].join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** Writes both files whole (aside, then renamed), so a reader never sees half a file. */
export function writeResults(out: string, rows: readonly ResultRow[], summary: string): void {
  const put = (name: string, text: string) => {
    const path = join(out, name);
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  };
  put(RESULTS_JSONL, rows.map((row) => `${terminalSafeJson(row)}\n`).join(''));
  put(RESULTS_CSV, toCsv(rows));
  put(SUMMARY_MD, summary);
}

export interface SummaryGroup {
  readonly dimension: Dimension;
  readonly rows: readonly {
    readonly value: string;
    readonly runs: number;
    /** Runs of this value that have ended (the means are over these). */
    readonly ended: number;
    readonly completed: number;
    readonly failed: number;
    readonly meanTurns: number;
    readonly meanTokens: number;
    readonly meanCostUsd: number;
    readonly costComplete: boolean;
    readonly meanDurationSeconds: number | null;
    readonly report: Readonly<Record<string, number>>;
  }[];
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Means per value of each dimension (only those the grid varies, or `only`): what a table of
 * results is for — does one model, format or setting do better than another?
 */
export function summarize(
  specs: readonly RunSpec[],
  rows: readonly ResultRow[],
  only?: Dimension | undefined,
): SummaryGroup[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const groups: SummaryGroup[] = [];
  for (const dimension of only === undefined ? DIMENSIONS : [only]) {
    const values = new Map<string, ResultRow[]>();
    const order: string[] = [];
    for (const spec of specs) {
      const value = dimensionValues(spec)[dimension];
      if (!values.has(value)) {
        values.set(value, []);
        order.push(value);
      }
      const row = byKey.get(spec.key);
      if (row !== undefined) values.get(value)?.push(row);
    }
    if (only === undefined && order.length < 2) continue;
    groups.push({
      dimension,
      rows: order.map((value) => {
        const list = values.get(value) ?? [];
        const durations = list.flatMap((r) =>
          r.durationSeconds === null ? [] : [r.durationSeconds],
        );
        const reportKeys = [...new Set(list.flatMap((r) => Object.keys(r.report)))];
        const report: Record<string, number> = {};
        for (const key of reportKeys) {
          const numbers = list.flatMap((r) =>
            typeof r.report[key] === 'number' ? [r.report[key] as number] : [],
          );
          if (numbers.length > 0) report[key] = mean(numbers);
        }
        return {
          value,
          runs: specs.filter((s) => dimensionValues(s)[dimension] === value).length,
          ended: list.length,
          completed: list.filter((r) => r.status === 'completed' || r.status === 'stopped').length,
          failed: list.filter((r) => r.status === 'failed').length,
          meanTurns: mean(list.map((r) => r.turns)),
          meanTokens: mean(list.map((r) => r.tokens)),
          meanCostUsd: mean(list.map((r) => r.costUsd)),
          costComplete: list.every((r) => r.costComplete),
          meanDurationSeconds: durations.length === 0 ? null : mean(durations),
          report,
        };
      }),
    });
  }
  return groups;
}
