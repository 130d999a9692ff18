import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits `ms`, or less if `signal` aborts first. Returns false when aborted, so callers read as
 * `if (!(await pause(...))) return`.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    if (ms <= 0) await nextTurn(undefined, { signal });
    else await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Time at which token number `sent + 1` is due, in ms from the first token. */
export function dueAt(sent: number, tokensPerSecond: number): number {
  return (sent * 1000) / tokensPerSecond;
}

/** How many tokens should have been written `elapsedMs` after the first one. */
export function dueBy(elapsedMs: number, tokensPerSecond: number): number {
  return Math.floor((elapsedMs * tokensPerSecond) / 1000) + 1;
}
