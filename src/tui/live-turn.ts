// The turn being spoken: the one part of the screen that changes while text streams.
import type { EventOf, FloorReason } from '../engine/events.js';
import { floorLabel } from '../render/labels.js';
import type { HistoryItem } from './history-item.js';

/** The one turn being spoken; the only part of the screen that changes while text streams. */
export interface LiveTurn {
  readonly turn: number;
  readonly kind: 'turn' | 'summary';
  readonly seat: number;
  readonly speaker: string;
  readonly model: string | undefined;
  readonly reason: FloorReason;
  /** Why it has the floor, when worth saying (see `floorLabel`). */
  readonly why?: string | undefined;
  readonly text: string;
  readonly retry:
    | { readonly attempt: number; readonly delayMs: number; readonly reason: string }
    | undefined;
  /**
   * Markers of what happened while it was spoken (a pause, an error): printed after the turn,
   * where the transcript puts them, not above a turn still being spoken.
   */
  readonly notes: readonly HistoryItem[];
}

/** What a turn still being spoken when the run ended had said: it stays on screen, marked so. */
export function interruptedTurn(
  state: { readonly totalTurns: number | undefined },
  live: Pick<LiveTurn, 'turn' | 'seat' | 'speaker' | 'model' | 'text'>,
  label?: string,
): HistoryItem {
  return {
    kind: 'turn',
    turn: live.turn,
    totalTurns: state.totalTurns,
    seat: live.seat,
    speaker: live.speaker,
    model: live.model,
    text: live.text,
    status: 'interrupted',
    cut: undefined,
    label,
  };
}

/** A turn that has just started: nothing said yet. */
export function liveTurnOf(event: EventOf<'turn-started'>): LiveTurn {
  return {
    turn: event.turn,
    kind: event.kind,
    seat: event.seat,
    speaker: event.speaker,
    model: event.model,
    reason: event.reason,
    why: floorLabel(event),
    text: '',
    retry: undefined,
    notes: [],
  };
}
