// Runs a grid's runs into a batch folder, several at once: each run into its own transcript
// folder, skipping the ones that ended, resuming the ones that were cut off. Results are rebuilt
// from the folders as runs end, so a batch stopped at any moment and started again loses nothing
// and runs nothing twice.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCount } from '../format-count.js';
import type { Library } from '../library/library.js';
import { readEvents } from '../transcript/events-file.js';
import type { Executor } from './executor.js';
import type { Dimension, RunSpec } from './expand.js';
import type { Grid } from './grid.js';
import type { PreparedRun } from './prepare.js';
import { BatchProgress, type ProgressView, runLabel } from './progress.js';
import {
  type ReportNumbers,
  type ResultRow,
  readOutcome,
  resultRow,
  summarize,
  writeResults,
} from './results.js';
import { type FolderState, folderState } from './run-folder.js';
import { formatSummary } from './summary-format.js';

export const MANIFEST = 'batch.json';

export interface BatchOptions {
  readonly grid: Grid;
  readonly specs: readonly RunSpec[];
  readonly prepared: readonly PreparedRun[];
  /** The batch folder (`--out`). */
  readonly out: string;
  /** Used for the ETA: how many runs go at once. */
  readonly concurrency: number;
  /** Who runs the runs: this process (`localExecutor`) or queue workers. */
  readonly executor: Executor;
  /** Resume runs that ended `failed` too (a dead endpoint that is back). */
  readonly retryFailed?: boolean | undefined;
  /** Aborting stops the batch: running discussions end `interrupted`, no new one starts. */
  readonly signal: AbortSignal;
  readonly view: (progress: BatchProgress) => ProgressView;
  readonly library?: Library | undefined;
  readonly report?: ReportNumbers | undefined;
  readonly groupBy?: Dimension | undefined;
}

export interface BatchOutcome {
  readonly rows: readonly ResultRow[];
  /** Runs that ended this time or before, failed ones included. */
  readonly ended: number;
  readonly failed: number;
  /** Runs that could not be started or broke off with an error (named in `errors`). */
  readonly errors: readonly string[];
  readonly interrupted: boolean;
  readonly summary: string;
}

export function runsDir(out: string): string {
  return join(out, 'runs');
}

export async function runBatch(options: BatchOptions): Promise<BatchOutcome> {
  const { out, specs } = options;
  mkdirSync(runsDir(out), { recursive: true });
  writeManifest(options);

  const states = new Map<string, FolderState>();
  for (const run of options.prepared) {
    states.set(run.spec.key, await folderState(join(runsDir(out), run.spec.name)));
  }
  const rows = new Map<string, ResultRow>();
  const rowOf = async (spec: RunSpec): Promise<ResultRow | undefined> => {
    const dir = resolve(runsDir(out), spec.name);
    const recorded = await readEvents(dir);
    return resultRow(spec, dir, recorded.records, options.report, readOutcome(dir));
  };
  const todo: PreparedRun[] = [];
  for (const run of options.prepared) {
    const state = states.get(run.spec.key);
    const redo =
      state?.kind === 'ended' && state.reason === 'failed' && options.retryFailed === true;
    if (state?.kind === 'ended' && !redo) {
      const row = await rowOf(run.spec);
      if (row !== undefined) rows.set(run.spec.key, row);
    } else todo.push(run);
  }

  const finished = [...rows.values()];
  const progress = new BatchProgress(
    options.prepared.length,
    {
      done: finished.length,
      tokens: finished.reduce((sum, r) => sum + r.tokens, 0),
      costUsd: finished.reduce((sum, r) => sum + r.costUsd, 0),
      costComplete: finished.every((r) => r.costComplete),
    },
    options.concurrency,
  );
  const view = options.view(progress);
  const title = `Batch ${options.grid.path}`;
  const publish = () => {
    const ordered = specs.flatMap((s) => rows.get(s.key) ?? []);
    const summary = formatSummary(summarize(specs, ordered, options.groupBy), title);
    writeResults(out, ordered, summary);
    return { ordered, summary };
  };
  publish();
  if (finished.length > 0) {
    view.log(`${finished.length} of ${options.prepared.length} runs already ended; skipping them`);
  }

  const errors: string[] = [];
  await options.executor({
    runs: todo,
    states,
    runsDir: runsDir(out),
    signal: options.signal,
    library: options.library,
    hooks: {
      started(run, resumed) {
        progress.started(run.spec, resumed, run.settings.turns);
        view.log(`${resumed ? 'resuming' : 'started'} ${runLabel(run.spec)}`);
      },
      event(run, event) {
        progress.event(run.spec, event);
        view.update();
      },
      async ended(run, reason, error) {
        if (error !== undefined) {
          errors.push(`${runLabel(run.spec)}: ${error}`);
          view.log(`error in ${runLabel(run.spec)}: ${error}`);
        }
        progress.ended(run.spec, reason);
        if (reason !== undefined && reason !== 'interrupted') {
          const row = await rowOf(run.spec);
          if (row !== undefined) rows.set(run.spec.key, row);
          publish();
          const verb = reason === 'failed' ? 'failed' : 'done';
          view.log(`${verb} ${runLabel(run.spec)}: ${describeRow(row)}`);
        } else if (reason === 'interrupted') {
          view.log(`interrupted ${runLabel(run.spec)} (roundtable batch again resumes it)`);
        }
      },
    },
  });
  view.close();
  const { ordered, summary } = publish();
  return {
    rows: ordered,
    ended: ordered.length,
    failed: ordered.filter((r) => r.status === 'failed').length,
    errors,
    interrupted: options.signal.aborted,
    summary,
  };
}

function describeRow(row: ResultRow | undefined): string {
  if (row === undefined) return 'no result';
  return `${row.status}, ${row.turns} turns, ${formatCount(row.tokens)} tokens${row.durationSeconds === null ? '' : `, ${row.durationSeconds} s`}`;
}

/** What the batch folder holds, for people and tools: the grid and its runs with their folders. */
function writeManifest(options: BatchOptions): void {
  const manifest = {
    grid: resolve(options.grid.path),
    updatedAt: new Date().toISOString(),
    runs: options.specs.map((s) => ({
      run: s.index,
      key: s.key,
      folder: join('runs', s.name),
      table: s.table,
      seed: s.seed ?? null,
      settings: s.settings?.values ?? null,
      seats: s.seats?.values ?? null,
      format: s.format ?? null,
    })),
  };
  const path = join(options.out, MANIFEST);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
