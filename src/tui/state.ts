import type { Command } from '../engine/commands.js';
import type {
  Directive,
  DiscussionEvent,
  EndReason,
  EventOf,
  FloorReason,
  PhaseTurns,
  TopicRef,
  TurnStatus,
  UsageTotals,
} from '../engine/events.js';
import type { ModelErrorKind, Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import type { OutcomeRecord } from '../outcome/record-schema.js';
import { answerLabel, consensusCheckLabel, floorLabel, memoryLabel } from '../render/labels.js';
import { costAfter, type TuiCost } from './cost.js';
import { countTurn, flushTogether, type PhaseInfo, reducePhases, turnRemarks } from './parallel.js';

/**
 * Everything printed once, above the live area (Ink `<Static>`). The list only ever grows, so
 * each item is rendered exactly once no matter how long the discussion runs.
 */
export type HistoryItem =
  | { readonly kind: 'header' }
  | {
      readonly kind: 'topic';
      readonly topic: TopicRef;
      readonly questionCount: number;
      readonly reason: 'start' | 'schedule' | 'moderator';
    }
  | {
      readonly kind: 'directive';
      readonly directive: Directive;
      readonly speaker: string;
      readonly turnsLeft: number;
    }
  | {
      readonly kind: 'turn';
      readonly turn: number;
      readonly totalTurns: number | undefined;
      readonly seat: number;
      readonly speaker: string;
      readonly model: string | undefined;
      readonly text: string;
      readonly status: TurnStatus;
      readonly cut: { readonly as: string; readonly removed: string } | undefined;
      /** Why the reply broke off (status `cut-off`). */
      readonly cutOff?: string | undefined;
      /** Shown instead of "turn k/N" (a parallel phase's title). */
      readonly label?: string | undefined;
      /** Quiet remarks under the turn: why it had the floor, a control word, a repeat. */
      readonly remarks?: readonly string[] | undefined;
    }
  | {
      /** A phase begins (not shown for the default format's discussion and the summary). */
      readonly kind: 'phase';
      readonly title: string;
      readonly parallel: boolean;
    }
  /** A quiet line of its own: a review's ranking, the tally, why a phase ended. */
  | { readonly kind: 'note'; readonly text: string }
  /** The decision record, boxed after the summary. */
  | { readonly kind: 'outcome'; readonly record: OutcomeRecord }
  | {
      readonly kind: 'summary';
      /** The summary phase's title ("Verdict", "Synthesis"); "Summary" when absent. */
      readonly title?: string | undefined;
      readonly seat: number;
      readonly speaker: string;
      readonly text: string;
      readonly status: TurnStatus;
      readonly cutOff?: string | undefined;
    }
  | { readonly kind: 'interjection'; readonly text: string; readonly mention: string | undefined }
  | { readonly kind: 'command'; readonly command: Command }
  | {
      readonly kind: 'error';
      readonly speaker: string | undefined;
      readonly errorKind: ModelErrorKind;
      readonly message: string;
      readonly fatal: boolean;
    }
  | {
      readonly kind: 'end';
      readonly reason: EndReason;
      readonly turns: number;
      readonly turnsByPhase?: readonly PhaseTurns[] | undefined;
      readonly usage: UsageTotals;
      /** Turns (and the summary) that broke off, in the whole discussion. */
      readonly cutOff: number;
    };

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
  state: Pick<TuiState, 'totalTurns'>,
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
  readonly usage: UsageTotals;
  /** As confirmed by the engine's `command` events, not as requested by a key press. */
  readonly paused: boolean;
  readonly retries: number;
  readonly errors: number;
  readonly ended: { readonly reason: EndReason; readonly turns: number } | undefined;
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

export function addUsage(total: UsageTotals, usage: Usage): UsageTotals {
  return {
    promptTokens: total.promptTokens + usage.promptTokens,
    completionTokens: total.completionTokens + usage.completionTokens,
    estimated: total.estimated || usage.estimated,
  };
}

export function append(state: TuiState, ...items: HistoryItem[]): readonly HistoryItem[] {
  return items.length === 0 ? state.history : [...state.history, ...items];
}

/**
 * A marker goes after the turn being spoken (into its notes), as the transcript places it;
 * between turns, or for another turn, it is printed at once.
 */
function noted(state: TuiState, item: HistoryItem, turn?: number): TuiState {
  const live = state.live;
  if (live !== undefined && (turn === undefined || turn === live.turn)) {
    return { ...state, live: { ...live, notes: [...live.notes, item] } };
  }
  return { ...state, history: append(state, item) };
}

/** Engine commands that deserve a line of their own; the rest show through other events. */
function commandMarker(command: Command): boolean {
  switch (command.type) {
    case 'pause':
    case 'resume':
    case 'wrap-up':
    case 'stop':
    case 'ask':
    case 'time-up':
      return true;
    // A skip shows as the turn's "skipped" status, topic changes as topic markers, and an
    // interjection as its own `interjection` event.
    case 'skip':
    case 'next-topic':
    case 'set-topic':
    case 'interject':
      return false;
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

/** Pure: the screen's model after one more event. */
export function reduce(before: TuiState, event: DiscussionEvent): TuiState {
  const reduced = reduceEvent(before, event);
  const after =
    event.type === 'turn-started' ? { ...reduced, turnsStarted: before.turnsStarted + 1 } : reduced;
  const cost = costAfter(before.cost, event);
  return cost === after.cost ? after : { ...after, cost };
}

function reduceEvent(before: TuiState, event: DiscussionEvent): TuiState {
  const phased = reducePhases(before, event);
  if (phased !== undefined) return phased;
  const state = event.type === 'discussion-ended' ? flushTogether(before) : before;
  switch (event.type) {
    case 'discussion-started':
      return {
        ...state,
        participants: event.participants,
        questions: event.task.questions,
        totalTurns: event.settings.turns,
        topic: event.topic,
        history: append(state, {
          kind: 'topic',
          topic: event.topic,
          questionCount: event.task.questions.length,
          reason: 'start',
        }),
      };
    case 'seat-memory':
      return { ...state, history: append(state, { kind: 'note', text: memoryLabel(event) }) };
    case 'discussion-resumed':
      // A turn the crash cut off (replayed without its end) is spoken again from the start.
      return { ...state, live: undefined };
    case 'turn-started': {
      const markers: HistoryItem[] = [];
      let wrapUpAnnounced = state.wrapUpAnnounced;
      for (const directive of event.directives) {
        // Wrap-up is repeated on each of the last turns; once on screen is enough.
        if (directive === 'wrap-up') {
          if (wrapUpAnnounced) continue;
          wrapUpAnnounced = true;
        }
        markers.push({
          kind: 'directive',
          directive,
          speaker: event.speaker,
          turnsLeft: event.turnsLeft,
        });
      }
      return {
        ...state,
        topic: event.topic,
        turn: event.kind === 'turn' ? event.turn : state.turn,
        phase: event.kind === 'turn' ? countTurn(state.phase, event.turnsLeft) : state.phase,
        wrapUpAnnounced,
        history: append(state, ...markers),
        live: liveTurnOf(event),
      };
    }
    case 'text-delta': {
      const live = state.live;
      if (live === undefined || live.turn !== event.turn) return state;
      return { ...state, live: { ...live, text: live.text + event.text, retry: undefined } };
    }
    case 'turn-ended': {
      const live = state.live?.turn === event.turn ? state.live : undefined;
      const usage = addUsage(state.usage, event.usage);
      if (live?.kind === 'summary') {
        // The summary gets its own, more prominent item from the `summary` event; the notes
        // wait for it.
        return {
          ...state,
          usage,
          live: undefined,
          summaryUsageCounted: true,
          summaryNotes: live.notes,
        };
      }
      return {
        ...state,
        usage,
        live: live === undefined ? state.live : undefined,
        history: append(
          state,
          {
            kind: 'turn',
            turn: event.turn,
            totalTurns: state.totalTurns,
            seat: event.seat,
            speaker: event.speaker,
            model: live?.model,
            text: event.text,
            status: event.status,
            cut: event.cut,
            cutOff: event.cutOff,
            remarks: turnRemarks(live?.why, event),
          },
          ...(live?.notes ?? []),
        ),
      };
    }
    case 'topic-changed':
      if (state.topic?.index === event.topic.index && state.topic.text === event.topic.text) {
        return state;
      }
      return {
        ...state,
        topic: event.topic,
        history: append(state, {
          kind: 'topic',
          topic: event.topic,
          questionCount: state.questions.length,
          reason: event.reason === 'llm-moderator' ? 'moderator' : event.reason,
        }),
      };
    case 'summary': {
      const notes = state.live?.kind === 'summary' ? state.live.notes : state.summaryNotes;
      return {
        ...state,
        usage: state.summaryUsageCounted ? state.usage : addUsage(state.usage, event.usage),
        live: state.live?.kind === 'summary' ? undefined : state.live,
        summaryNotes: [],
        history: append(
          state,
          {
            kind: 'summary',
            title: state.phase?.kind === 'summary' ? state.phase.title : undefined,
            seat: event.seat,
            speaker: event.speaker,
            text: event.text,
            status: event.status,
            cutOff: event.cutOff,
          },
          ...notes,
        ),
      };
    }
    case 'context-trimmed':
      // A seat's private context window: not shown, but a summary request is paid for.
      return event.summaryUsage === undefined
        ? state
        : { ...state, usage: addUsage(state.usage, event.summaryUsage) };
    case 'retry': {
      const live = state.live;
      const retry = { attempt: event.attempt, delayMs: event.delayMs, reason: event.reason };
      return {
        ...state,
        retries: state.retries + 1,
        // A retried request starts its reply over, so the failed attempt's text is dropped.
        live: live?.turn === event.turn ? { ...live, text: '', retry } : live,
      };
    }
    case 'error': {
      const item: HistoryItem = {
        kind: 'error',
        speaker: event.speaker,
        errorKind: event.kind,
        message: event.message,
        fatal: event.fatal,
      };
      return { ...noted(state, item, event.turn), errors: state.errors + 1 };
    }
    case 'interjection':
      return {
        ...state,
        history: append(state, { kind: 'interjection', text: event.text, mention: event.mention }),
      };
    case 'command': {
      const paused =
        event.command.type === 'pause'
          ? true
          : event.command.type === 'resume'
            ? false
            : state.paused;
      const marked = commandMarker(event.command)
        ? noted(state, { kind: 'command', command: event.command })
        : state;
      return { ...marked, paused };
    }
    case 'discussion-ended': {
      const live = state.live;
      const leftover: HistoryItem[] =
        live !== undefined && live.text !== '' ? [interruptedTurn(state, live)] : [];
      return {
        ...state,
        live: undefined,
        paused: false,
        usage: event.usage,
        ended: { reason: event.reason, turns: event.turns },
        history: append(state, ...leftover, ...(live?.notes ?? []), ...state.summaryNotes, {
          kind: 'end',
          reason: event.reason,
          turns: event.turns,
          turnsByPhase: event.turnsByPhase,
          usage: event.usage,
          cutOff: state.history.filter(
            (item) =>
              (item.kind === 'turn' || item.kind === 'summary') && item.status === 'cut-off',
          ).length,
        }),
      };
    }
    case 'phase-started':
    case 'phase-ended':
    case 'reply-discarded':
    case 'moderator-decision':
    case 'bids':
    case 'review':
    case 'review-tally':
      // Handled by reducePhases above.
      return state;
    case 'positions': {
      const label = answerLabel(event.speaker, event.status);
      return label === undefined
        ? state
        : { ...state, history: append(state, { kind: 'note', text: label }) };
    }
    case 'consensus-check':
      return {
        ...state,
        history: append(state, { kind: 'note', text: consensusCheckLabel(event) }),
      };
    case 'budget':
      return { ...state, history: append(state, { kind: 'note', text: `budget: ${event.why}` }) };
    case 'summary-record':
      return state;
    case 'outcome':
      return { ...state, history: append(state, { kind: 'outcome', record: event.record }) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
