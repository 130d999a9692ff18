import { ExitCode } from '../../errors.js';
import { parseQueueUrl } from '../../queue/connection.js';
import { runWorker } from '../../queue/worker.js';
import { notice } from '../notice.js';
import { numberFlag } from '../number-flag.js';
import { sharedDummies } from '../shared-dummies.js';

interface WorkerFlags {
  queue: string;
  concurrency?: string;
  stalledAfter?: string;
}

/** `roundtable worker --queue redis://…`: runs batches' runs from the queue until stopped. */
export async function workerCommand(raw: WorkerFlags): Promise<number> {
  const queue = parseQueueUrl(raw.queue);
  const concurrency =
    numberFlag('--concurrency', raw.concurrency, { integer: true, min: 1, max: 256 }) ?? 2;
  const stalledAfter = numberFlag('--stalled-after', raw.stalledAfter, { min: 1, max: 3600 }) ?? 30;
  const abort = new AbortController();
  const onSignal = (): void => {
    if (abort.signal.aborted) process.exit(ExitCode.interrupted);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const dummies = sharedDummies();
  try {
    await runWorker({
      queue,
      concurrency,
      stalledAfterMs: stalledAfter * 1000,
      env: process.env,
      log: (line) => notice(`roundtable worker: ${line}`),
      signal: abort.signal,
      startDummy: dummies.forSeed,
    });
    return ExitCode.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await dummies.closeAll();
  }
}
