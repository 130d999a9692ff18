// How a batch's runs get run: here, several at once (`localExecutor`), or by queue workers on any
// machine (src/queue/coordinator.ts). Either way the batch is told the same things.
import { join } from 'node:path';
import type { EndpointDeps } from '../cli/endpoint.js';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import type { Library } from '../library/library.js';
import { readEvents } from '../transcript/events-file.js';
import { executeRun } from './execute.js';
import type { PreparedRun } from './prepare.js';
import type { FolderState } from './run-folder.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface RunHooks {
  /** The run's discussion began (or was taken up again) in its folder. */
  started(run: PreparedRun, resumed: boolean): void;
  event(run: PreparedRun, event: DiscussionEvent): void;
  /** The run ended (`interrupted`: the batch was stopped), or broke off with `error`. */
  ended(run: PreparedRun, reason: EndReason | undefined, error?: string | undefined): Promise<void>;
}

export interface ExecutorInput {
  readonly runs: readonly PreparedRun[];
  readonly states: ReadonlyMap<string, FolderState>;
  /** The batch's runs/ folder. */
  readonly runsDir: string;
  readonly signal: AbortSignal;
  readonly library?: Library | undefined;
  readonly hooks: RunHooks;
}

export type Executor = (input: ExecutorInput) => Promise<void>;

export interface LocalOptions {
  readonly concurrency: number;
  readonly env: Env;
  /** One Markov server per seed for the batch's offline seats. */
  readonly dummyFor?: ((seed: number) => EndpointDeps['startDummy']) | undefined;
}

/** Runs up to `concurrency` discussions at once in this process. */
export function localExecutor(options: LocalOptions): Executor {
  return async ({ runs, states, runsDir, signal, library, hooks }) => {
    const queue = [...runs];
    const worker = async (): Promise<void> => {
      for (;;) {
        if (signal.aborted) return;
        const run = queue.shift();
        if (run === undefined) return;
        const state = states.get(run.spec.key) ?? { kind: 'new' };
        hooks.started(run, state.kind !== 'new');
        let reason: EndReason | undefined;
        let error: string | undefined;
        try {
          reason = await executeRun(run, {
            runsDir,
            // A run that failed before is taken up again like one that was cut off.
            state:
              state.kind === 'ended'
                ? {
                    kind: 'resume',
                    events: state.events,
                    previous: await readEvents(join(runsDir, run.spec.name)),
                  }
                : state,
            env: options.env,
            signal,
            library,
            deps: { startDummy: options.dummyFor?.(run.settings.seed) },
            onEvent: (event) => hooks.event(run, event),
          });
        } catch (caught) {
          error = (caught as Error).message;
        }
        await hooks.ended(run, reason, error);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  };
}
