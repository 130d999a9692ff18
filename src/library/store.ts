import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A run's row as the indexer writes it; the columns of `runs` (see schema.ts). */
export interface RunRow {
  readonly id: string;
  readonly dir: string;
  readonly title: string;
  readonly tableDir: string;
  readonly tableName: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly status: string;
  readonly endpoint: string | null;
  readonly model: string | null;
  readonly settings: string | null;
  readonly pid: number | null;
  readonly host: string | null;
}

export interface StartedRow {
  readonly seed: number | null;
  readonly format: string | null;
  readonly turnsPlanned: number | null;
}

export interface ProgressRow {
  readonly status: string;
  readonly updatedAt: string;
  readonly turnsSpoken: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly estimated: boolean;
  /** What the priced tokens cost. */
  readonly costUsd: number;
  /** Every token had a known price (else the run cost costUsd and more). */
  readonly costComplete: boolean;
}

export interface SeatRow {
  readonly seat: number;
  readonly name: string;
  readonly fullName: string | null;
  readonly model: string | null;
  readonly endpoint: string | null;
  readonly memory: boolean;
}

export interface PassageRow {
  readonly kind: 'turn' | 'summary' | 'question';
  readonly turn: number | null;
  readonly seat: number | null;
  readonly speaker: string | null;
  readonly status: string | null;
  readonly text: string;
}

/** The library's writes, prepared once per connection. */
export class LibraryStore {
  readonly #insertRun: StatementSync;
  readonly #resumeRun: StatementSync;
  readonly #started: StatementSync;
  readonly #progress: StatementSync;
  readonly #outcome: StatementSync;
  readonly #insertSeat: StatementSync;
  readonly #insertPassage: StatementSync;
  readonly #deletes: readonly StatementSync[];

  constructor(readonly db: DatabaseSync) {
    this.#insertRun = db.prepare(
      `INSERT INTO runs (id, dir, title, table_dir, table_name, started_at, updated_at, status,
         endpoint, model, settings, pid, host)
       VALUES (:id, :dir, :title, :tableDir, :tableName, :startedAt, :updatedAt, :status,
         :endpoint, :model, :settings, :pid, :host)`,
    );
    this.#resumeRun = db.prepare(
      `UPDATE runs SET dir = :dir, status = :status, updated_at = :updatedAt, pid = :pid,
         host = :host, settings = :settings WHERE id = :id`,
    );
    this.#started = db.prepare(
      'UPDATE runs SET seed = :seed, format = :format, turns_planned = :turnsPlanned WHERE id = :id',
    );
    this.#progress = db.prepare(
      `UPDATE runs SET status = :status, updated_at = :updatedAt, turns_spoken = :turnsSpoken,
         prompt_tokens = :promptTokens, completion_tokens = :completionTokens,
         tokens_estimated = :estimated, cost_usd = :costUsd, cost_complete = :costComplete
       WHERE id = :id`,
    );
    this.#outcome = db.prepare('UPDATE runs SET outcome = :outcome WHERE id = :id');
    this.#insertSeat = db.prepare(
      `INSERT OR REPLACE INTO seats (run_id, seat, name, full_name, model, endpoint, memory)
       VALUES (:runId, :seat, :name, :fullName, :model, :endpoint, :memory)`,
    );
    this.#insertPassage = db.prepare(
      `INSERT INTO passages (run_id, kind, turn, seat, speaker, status, text)
       VALUES (:runId, :kind, :turn, :seat, :speaker, :status, :text)`,
    );
    this.#deletes = [
      db.prepare('DELETE FROM passages WHERE run_id = ?'),
      db.prepare('DELETE FROM seats WHERE run_id = ?'),
      db.prepare('DELETE FROM runs WHERE id = ?'),
    ];
  }

  /** Forgets a run entirely (before it is indexed again from its folder). */
  deleteRun(id: string): void {
    for (const statement of this.#deletes) statement.run(id);
  }

  insertRun(row: RunRow): void {
    this.#insertRun.run({ ...row });
  }

  resumeRun(
    row: Pick<RunRow, 'id' | 'dir' | 'status' | 'updatedAt' | 'pid' | 'host' | 'settings'>,
  ) {
    this.#resumeRun.run({ ...row });
  }

  started(id: string, row: StartedRow): void {
    this.#started.run({ id, ...row });
  }

  progress(id: string, row: ProgressRow): void {
    this.#progress.run({
      id,
      ...row,
      estimated: row.estimated ? 1 : 0,
      costComplete: row.costComplete ? 1 : 0,
    });
  }

  outcome(id: string, outcome: string | null): void {
    this.#outcome.run({ id, outcome });
  }

  seat(runId: string, row: SeatRow): void {
    this.#insertSeat.run({ runId, ...row, memory: row.memory ? 1 : 0 });
  }

  passage(runId: string, row: PassageRow): void {
    this.#insertPassage.run({ runId, ...row });
  }
}
