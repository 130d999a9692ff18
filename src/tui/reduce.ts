// The screen's model after each engine event: pure, one event at a time (the store batches them).
import type { Command } from '../engine/commands.js';
import type { DiscussionEvent } from '../engine/events.js';
import { numberedTurns } from '../engine/formats.js';
import { addUsage, answerLabel, consensusCheckLabel, memoryLabel } from '../render/labels.js';
import { costAfter } from './cost.js';
import type { HistoryItem } from './history-item.js';
import { interruptedTurn, liveTurnOf } from './live-turn.js';
import {
  afterTurn,
  choosersOf,
  countTurn,
  flushTogether,
  reducePhases,
  turnRemarks,
} from './parallel.js';
import { append, noted, type TuiState } from './state.js';

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
        totalTurns: numberedTurns(event.settings),
        choosers: choosersOf(event.settings),
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
        phase: live === undefined ? state.phase : afterTurn(state.phase),
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
        ended: { reason: event.reason, turns: event.turns, turnsByPhase: event.turnsByPhase },
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
