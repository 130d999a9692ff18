// A grid → its runs: every combination of its lists is one run, in a fixed order, each with a
// key that depends only on what the run is (so a restarted batch finds its runs again).
import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { slugify } from '../transcript/slug.js';
import type { Grid, SeatOverride } from './grid.js';

/** The grid's dimensions, as the results and the summary name them. */
export const DIMENSIONS = ['table', 'seed', 'settings', 'seats', 'format'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface RunSpec {
  /** 10 hex digits from the run's parameters: the same run gets the same key in every batch. */
  readonly key: string;
  /** Its transcript folder's name under the batch's runs/. */
  readonly name: string;
  /** 1-based, in the grid's order. */
  readonly index: number;
  /** The table folder as the grid names it, and resolved against the grid file's folder. */
  readonly table: string;
  readonly tableDir: string;
  readonly seed?: number | undefined;
  readonly settings?: {
    readonly index: number;
    readonly values: Readonly<Record<string, unknown>>;
  };
  readonly seats?: {
    readonly index: number;
    readonly values: Readonly<Record<string, SeatOverride>>;
  };
  readonly format?: string | undefined;
}

/** Every run of the grid: tables × seeds × settings × seats × formats. */
export function expandGrid(grid: Grid): RunSpec[] {
  const base = dirname(resolve(grid.path));
  const seeds = grid.seeds ?? [undefined];
  const settings = grid.settings?.map((values, index) => ({ index, values })) ?? [undefined];
  const seats = grid.seats?.map((values, index) => ({ index, values })) ?? [undefined];
  const formats = grid.formats ?? [undefined];
  const runs: RunSpec[] = [];
  for (const table of grid.tables) {
    const tableDir = resolve(base, table);
    for (const seed of seeds)
      for (const setting of settings)
        for (const seat of seats)
          for (const format of formats) {
            const key = runKey({
              tableDir,
              seed,
              settings: setting?.values,
              seats: seat?.values,
              format,
            });
            runs.push({
              key,
              name: `${slugify(basename(tableDir)).slice(0, 24)}-${key}`,
              index: runs.length + 1,
              table,
              tableDir,
              seed,
              settings: setting,
              seats: seat,
              format,
            });
          }
  }
  return runs;
}

function runKey(params: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex').slice(0, 10);
}

/** JSON with object keys sorted, so that the same parameters always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** How a run stands on each dimension, in a word or two: `larkhaven`, `3`, `turns=8`, `Margit=ollama/qwen3`. */
export function dimensionValues(run: RunSpec): Record<Dimension, string> {
  return {
    table: basename(run.tableDir),
    seed: run.seed === undefined ? '(table)' : String(run.seed),
    settings: run.settings === undefined ? '(table)' : settingsLabel(run.settings.values),
    seats: run.seats === undefined ? '(table)' : seatsLabel(run.seats.values),
    format: run.format ?? '(table)',
  };
}

function settingsLabel(values: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(values).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return parts.length === 0 ? '(none)' : parts.join(' ');
}

function seatsLabel(values: Readonly<Record<string, SeatOverride>>): string {
  return Object.entries(values)
    .map(([name, o]) => {
      const where = [o.endpoint, o.model].filter((x) => x !== undefined).join('/');
      const extra = [
        o.creativity === undefined ? undefined : `c${o.creativity}`,
        o.max_tokens === undefined ? undefined : `max${o.max_tokens}`,
      ].filter((x) => x !== undefined);
      return `${name}=${[where, ...extra].filter((x) => x !== '').join(',')}`;
    })
    .join(' ');
}
