// Waiting on a run and reading its events.jsonl: polling until something holds, the moments tests
// wait for (a turn being spoken, with its text on screen), the pace turns streamed at.
import { turnTextOf } from './screen-text.js';
import type { TerminalRun } from './terminal.js';

/** One line of events.jsonl, loosely typed: tests look at a few fields of a few record types. */
export interface EventRecord {
  readonly type: string;
  readonly turn?: number;
  readonly kind?: string;
  readonly speaker?: string;
  readonly reason?: string;
  readonly status?: string;
  readonly text?: string;
  readonly mention?: string;
  readonly beforeTurn?: number;
  readonly turns?: number;
  readonly topic?: { readonly index: number; readonly text: string };
  readonly command?: { readonly type: string };
  readonly participants?: readonly { readonly name: string }[];
}

const POLL_MS = 50;
export const DEFAULT_WAIT_MS = 15_000;

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = DEFAULT_WAIT_MS,
  describeLast?: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const last = describeLast === undefined ? '' : `\n--- last seen ---\n${await describeLast()}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The turn being spoken now: started in events.jsonl, not yet ended. */
export function turnInProgress(events: readonly EventRecord[]): EventRecord | undefined {
  const started = events.findLast((e) => e.type === 'turn-started');
  if (started === undefined) return undefined;
  const ended = events.some((e) => e.type === 'turn-ended' && e.turn === started.turn);
  return ended ? undefined : started;
}

/**
 * Waits until a regular turn is being spoken and its text is on screen, and returns it: the
 * moment to press a key "mid-turn".
 */
export async function waitForTextMidTurn(run: TerminalRun): Promise<EventRecord> {
  return waitFor(
    async () => {
      const current = turnInProgress(await run.events());
      if (current?.kind !== 'turn' || current.turn === undefined) return undefined;
      const text = turnTextOf(await run.screen(), current.turn);
      return text !== undefined && text.length > 0 ? current : undefined;
    },
    'a turn with text streaming',
    DEFAULT_WAIT_MS,
    () => run.screen(),
  );
}

export interface Timed extends EventRecord {
  readonly ts?: string;
  readonly usage?: { readonly completionTokens: number };
}

/**
 * The fastest turn of an unpaced run streams faster than this. A paced one streams at 30 tokens/s
 * (under 40 measured: readme-view.test.ts): twice that tells them apart. Unpaced offline turns
 * measured 87 to 5,700 tokens/s on this machine at load 10, the fastest of three never under 245;
 * a bound of 150 left a loaded CI machine too little room.
 */
export const UNPACED_TOKENS_PER_SECOND = 80;

/** Completion tokens a second of each finished turn, from events.jsonl's timestamps. */
export function paces(events: readonly Timed[]): number[] {
  const rates: number[] = [];
  for (const end of events) {
    if (end.type !== 'turn-ended' || end.usage === undefined) continue;
    const start = events.find((e) => e.type === 'turn-started' && e.turn === end.turn);
    const seconds = (Date.parse(end.ts ?? '') - Date.parse(start?.ts ?? '')) / 1000;
    if (end.usage.completionTokens >= 20 && seconds > 0)
      rates.push(end.usage.completionTokens / seconds);
  }
  return rates;
}
