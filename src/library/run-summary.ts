// A run as the library gives it back (history, show): its row, seats and matching passages,
// with a "running" status checked against the process that writes it.
import { hostname } from 'node:os';
import type { RunStatus } from './run-indexer.js';

export interface SeatSummary {
  readonly seat: number;
  readonly name: string;
  readonly model: string | null;
  readonly endpoint: string | null;
}

/** A passage that matched the search, with the matched words between START and END marks. */
export interface Match {
  readonly kind: 'turn' | 'summary' | 'question';
  readonly turn: number | null;
  readonly speaker: string | null;
  readonly snippet: string;
}

export interface RunSummary {
  readonly id: string;
  readonly dir: string;
  readonly title: string;
  readonly tableName: string;
  readonly tableDir: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly status: RunStatus;
  readonly seed: number | null;
  readonly format: string | null;
  readonly turnsPlanned: number | null;
  readonly turnsSpoken: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly estimated: boolean;
  /** What the tokens with a known price cost, in US dollars. */
  readonly costUsd: number;
  /** Every token had a known price; false: the run cost `costUsd` and an unknown amount more. */
  readonly costComplete: boolean;
  readonly endpoint: string | null;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly outcome: unknown;
  readonly seats: readonly SeatSummary[];
  readonly matches: readonly Match[];
}

export const STATUSES: readonly RunStatus[] = [
  'running',
  'completed',
  'stopped',
  'interrupted',
  'failed',
];

/** A row of the runs table as SELECT r.* returns it. */
export interface RunRowOut {
  id: string;
  dir: string;
  title: string;
  table_name: string;
  table_dir: string;
  started_at: string;
  updated_at: string;
  status: string;
  seed: number | null;
  format: string | null;
  turns_planned: number | null;
  turns_spoken: number;
  prompt_tokens: number;
  completion_tokens: number;
  tokens_estimated: number;
  cost_usd: number;
  cost_complete: number;
  endpoint: string | null;
  settings: string | null;
  outcome: string | null;
  pid: number | null;
  host: string | null;
}

export function toSummary(row: RunRowOut): RunSummary {
  return {
    id: row.id,
    dir: row.dir,
    title: row.title,
    tableName: row.table_name,
    tableDir: row.table_dir,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    status: effectiveStatus(row),
    seed: row.seed,
    format: row.format,
    turnsPlanned: row.turns_planned,
    turnsSpoken: row.turns_spoken,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    estimated: row.tokens_estimated !== 0,
    costUsd: row.cost_usd,
    costComplete: row.cost_complete !== 0,
    endpoint: row.endpoint,
    settings: parseJson(row.settings) as Record<string, unknown>,
    outcome: parseJson(row.outcome),
    seats: [],
    matches: [],
  };
}

/** "running" only while the process that writes it is alive (on this machine, as far as we can tell). */
function effectiveStatus(row: RunRowOut): RunStatus {
  const status = (STATUSES as readonly string[]).includes(row.status)
    ? (row.status as RunStatus)
    : 'interrupted';
  if (status !== 'running') return status;
  if (row.pid === null) return 'interrupted';
  if (row.host !== null && row.host !== hostname()) return 'running';
  return isAlive(row.pid) ? 'running' : 'interrupted';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
