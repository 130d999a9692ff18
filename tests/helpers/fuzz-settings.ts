// How a property-based (fast-check) test runs, from the environment. fast-check picks a new seed
// each run and names it only in a failure's message, which a test timeout never shows; so each
// run's seed is chosen here, printed by the test, and taken from FUZZ_SEED to replay a run.
import fc from 'fast-check';

export interface FuzzSettings {
  /** FUZZ_RUNS: how many cases. */
  readonly runs: number;
  /** FUZZ_SEED: the run's seed (a new one each run when unset). */
  readonly seed: number;
  /** FUZZ_LIMIT_MS: one case's time limit (a guard against a hang, not a speed test). */
  readonly limitMs: number;
  /** The test's own timeout: longer runs get longer. */
  readonly testMs: number;
  /** What fc.assert takes: the seed, the runs, and shrinking cut off before the test's timeout. */
  readonly assert: fc.Parameters<unknown>;
}

function integerVariable(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name}=${raw}: expected an integer from ${min} to ${max}`);
  return value;
}

export function fuzzSettings(env: NodeJS.ProcessEnv, defaultRuns: number): FuzzSettings {
  const runs = integerVariable(env, 'FUZZ_RUNS', defaultRuns, 1, 100_000_000);
  // As fast-check draws its own: any 32-bit integer.
  const seed = integerVariable(
    env,
    'FUZZ_SEED',
    (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0,
    -(2 ** 31),
    2 ** 31 - 1,
  );
  const limitMs = integerVariable(env, 'FUZZ_LIMIT_MS', 20_000, 1, 3_600_000);
  const testMs = Math.max(120_000, runs * 20);
  return {
    runs,
    seed,
    limitMs,
    testMs,
    assert: {
      numRuns: runs,
      seed,
      // A failure is reported with the smallest case found by then, not lost to the test's
      // timeout while shrinking (each shrink step of a slow case is slow too).
      plugins: [fc.interruptAfterTimeLimit(testMs - 20_000, { failOnInterrupt: true })],
    },
  };
}

/** Prints what replays this run (`FUZZ_SEED=… FUZZ_RUNS=…`), before it runs. */
export function printReplay(settings: FuzzSettings, test: string): void {
  process.stdout.write(
    `${test}: FUZZ_SEED=${settings.seed} FUZZ_RUNS=${settings.runs} replays this run\n`,
  );
}

/**
 * Runs one case within the time limit: it throws if the case gives no answer in time (an async
 * hang) or answers late (a synchronous stretch no timer could interrupt).
 */
export async function withinLimit<T>(run: () => Promise<T>, limitMs: number): Promise<T> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${limitMs} ms`)), limitMs);
  });
  try {
    const value = await Promise.race([run(), late]);
    const took = performance.now() - started;
    if (took > limitMs) throw new Error(`answered after ${Math.round(took)} ms, over ${limitMs}`);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

/** How one case ended: one of the kinds the property allows, or a crash that fails the run. */
export type CaseOutcome<K extends string> =
  | { readonly kind: K }
  | { readonly kind: 'crashed'; readonly error: unknown };

/**
 * Runs the property over the run's cases, each within the time limit, and counts how they ended;
 * a crash fails the run with the smallest case fast-check finds.
 */
export async function countOutcomes<T, K extends string>(
  settings: FuzzSettings,
  test: string,
  cases: fc.Arbitrary<T>,
  outcomeOf: (value: T) => Promise<CaseOutcome<K>>,
): Promise<Partial<Record<K, number>>> {
  printReplay(settings, test);
  const seen: Partial<Record<K, number>> = {};
  await fc.assert(
    fc.asyncProperty(cases, async (value) => {
      const outcome = await withinLimit(() => outcomeOf(value), settings.limitMs);
      if (outcome.kind === 'crashed') throw (outcome as { error: unknown }).error;
      const kind = outcome.kind as K;
      seen[kind] = (seen[kind] ?? 0) + 1;
    }),
    settings.assert,
  );
  return seen;
}
