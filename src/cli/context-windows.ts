import type { SeatingPlan } from '../config/seating.js';
import type { RunSettings } from '../config/settings.js';
import type { ContextBudget } from '../engine/budget-keeper.js';
import { createContextBudget } from '../engine/budget-option.js';
import { InputError } from '../errors.js';

/** The engine's context budget for a seating plan; undefined when no seat has a window. */
export function contextBudget(
  seating: SeatingPlan,
  settings: Pick<RunSettings, 'contextTokens' | 'contextStrategy' | 'maxTokens' | 'origins'>,
): ContextBudget | undefined {
  return createContextBudget({
    windows: contextWindows(seating, settings),
    strategy: settings.contextStrategy,
  });
}

/**
 * Each model seat's context window: its endpoint's `contextTokens`, else the table's. A window that
 * cannot hold the reply reserve would overflow on every turn, so it is refused up front.
 */
export function contextWindows(
  seating: SeatingPlan,
  settings: Pick<RunSettings, 'contextTokens' | 'maxTokens' | 'origins'>,
): Map<number, number> {
  const windows = new Map<number, number>();
  for (const seat of seating.seats) {
    if (seat.kind !== 'model') continue;
    const window = seat.contextTokens ?? settings.contextTokens;
    if (window === undefined) continue;
    const reserve = seat.maxTokens ?? settings.maxTokens;
    if (window <= reserve) {
      const from =
        seat.contextTokens === undefined
          ? `contextTokens (from ${settings.origins.contextTokens})`
          : `the contextTokens of endpoint ${seat.endpoint}`;
      throw new InputError(
        `${seat.file} (${seat.name}): ${from} is ${window} tokens, which cannot hold a reply of max_tokens ${reserve}; make the window larger than the reply budget`,
        seat.file,
      );
    }
    windows.set(seat.seat, window);
  }
  return windows;
}
