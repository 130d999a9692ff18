// The `random` and `round-robin` speaker policies. Pure: the engine supplies the state and draws.
import type { Random } from '../random.js';

/** The original's rule: anyone eligible, uniformly. */
export function pickRandom(eligible: readonly number[], random: Random): number {
  return random.pick(eligible);
}

/** The next eligible seat after the last speaker, in seat order, going round. */
export function pickRoundRobin(eligible: readonly number[], previous: number | undefined): number {
  const sorted = [...eligible].sort((a, b) => a - b);
  if (previous === undefined) return sorted[0] ?? -1;
  return sorted.find((index) => index > previous) ?? sorted[0] ?? -1;
}
