// Rebuilds the engine's state from a previous run's events, so a resumed discussion goes on
// exactly where the recorded one left off. Randomness needs no state here: every turn draws from
// its own stream keyed by (seed, turn).
import { findParticipant } from './controls.js';
import type { DiscussionEvent, EventOf } from './events.js';
import { phasesFor } from './formats.js';
import {
  batchReplyEnded,
  dropFailedReplies,
  phaseEnded,
  phaseStarted,
  reviewed,
} from './replay/phases.js';
import {
  changeTopic,
  indexOfName,
  type Replayed,
  resumePointOf,
  startReplay,
} from './replay/replayed.js';
import { commitTurn, flushHeld, turnEnded } from './replay/turns.js';
import type { ResumePoint } from './resume-point.js';
import type { Table } from './table.js';
import { addUsage } from './usage.js';

/**
 * Replays recorded events into a ResumePoint. Rules:
 * - a turn counts when it ended; one started but never ended (a crash mid-turn) is redone;
 * - an interrupted turn is redone, and so is a failed turn (or summary) that ended the run
 *   (a fatal error, three failures in a row, `onError: stop`): the resume is the retry;
 * - a failed turn the run went on from (`onError: skip`) stays failed;
 * - a run that ended on its own starts a fresh failure streak; after a crash the streak goes on.
 * `run` and `closed` transcript records are not events: leave them out.
 */
export function resumePoint(table: Table, events: readonly DiscussionEvent[]): ResumePoint {
  const r = startReplay(table);
  for (const event of events) apply(r, event);
  flushHeld(r);
  return resumePointOf(r);
}

/** One recorded event, replayed. */
function apply(r: Replayed, event: DiscussionEvent): void {
  switch (event.type) {
    case 'discussion-started':
      // Only the first one: older resumed runs announced themselves again.
      if (!r.started) {
        r.topic = event.topic;
        r.phases = phasesFor(event.settings);
        r.floorRule = event.settings.floor ?? 'named';
      }
      r.started = true;
      return;
    case 'discussion-resumed':
      // The run before this one stopped without an end: what it had open was redone.
      flushHeld(r);
      r.open = undefined;
      dropFailedReplies(r);
      return;
    case 'topic-changed':
      flushHeld(r);
      if (event.reason !== 'moderator') {
        // The schedule's draw and the LLM moderator's decision belong to the turn they come
        // before, and are redone with it.
        r.open = { topicChanges: [...(r.open?.topicChanges ?? []), event] };
      } else changeTopic(r, event.topic, event.reason);
      return;
    case 'turn-started':
      flushHeld(r);
      // Transcripts from before phases: their turns belong to the discussion, phase 0.
      r.phaseStarted = true;
      if (r.batch !== undefined) return;
      r.open = { ...r.open, started: event };
      return;
    case 'phase-started':
      flushHeld(r);
      phaseStarted(r, event);
      return;
    case 'phase-ended':
      flushHeld(r);
      phaseEnded(r, event);
      return;
    case 'review':
      reviewed(r, event);
      return;
    case 'review-tally':
      if (r.batch !== undefined) r.batch.tally = event;
      return;
    case 'moderator-decision':
    case 'bids': {
      // A decision for the next turn: paid for once, and taken as it was if that turn is redone.
      flushHeld(r);
      r.usage = addUsage(r.usage, event.usage);
      // The turn's scheduled topic change came before the decision, which saw it: it stands,
      // and the redone turn does not draw it again.
      const changes = r.open?.topicChanges ?? [];
      for (const change of changes) changeTopic(r, change.topic, 'schedule');
      if (changes.length > 0) r.moderatorChangedTopic = true;
      r.open = { ...r.open, topicChanges: [] };
      const decided = r.decisions.get(event.turn) ?? {};
      r.decisions.set(event.turn, { ...decided, [event.type]: event });
      return;
    }
    case 'reply-discarded':
      // Part of its turn, like a context trim: counted when the turn is, asked again with it.
      r.open = { ...r.open, discarded: [...(r.open?.discarded ?? []), event] };
      return;
    case 'positions':
      // Kept with its phase's replies: a resumed closing does not ask a seat it has read.
      r.positions.push(event);
      if (event.repairUsage !== undefined) r.usage = addUsage(r.usage, event.repairUsage);
      return;
    case 'summary-record':
      r.summaryRecord = event;
      r.usage = addUsage(r.usage, event.usage);
      return;
    case 'budget':
      flushHeld(r);
      if (event.action === 'wrap-up') {
        if (!r.wrapUp) r.wrapUpReason = 'budget';
        r.wrapUp = true;
      }
      return;
    case 'consensus-check':
      flushHeld(r);
      if (event.reached) {
        if (!r.wrapUp) r.wrapUpReason = 'consensus';
        r.wrapUp = true;
      }
      return;
    case 'outcome':
      // Followed by the end: a resumed run writes only that, not the outcome again.
      r.outcomeRecorded = true;
      return;
    case 'context-trimmed':
      flushHeld(r);
      r.open = { ...r.open, trims: [...(r.open?.trims ?? []), event] };
      return;
    case 'text-delta':
    case 'retry':
    case 'error':
      // Part of a turn (or of the run's end): nothing here changes what comes next.
      return;
    case 'seat-memory':
      // Read by the state itself: a resumed seat remembers what it was given at the start.
      return;
    case 'turn-ended':
      if (r.batch !== undefined) batchReplyEnded(r, event);
      else turnEnded(r, event);
      return;
    case 'summary':
      turnEnded(r, event);
      return;
    case 'interjection': {
      flushHeld(r);
      r.history.push({ kind: 'moderator', text: event.text });
      const index = event.mention === undefined ? -1 : indexOfName(r, event.mention);
      if (index >= 0) r.floor = { index, reason: 'moderator' };
      return;
    }
    case 'command':
      replayCommand(r, event.command);
      return;
    case 'discussion-ended': {
      // An outcome before an end was that run's: a run resumed after it decides again.
      r.outcomeRecorded = false;
      const held = r.held;
      r.held = undefined;
      if (held !== undefined && event.reason !== 'failed' && event.reason !== 'stopped') {
        commitTurn(r, held.open, held.end);
      }
      r.open = undefined;
      dropFailedReplies(r);
      r.lastEnd = event.reason;
      // Whoever resumes a run that gave up has had a chance to fix what made it give up.
      r.failures = 0;
      return;
    }
    default: {
      const unhandled: never = event;
      throw new TypeError(`Cannot resume from an unknown event: ${JSON.stringify(unhandled)}`);
    }
  }
}

function replayCommand(r: Replayed, command: EventOf<'command'>['command']): void {
  switch (command.type) {
    case 'skip':
    case 'pause':
    case 'resume':
      // Applied inside a turn, or undone by the restart (a resumed run starts unpaused).
      return;
    case 'next-topic':
    case 'set-topic':
    case 'interject':
    case 'stop':
      // Their effect is recorded by the events that follow (topic-changed, interjection, end).
      flushHeld(r);
      return;
    case 'wrap-up':
    case 'time-up':
      flushHeld(r);
      if (!r.wrapUp) r.wrapUpReason = command.type;
      r.wrapUp = true;
      return;
    case 'ask': {
      flushHeld(r);
      const participant = findParticipant(r.table.participants, command.name);
      const index = participant === undefined ? -1 : indexOfName(r, participant.name);
      if (index >= 0) r.floor = { index, reason: 'moderator' };
      return;
    }
  }
}
