// The screen's model for phases: which phase is under way, and the turns of a parallel phase,
// which stream at once (each keyed by its turn) and go to the history whole as each ends.
import type { DiscussionEvent, EventOf, PhaseKind, TopicRef } from '../engine/events.js';
import { DEFAULT_FORMAT, isFormatName, phasesFor } from '../engine/formats.js';
import type { EngineSettings } from '../engine/table.js';
import { numberedPositions, questionsHead } from '../outcome/positions-display.js';
import {
  addUsage,
  bidsLabel,
  controlLabel,
  phaseEndLabel,
  repeatLabel,
  tallyLabel,
} from '../render/labels.js';
import type { HistoryItem } from './history-item.js';
import { interruptedTurn, type LiveTurn, liveTurnOf } from './live-turn.js';
import { append, type TuiState } from './state.js';

export interface PhaseInfo {
  readonly index: number;
  readonly kind: PhaseKind;
  readonly title: string;
  readonly parallel: boolean;
  /** How many seats speak in it (a parallel phase's progress). */
  readonly seats: number;
  /** Turns of this phase that have ended (parallel) or started (discussion). */
  readonly done: number;
  /** A discussion phase's length, as its latest turn told (that turn + turns left). */
  readonly total?: number | undefined;
  /** Who gives the floor in this discussion phase when it takes a while to ask. */
  readonly chooser?: Chooser | undefined;
  /** The chooser is being asked now: between turns, before the next speaker is known. */
  readonly choosing?: boolean | undefined;
  /** The questions of a block of positions: each seat's answers are shown by their number. */
  readonly questions?: readonly TopicRef[] | undefined;
}

/** The LLM moderator, or the seats' bids: a request before each turn. */
export type Chooser = 'moderator' | 'bids';

/** Who is asked before each turn of every phase (by index) of a run with these settings. */
export function choosersOf(settings: EngineSettings): readonly (Chooser | undefined)[] {
  // A transcript of a format this version does not know is replayed without them.
  if (settings.phases === undefined && !isFormatName(settings.format ?? DEFAULT_FORMAT)) return [];
  return phasesFor(settings).map((phase) => {
    if (phase.kind !== 'discussion') return undefined;
    const policy = phase.speakerPolicy ?? settings.speakerPolicy;
    return policy === 'moderator' ? 'moderator' : policy === 'bid' ? 'bids' : undefined;
  });
}

/** The phase after a discussion turn ends: the chooser is asked next, unless it was the last. */
export function afterTurn(phase: PhaseInfo | undefined): PhaseInfo | undefined {
  if (phase === undefined || phase.parallel || phase.chooser === undefined) return phase;
  return { ...phase, choosing: phase.total === undefined || phase.done < phase.total };
}

/** The phase after a discussion turn starts in it. */
export function countTurn(phase: PhaseInfo | undefined, turnsLeft: number): PhaseInfo | undefined {
  if (phase === undefined || phase.parallel) return phase;
  return { ...phase, done: phase.done + 1, total: phase.done + 1 + turnsLeft, choosing: false };
}

/** The status line's phase part; undefined for the default format's discussion. */
export function phaseStatus(phase: PhaseInfo | undefined): string | undefined {
  if (phase === undefined || (phase.kind === 'discussion' && phase.index === 0)) return undefined;
  if (phase.parallel) return `${phase.title} · ${phase.done}/${phase.seats} answered`;
  if (phase.kind === 'summary') return phase.title;
  // "turn N" is the run's count in every turn's heading; a phase counts its own turns apart
  // from it ("Rebuttals 4 of 10" beside "Juno · turn 8"), so the two never read as one count.
  return phase.total === undefined ? phase.title : `${phase.title} ${phase.done} of ${phase.total}`;
}

/** Quiet remarks for a finished turn: why it had the floor, a control word, a repeat. */
export function turnRemarks(
  why: string | undefined,
  ended: EventOf<'turn-ended'>,
): readonly string[] | undefined {
  const notes = [
    ...(why === undefined ? [] : [why]),
    ...(ended.control === undefined ? [] : [controlLabel(ended.control)]),
    ...(ended.repeat === undefined ? [] : [repeatLabel(ended.repeat)]),
  ];
  return notes.length === 0 ? undefined : notes;
}

const note = (state: TuiState, text: string): readonly HistoryItem[] =>
  append(state, { kind: 'note', text });

/**
 * The new state for events about phases and parallel turns; undefined leaves the event to the
 * main reducer (`reduce` in state.ts).
 */
export function reducePhases(state: TuiState, event: DiscussionEvent): TuiState | undefined {
  switch (event.type) {
    case 'phase-started': {
      const first = state.phase === undefined;
      const again = state.phase?.index === event.phase && state.phase.title === event.title;
      const chooser = event.kind === 'discussion' ? state.choosers[event.phase] : undefined;
      const phase: PhaseInfo = {
        index: event.phase,
        kind: event.kind,
        title: event.title,
        parallel: event.parallel,
        seats: event.seats.length,
        done: again ? (state.phase?.done ?? 0) : 0,
        chooser,
        choosing: chooser !== undefined,
        questions: event.questions,
      };
      const shown = !again && event.kind !== 'summary' && !(event.kind === 'discussion' && first);
      return {
        ...state,
        phase,
        history: shown
          ? append(state, {
              kind: 'phase',
              title: event.title,
              parallel: event.parallel,
              questions: event.questions === undefined ? undefined : questionsHead(event.questions),
            })
          : state.history,
      };
    }
    case 'phase-ended': {
      const why = phaseEndLabel(event.reason);
      const title = state.phase?.title ?? event.kind;
      return {
        ...state,
        together: [],
        phase:
          state.phase === undefined
            ? undefined
            : { ...state.phase, parallel: false, choosing: false },
        history: why === undefined ? state.history : note(state, `${title}: ${why}`),
      };
    }
    case 'turn-started': {
      if (state.phase?.parallel !== true || event.kind !== 'turn') return undefined;
      return { ...state, topic: event.topic, together: [...state.together, liveTurnOf(event)] };
    }
    case 'text-delta':
      return mapTogether(state, event.turn, (live) => ({
        ...live,
        text: live.text + event.text,
        retry: undefined,
      }));
    case 'retry': {
      const retry = { attempt: event.attempt, delayMs: event.delayMs, reason: event.reason };
      const next = mapTogether(state, event.turn, (live) => ({ ...live, text: '', retry }));
      return next === undefined ? undefined : { ...next, retries: next.retries + 1 };
    }
    case 'turn-ended': {
      const live = state.together.find((t) => t.turn === event.turn);
      if (live === undefined) return undefined;
      const phase = state.phase;
      return {
        ...state,
        usage: addUsage(state.usage, event.usage),
        together: state.together.filter((t) => t !== live),
        phase: phase === undefined ? undefined : { ...phase, done: phase.done + 1 },
        history: append(state, {
          kind: 'turn',
          turn: event.turn,
          totalTurns: state.totalTurns,
          seat: event.seat,
          speaker: event.speaker,
          model: live.model,
          text: event.text,
          answers:
            phase?.questions === undefined
              ? undefined
              : numberedPositions(event.text, phase.questions),
          status: event.status,
          cut: event.cut,
          label: phase?.title.toLowerCase(),
          remarks: turnRemarks(live.why, event),
        }),
      };
    }
    case 'review': {
      if (event.ranking === undefined) return state;
      const names = event.ranking.map(
        (seat) => state.participants.find((p) => p.seat === seat)?.name ?? String(seat),
      );
      return { ...state, history: note(state, `${event.speaker} ranks: ${names.join(', ')}`) };
    }
    case 'review-tally':
      return {
        ...state,
        history: note(state, `Peer review, best ranked first: ${tallyLabel(event)}`),
      };
    case 'moderator-decision':
      return {
        ...state,
        usage: addUsage(state.usage, event.usage),
        history:
          event.fallback === undefined
            ? state.history
            : note(state, `the moderator's answer could not be used: ${event.fallback}`),
      };
    case 'bids':
      return {
        ...state,
        usage: addUsage(state.usage, event.usage),
        history: note(state, bidsLabel(event.bids)),
      };
    case 'reply-discarded': {
      const usage = addUsage(state.usage, event.usage);
      const history = note(
        state,
        `${event.speaker}'s reply ${repeatLabel(event.repeat)}: asked again`,
      );
      const live = state.live?.turn === event.turn ? { ...state.live, text: '' } : state.live;
      return { ...state, usage, history, live };
    }
    default:
      return undefined;
  }
}

function mapTogether(
  state: TuiState,
  turn: number,
  change: (live: LiveTurn) => LiveTurn,
): TuiState | undefined {
  if (!state.together.some((t) => t.turn === turn)) return undefined;
  return { ...state, together: state.together.map((t) => (t.turn === turn ? change(t) : t)) };
}

/** At the end: what parallel turns had said stays on screen, marked interrupted. */
export function flushTogether(state: TuiState): TuiState {
  if (state.together.length === 0) return state;
  const leftover: HistoryItem[] = state.together
    .filter((live) => live.text !== '')
    .map((live) => interruptedTurn(state, live, state.phase?.title.toLowerCase()));
  return { ...state, together: [], history: append(state, ...leftover) };
}
