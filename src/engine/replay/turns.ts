// The replay of a turn's end: what the engine does when a turn of a discussion (or the summary)
// ends, mirrored, with the rules for turns that are redone (see `resumePoint`).
import { namingOutcome } from '../floor-record.js';
import { hearTurn, isHeard } from '../heard.js';
import { markReply } from '../phases/marks.js';
import { addUsage } from '../usage.js';
import {
  changeTopic,
  indexOfName,
  indexOfSeat,
  type OpenTurn,
  type Replayed,
  type TurnEnd,
} from './replayed.js';

/** A turn (or the summary) ended: paid for whatever happened; kept, redone or held. */
export function turnEnded(r: Replayed, end: TurnEnd): void {
  const open = r.open ?? {};
  r.usage = addUsage(r.usage, end.usage);
  for (const trim of open.trims ?? []) {
    if (trim.summaryUsage !== undefined) r.usage = addUsage(r.usage, trim.summaryUsage);
  }
  for (const discarded of open.discarded ?? []) {
    r.usage = addUsage(r.usage, discarded.usage);
  }
  r.open = undefined;
  if (end.status === 'interrupted') return;
  // Whether a failure is kept depends on whether the run went on after it.
  if (end.status === 'failed') r.held = { open, end };
  else commitTurn(r, open, end);
}

/** The run went on after a failed turn: the failure stands. */
export function flushHeld(r: Replayed): void {
  const held = r.held;
  r.held = undefined;
  if (held !== undefined) commitTurn(r, held.open, held.end);
}

/** What the engine does when a turn ends, mirrored. */
export function commitTurn(r: Replayed, open: OpenTurn, end: TurnEnd): void {
  r.failures = end.status === 'failed' ? r.failures + 1 : 0;
  for (const trim of open.trims ?? []) {
    const trimmed = r.seats[indexOfSeat(r, trim.seat)];
    if (trimmed !== undefined) trimmed.lastTrim = trim;
  }
  if (end.type === 'summary') {
    r.summaryDone = true;
    // As the engine keeps it for the decision record (a resume that writes only the end needs it).
    r.summaryText = { speaker: end.speaker, text: end.text };
    r.summaryStatus = end.status;
    // Its phase-ended may be missing; the resumed run then only writes that. Before phases,
    // a transcript's summary was the last phase of the roundtable format.
    r.phase = open.started?.phase ?? r.phases.length - 1;
    r.phaseStarted = true;
    return;
  }
  for (const change of open.topicChanges ?? []) changeTopic(r, change.topic, 'schedule');
  const started = open.started;
  const topic = started?.topic ?? r.topic;
  r.topic = topic;
  r.topicFresh = false;
  r.moderatorChangedTopic = false;
  if (topic.index >= 0 && topic.index < r.topicTurns.length) {
    r.topicTurns[topic.index] = (r.topicTurns[topic.index] ?? 0) + 1;
  }
  r.turnsOnTopic += 1;
  // Scheduled changes held on this turn wait for later ones, unless a wrap-up dropped them. Only
  // at commit: a turn that is redone holds (or makes) them again.
  const hold = started?.withheld?.find((held) => held.decision === 'topic-change');
  if (hold !== undefined) r.topicsDue = hold.reason === 'wrap-up' ? 0 : (hold.due ?? 1);
  r.turnsTaken = end.turn;
  r.phaseTurns += 1;
  const index = indexOfSeat(r, end.seat);
  const seat = r.seats[index];
  r.previous = seat === undefined ? r.previous : index;
  r.floor = undefined;
  if (seat === undefined) return;
  const spoken = isHeard(end);
  const naming =
    !spoken || end.control === 'pass'
      ? undefined
      : r.mentions[index]?.naming(end.text, r.floorRule);
  const named = namingOutcome(naming, (name) => indexOfName(r, name), end.speaker);
  r.record.push({
    step: r.phaseTurns,
    index,
    reason: started?.reason ?? 'random',
    ...named.entry,
  });
  markReply(r.listeners, index, end);
  seat.hadFloor = true;
  if (!spoken) return;
  hearTurn(r.listeners.log, seat, end);
  if (named.floor !== undefined) r.floor = named.floor;
}
