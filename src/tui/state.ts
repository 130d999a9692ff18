// The live view's model of the discussion: what has been printed, the turn being spoken, and the
// figures of the status line. `reduce.ts` folds the engine's events into it.
import type { EndReason, PhaseTurns, TopicRef, UsageTotals } from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import type { TuiCost } from './cost.js';
import type { HistoryItem } from './history-item.js';
import type { LiveTurn } from './live-turn.js';
import type { Chooser, PhaseInfo } from './parallel.js';

export interface TuiState {
  readonly participants: readonly Participant[];
  readonly questions: readonly string[];
  readonly totalTurns: number | undefined;
  readonly topic: TopicRef | undefined;
  /** The last regular turn that started (0 before the first). */
  readonly turn: number;
  /**
   * How many turns (the summary and parallel replies too) have started: where the stream is.
   * A notice answering a key press is stale once another turn starts.
   */
  readonly turnsStarted: number;
  readonly history: readonly HistoryItem[];
  readonly live: LiveTurn | undefined;
  /** The turns of a parallel phase, streaming side by side (see `parallel.ts`). */
  readonly together: readonly LiveTurn[];
  /** The phase under way, once the engine announced one. */
  readonly phase: PhaseInfo | undefined;
  /** Who is asked before each turn, by phase (see `choosersOf`). */
  readonly choosers: readonly (Chooser | undefined)[];
  readonly usage: UsageTotals;
  /** As confirmed by the engine's `command` events, not as requested by a key press. */
  readonly paused: boolean;
  readonly retries: number;
  readonly errors: number;
  readonly ended:
    | {
        readonly reason: EndReason;
        readonly turns: number;
        readonly turnsByPhase?: readonly PhaseTurns[] | undefined;
      }
    | undefined;
  readonly wrapUpAnnounced: boolean;
  /** The summary's own turn-ended already counted its usage; the summary event must not again. */
  readonly summaryUsageCounted: boolean;
  /** Notes of the summary's turn, held until its `summary` item is printed. */
  readonly summaryNotes: readonly HistoryItem[];
  /** What the run has cost so far; undefined when it is not priced. */
  readonly cost?: TuiCost | undefined;
}

export function initialTuiState(options: { header?: boolean } = {}): TuiState {
  return {
    participants: [],
    questions: [],
    totalTurns: undefined,
    topic: undefined,
    turn: 0,
    turnsStarted: 0,
    history: options.header === false ? [] : [{ kind: 'header' }],
    live: undefined,
    together: [],
    phase: undefined,
    choosers: [],
    usage: { promptTokens: 0, completionTokens: 0, estimated: false },
    paused: false,
    retries: 0,
    errors: 0,
    ended: undefined,
    wrapUpAnnounced: false,
    summaryUsageCounted: false,
    summaryNotes: [],
  };
}

export function append(state: TuiState, ...items: HistoryItem[]): readonly HistoryItem[] {
  return items.length === 0 ? state.history : [...state.history, ...items];
}

/**
 * A marker goes after the turn being spoken (into its notes), as the transcript places it;
 * between turns, or for another turn, it is printed at once.
 */
export function noted(state: TuiState, item: HistoryItem, turn?: number): TuiState {
  const live = state.live;
  if (live !== undefined && (turn === undefined || turn === live.turn)) {
    return { ...state, live: { ...live, notes: [...live.notes, item] } };
  }
  return { ...state, history: append(state, item) };
}
