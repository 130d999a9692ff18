import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { InputError } from '../errors.js';
import type { RunStatus } from './run-indexer.js';
import {
  type Match,
  type RunRowOut,
  type RunSummary,
  type SeatSummary,
  toSummary,
} from './run-summary.js';
import { parseSearch, type SearchQuery } from './search-query.js';
import { MATCH_END, MATCH_START, snippetOf } from './snippet.js';

export { MATCH_END, MATCH_START };

export interface HistoryFilter {
  /** Search words (see `parseSearch`). */
  readonly query?: string | undefined;
  /** The table's folder name, or part of its path. */
  readonly table?: string | undefined;
  /** Part of a seat's model name. */
  readonly model?: string | undefined;
  readonly since?: Date | undefined;
  readonly status?: RunStatus | undefined;
  readonly limit?: number | undefined;
}

const MATCHES_PER_RUN = 3;

/**
 * Above this many matching passages, runs are walked newest first and each checked against the
 * matches (it stops at the limit); below it, the matching runs are collected and sorted. Either
 * way a search of a 1,000-run library stays within a few milliseconds (docs/benchmarks.md).
 */
const WALK_RUNS_ABOVE = 4000;

/** The passages matching the search, as a list SQLite builds once per query. */
const MATCHING_IDS = 'SELECT rowid FROM passages_fts WHERE passages_fts MATCH :fts';

/** Runs, newest first, that pass every filter given; with a query, the passages that matched. */
export function listRuns(db: DatabaseSync, filter: HistoryFilter = {}): RunSummary[] {
  const where: string[] = [];
  const params: Record<string, SQLInputValue> = {};
  const search = filter.query === undefined ? undefined : parseSearch(filter.query);
  if (search !== undefined) {
    const count = db
      .prepare(`SELECT count(*) AS n FROM passages_fts WHERE passages_fts MATCH :fts`)
      .get({ fts: search.fts }) as { n: number };
    if (count.n === 0) return [];
    // "+p.id" keeps SQLite from driving the join from the (possibly huge) list of matches.
    where.push(
      count.n > WALK_RUNS_ABOVE
        ? `EXISTS (SELECT 1 FROM passages p WHERE p.run_id = r.id AND +p.id IN (${MATCHING_IDS}))`
        : `r.id IN (SELECT p.run_id FROM passages p WHERE p.id IN (${MATCHING_IDS}))`,
    );
    params.fts = search.fts;
  }
  if (filter.table !== undefined) {
    where.push("(r.table_name = :table OR r.table_dir LIKE :tableLike ESCAPE '\\')");
    params.table = filter.table;
    params.tableLike = `%${likeEscape(filter.table)}%`;
  }
  if (filter.model !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM seats s WHERE s.run_id = r.id AND s.model LIKE :model ESCAPE '\\')`,
    );
    params.model = `%${likeEscape(filter.model)}%`;
  }
  if (filter.since !== undefined) {
    where.push('r.started_at >= :since');
    params.since = filter.since.toISOString();
  }
  // A run whose process died says "running" in the library; it is shown as interrupted.
  if (filter.status === 'interrupted') where.push("r.status IN ('interrupted', 'running')");
  else if (filter.status !== undefined) {
    where.push('r.status = :status');
    params.status = filter.status;
  }
  const limit = filter.limit ?? 20;
  const sql = `SELECT r.* FROM runs r ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY r.started_at DESC, r.id`;
  const statement = db.prepare(sql);
  const runs: RunSummary[] = [];
  // Liveness is checked here, not in SQL, so the limit counts only rows that pass.
  for (const row of statement.iterate(params) as Iterable<RunRowOut>) {
    const summary = toSummary(row);
    if (filter.status !== undefined && summary.status !== filter.status) continue;
    runs.push(summary);
    if (runs.length >= limit) break;
  }
  return withDetails(db, runs, search);
}

/** The run whose id starts with `prefix`; an InputError when none or several do. */
export function findRun(db: DatabaseSync, prefix: string): RunSummary {
  const clean = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]{1,12}$/.test(clean)) {
    throw new InputError(
      `"${prefix}" is not a run id: ids are 12 hex digits (any unique prefix will do), as roundtable history lists them; or give the run's transcript folder`,
    );
  }
  const rows = db
    .prepare('SELECT * FROM runs WHERE id LIKE :prefix ORDER BY started_at DESC LIMIT 6')
    .all({ prefix: `${clean}%` }) as unknown as RunRowOut[];
  const [first] = rows;
  if (first === undefined) {
    throw new InputError(
      `no run in the library has an id starting with "${clean}" (roundtable history lists them; roundtable reindex <folder> adds runs the library does not know)`,
    );
  }
  if (rows.length > 1) {
    const list = rows.map((r) => `${r.id} (${r.started_at.slice(0, 16)}, ${r.title})`);
    throw new InputError(
      `"${clean}" names ${rows.length > 5 ? 'more than 5' : rows.length} runs; give more of the id:\n  ${list.slice(0, 5).join('\n  ')}`,
    );
  }
  const [summary] = withDetails(db, [toSummary(first)], undefined);
  return summary ?? toSummary(first);
}

/** The run whose transcript folder this is, if the library knows it. */
export function findRunByDir(db: DatabaseSync, dir: string): RunSummary | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE dir = ? LIMIT 1').get(dir) as
    | RunRowOut
    | undefined;
  return row === undefined ? undefined : withDetails(db, [toSummary(row)], undefined)[0];
}

export function countRuns(db: DatabaseSync): number {
  return (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
}

function withDetails(
  db: DatabaseSync,
  runs: readonly RunSummary[],
  search: SearchQuery | undefined,
): RunSummary[] {
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.id);
  const marks = ids.map((_, i) => `:id${i}`).join(', ');
  const idParams = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
  const seats = new Map<string, SeatSummary[]>();
  const seatRows = db
    .prepare(
      `SELECT run_id, seat, name, model, endpoint FROM seats WHERE run_id IN (${marks}) ORDER BY seat`,
    )
    .all(idParams) as unknown as (SeatSummary & { run_id: string })[];
  for (const { run_id, ...seat } of seatRows) {
    const list = seats.get(run_id) ?? [];
    list.push({ ...seat });
    seats.set(run_id, list);
  }
  const matches = new Map<string, Match[]>();
  if (search !== undefined) {
    // The index chose the runs; marking the words in their passages is cheaper done here than
    // by asking FTS5 again (a common word matches tens of thousands of passages).
    const passageRows = db
      .prepare(
        `SELECT run_id, kind, turn, speaker, text FROM passages WHERE run_id IN (${marks})
         ORDER BY run_id, kind = 'question', turn, id`,
      )
      .all(idParams) as unknown as (Omit<Match, 'snippet'> & { run_id: string; text: string })[];
    const best = new Map<string, { match: Match; terms: number }[]>();
    for (const { run_id, text, ...where } of passageRows) {
      const snippet = snippetOf(text, search.terms);
      if (snippet.terms === 0) continue;
      const list = best.get(run_id) ?? [];
      list.push({ match: { ...where, snippet: snippet.text }, terms: snippet.terms });
      best.set(run_id, list);
    }
    for (const [runId, list] of best) {
      // The passages holding the most of the search's terms, in the order they were said.
      const top = [...list].sort((a, b) => b.terms - a.terms).slice(0, MATCHES_PER_RUN);
      matches.set(
        runId,
        list.filter((item) => top.includes(item)).map((item) => item.match),
      );
    }
  }
  return runs.map((run) => ({
    ...run,
    seats: seats.get(run.id) ?? [],
    matches: matches.get(run.id) ?? [],
  }));
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
