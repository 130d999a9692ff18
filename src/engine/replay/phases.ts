// The replay of phases: a phase starting, the replies of a parallel phase held until it ends, and
// what everyone hears when it does (the same `heard.ts` functions the live run applies).
import type { EventOf } from '../events.js';
import { hearParallelReply } from '../heard.js';
import { tallyText } from '../phases/review.js';
import { addUsage } from '../usage.js';
import { indexOfSeat, type Replayed } from './replayed.js';

export function phaseStarted(r: Replayed, event: EventOf<'phase-started'>): void {
  r.phase = event.phase;
  r.phaseStarted = true;
  if (event.round !== undefined) r.round = event.round;
  if (event.kind === 'discussion') r.record = [];
  if (event.parallel) r.batch = { started: event, base: r.turnsTaken + 1, replies: new Map() };
}

/** A reply of the parallel phase under way ended: paid for, and kept until the phase ends. */
export function batchReplyEnded(r: Replayed, end: EventOf<'turn-ended'>): void {
  r.usage = addUsage(r.usage, end.usage);
  // An interrupted reply is asked again; a failed one too unless its phase went on to the end.
  if (end.status !== 'interrupted') r.batch?.replies.set(end.turn, { ended: end });
}

export function reviewed(r: Replayed, review: EventOf<'review'>): void {
  const reply = r.batch?.replies.get(review.turn);
  if (reply !== undefined) reply.review = review;
}

/** Drops the failed replies of an unfinished parallel phase: the resumed run asks them again. */
export function dropFailedReplies(r: Replayed): void {
  const replies = r.batch?.replies;
  if (replies === undefined) return;
  for (const [turn, reply] of replies) {
    if (reply.ended.status === 'failed') replies.delete(turn);
  }
}

/** What `phases/parallel.ts` (commitBatch) and the phase runners do when a phase ends. */
export function phaseEnded(r: Replayed, event: EventOf<'phase-ended'>): void {
  r.decisions.clear();
  const batch = r.batch;
  r.batch = undefined;
  if (event.phase < r.phase) return;
  if (batch !== undefined) {
    const replies = [...batch.replies.values()].sort((a, b) => a.ended.turn - b.ended.turn);
    if (batch.tally !== undefined) {
      r.tally = batch.tally;
      r.history.push({ kind: 'moderator', text: tallyText(batch.tally) });
    }
    let failures = r.failures;
    for (const { ended } of replies) {
      failures = ended.status === 'failed' ? failures + 1 : 0;
      const index = indexOfSeat(r, ended.seat);
      const seat = r.seats[index];
      if (seat !== undefined) hearParallelReply(r.listeners, index, seat, ended, event.kind);
    }
    r.failures = failures;
    const first = batch.base;
    r.turnsTaken = Math.max(r.turnsTaken, first + batch.started.seats.length - 1);
    if (event.kind === 'rounds' && event.round !== undefined) {
      const rounds = batch.started.rounds ?? event.round;
      if (event.round < rounds) {
        r.roundTurns = { first: r.roundTurns?.first ?? first, previous: first };
        r.round = event.round + 1;
        r.phaseStarted = false;
        return;
      }
    }
  }
  r.phase = event.phase + 1;
  r.phaseStarted = false;
  r.summaryDone = false;
  r.record = [];
  r.phaseTurns = 0;
  r.round = 1;
  r.roundTurns = undefined;
}
