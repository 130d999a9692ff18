import { basename, extname, join, resolve } from 'node:path';
import { runBatch } from '../../batch/batch.js';
import { dryRun } from '../../batch/dry-run.js';
import { localExecutor } from '../../batch/executor.js';
import { DIMENSIONS, type Dimension, expandGrid } from '../../batch/expand.js';
import { loadGrid } from '../../batch/grid.js';
import { prepareRuns } from '../../batch/prepare.js';
import { lineView, terminalView } from '../../batch/progress.js';
import { reportNumbers } from '../../batch/report-numbers.js';
import { ExitCode, InputError } from '../../errors.js';
import { recallFrom } from '../../library/for-run.js';
import { Library } from '../../library/library.js';
import { parseQueueUrl, type QueueUrl } from '../../queue/connection.js';
import { notice } from '../notice.js';
import { numberFlag } from '../number-flag.js';
import { sharedDummies } from '../shared-dummies.js';
import { warnNotice } from '../warn-notice.js';

interface BatchFlags {
  out?: string;
  concurrency?: string;
  dryRun?: boolean;
  retryFailed?: boolean;
  groupBy?: string;
  plain?: boolean;
  queue?: string;
}

/** The runs go on a BullMQ queue on Redis, for `roundtable worker`s to take. */
async function queueExecutorFor(queue: QueueUrl, out: string) {
  const { queueExecutor } = await import('../../queue/coordinator.js');
  const { batchId } = await import('../../queue/protocol.js');
  return queueExecutor({
    queue,
    batch: batchId(out),
    positionsDir: join(out, 'queue'),
  });
}

/** The batch folder when `--out` is not given: `batches/<grid file name>`, so a second run resumes. */
export function defaultBatchFolder(gridPath: string): string {
  return join('batches', basename(gridPath, extname(gridPath)) || 'batch');
}

/** `roundtable batch <grid.json>`: every run of the grid, several at once, resumable. */
export async function batchCommand(gridPath: string, raw: BatchFlags): Promise<number> {
  const concurrency =
    numberFlag('--concurrency', raw.concurrency, { integer: true, min: 1, max: 256 }) ?? 4;
  const groupBy = raw.groupBy?.trim();
  if (groupBy !== undefined && !(DIMENSIONS as readonly string[]).includes(groupBy)) {
    throw new InputError(`--group-by "${raw.groupBy}": expected one of ${DIMENSIONS.join(', ')}`);
  }
  // A bad URL is bad usage: said before anything else is read.
  const queue = raw.queue === undefined ? undefined : parseQueueUrl(raw.queue);
  const grid = await loadGrid(gridPath);
  const specs = expandGrid(grid);
  const prepared = await prepareRuns(grid, specs, process.env);
  const out = raw.out ?? defaultBatchFolder(gridPath);

  if (raw.dryRun === true) {
    process.stdout.write(await dryRun(prepared, out, process.env));
    return ExitCode.ok;
  }

  const abort = new AbortController();
  const onSignal = (): void => {
    if (abort.signal.aborted) process.exit(ExitCode.interrupted);
    notice(
      'roundtable: stopping: running discussions end after their turn in flight (Ctrl-C again to leave at once)',
    );
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const dummies = sharedDummies();
  let library: Library | undefined;
  try {
    library = Library.open({ warn: warnNotice });
  } catch (error) {
    notice(
      `roundtable: the run library is not available (${(error as Error).message}); runs are not indexed`,
    );
  }
  const interactive = process.stderr.isTTY === true && raw.plain !== true;
  try {
    // Seats with `memory: true` remember earlier runs, not this batch's own.
    const recall = { before: new Date(), excludeUnder: resolve(out) };
    const outcome = await runBatch({
      grid,
      specs,
      prepared:
        library === undefined
          ? prepared
          : prepared.map((run) => ({
              ...run,
              memories: recallFrom(library, run.loaded.table, recall, warnNotice),
            })),
      out,
      concurrency,
      retryFailed: raw.retryFailed,
      executor:
        raw.queue === undefined
          ? localExecutor({ concurrency, env: process.env, dummyFor: dummies.forSeed })
          : await queueExecutorFor(queue ?? parseQueueUrl(raw.queue), out),
      signal: abort.signal,
      view: (progress) =>
        interactive ? terminalView(progress, process.stderr) : lineView(progress, process.stderr),
      library,
      report: reportNumbers,
      groupBy: groupBy as Dimension | undefined,
    });
    process.stdout.write(outcome.summary);
    notice(
      `Results: ${join(out, 'results.jsonl')}, ${join(out, 'results.csv')}, ${join(out, 'summary.md')}`,
    );
    for (const error of outcome.errors) notice(`roundtable: ${error}`);
    if (outcome.interrupted) {
      notice(`roundtable: batch stopped; run the same command again to resume it (${out})`);
      return ExitCode.interrupted;
    }
    return outcome.errors.length > 0 || outcome.failed > 0 ? ExitCode.failure : ExitCode.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    library?.close();
    await dummies.closeAll();
  }
}
