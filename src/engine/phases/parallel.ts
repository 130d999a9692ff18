// A phase in which every seat speaks at once: the turns start together, the replies stream side
// by side, and what they said is heard by everyone in seat order once all have ended, so the
// history (and every later request) is the same whichever reply finished first.
import { conversationFor } from '../conversation.js';
import type { DiscussionEvent, EventOf, PhaseKind, TopicRef } from '../events.js';
import { hearParallelReply, isHeard } from '../heard.js';
import type { HistoryEntry } from '../history.js';
import type { ModelRequest } from '../model.js';
import { errorEvent, type Outcome, settleReplies } from '../outcome.js';
import type { ReplyJob } from '../reply.js';
import { assemble, seatRequest } from '../request.js';
import { safePoint } from '../safe-point.js';
import type { Seat } from '../seats.js';
import { budgetBeforeBatch } from '../spending.js';
import type { BatchReply, DiscussionState } from '../state.js';
import { streamReplies } from '../stream-reply.js';
import { phaseGuidanceText } from './prompts.js';

export interface Batch {
  readonly kind: PhaseKind;
  readonly title: string;
  readonly round?: number | undefined;
  readonly rounds?: number | undefined;
  /** The questions a phase of positions asks about (see `PhaseStartedEvent`). */
  readonly questions?: readonly TopicRef[] | undefined;
  /** Indices of the seats taking part, in seat order. */
  readonly seats: readonly number[];
  /** One seat's request; a generator when it has events of its own (a context trim). */
  request(seat: Seat, turn: number): AsyncGenerator<DiscussionEvent, ModelRequest> | ModelRequest;
  /** Replies nobody hears as speech as they come (a review's JSON): no deltas. */
  readonly quiet?: boolean | undefined;
  /** What a reply means: the text to record, and the review it holds. */
  interpret?(
    seat: Seat,
    turn: number,
    text: string,
  ): { readonly text: string; readonly review?: EventOf<'review'> | undefined };
  /** Before the phase ends, with every kept reply in seat order (a review's tally). */
  close?(kept: readonly BatchReply[]): AsyncGenerator<DiscussionEvent, void>;
  /** Then: the replies as the table should hear them (structured answers read aloud). */
  settle?(kept: readonly BatchReply[]): AsyncGenerator<DiscussionEvent, readonly BatchReply[]>;
}

/** Runs one parallel batch; 'continue' when it completed and was heard. */
export async function* runBatch(
  state: DiscussionState,
  batch: Batch,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const phase = state.phaseIndex;
  if (!state.phaseStarted) {
    // Commands sent before the phase apply before its requests go out.
    const gate = yield* safePoint(state, state.turnsTaken + 1);
    if (gate === 'stop') return 'stopped';
    if (gate === 'interrupted') return 'interrupted';
    if (gate === 'wrap-up' && batch.kind !== 'closing') return 'continue';
    // budgetTokens / budgetUsd: a phase the end does not need starts only while the end still fits.
    if (
      batch.kind !== 'closing' &&
      (yield* budgetBeforeBatch(state, state.turnsTaken + 1, batch))
    ) {
      return 'continue';
    }
    state.phaseStarted = true;
    yield {
      type: 'phase-started',
      phase,
      kind: batch.kind,
      title: batch.title,
      parallel: true,
      round: batch.round,
      rounds: batch.rounds,
      seats: batch.seats.map((index) => state.seat(index).participant.seat),
      ...(batch.questions === undefined ? {} : { questions: batch.questions }),
    };
  }
  // Turn numbers are fixed by seat order, so a resumed batch asks its missing seats under the
  // numbers they had.
  const base = state.turnsTaken + 1;
  const turns = batch.seats.map((index, k) => ({ index, seat: state.seat(index), turn: base + k }));
  const done = state.batch ?? new Map<number, BatchReply>();
  state.batch = undefined;
  const todo = turns.filter((t) => !done.has(t.turn));
  for (const { seat, turn } of todo) {
    yield {
      type: 'turn-started',
      turn,
      kind: 'turn',
      seat: seat.participant.seat,
      speaker: seat.participant.name,
      model: seat.participant.model,
      topic: state.topic,
      directives: [],
      turnsLeft: 0,
      reason: 'phase',
      phase,
    };
  }
  const jobs: ReplyJob[] = [];
  for (const { seat, turn } of todo) {
    const asked = batch.request(seat, turn);
    const request = Symbol.asyncIterator in asked ? yield* asked : asked;
    jobs.push({ request, turn, seat, quiet: batch.quiet });
  }
  const kept = new Map(done);
  // A review recorded without its ranking (cut off in between) is read again from its text.
  for (const [turn, reply] of done) {
    const seat = state.seats.find((s) => s.participant.seat === reply.ended.seat);
    if (reply.review !== undefined || batch.interpret === undefined || seat === undefined) continue;
    if (!isHeard(reply.ended)) continue;
    const review = batch.interpret(seat, turn, reply.ended.text).review;
    if (review === undefined) continue;
    yield review;
    kept.set(turn, { ...reply, review });
  }
  const replies = yield* streamReplies(state, jobs, async function* (job, reply) {
    const { participant } = job.seat;
    state.context?.observe(participant, job.request, reply.usage);
    if (reply.failure !== undefined) yield errorEvent(reply.failure, job.turn, participant);
    const meant =
      isHeard({ status: reply.status, text: reply.cleaned.text }) && batch.interpret !== undefined
        ? batch.interpret(job.seat, job.turn, reply.cleaned.text)
        : { text: reply.cleaned.text };
    const ended: EventOf<'turn-ended'> = {
      type: 'turn-ended',
      turn: job.turn,
      seat: participant.seat,
      speaker: participant.name,
      text: meant.text,
      status: reply.status,
      usage: reply.usage,
      cut: reply.cleaned.cut,
    };
    yield ended;
    if (meant.review !== undefined) yield meant.review;
    kept.set(job.turn, { ended, review: meant.review });
  });

  const inOrder = turns.flatMap(({ turn }) => {
    const reply = kept.get(turn);
    return reply === undefined ? [] : [reply];
  });
  const statuses = inOrder.map((reply) => reply.ended.status);
  const outcome = yield* settleReplies(state, replies, statuses, base + turns.length - 1);
  // A batch cut short is not heard: a resumed run finishes it and then commits it whole.
  if (outcome !== 'continue') return outcome;
  if (batch.close !== undefined) yield* batch.close(inOrder);
  const heard = batch.settle === undefined ? inOrder : yield* batch.settle(inOrder);
  state.turnsTaken = Math.max(state.turnsTaken, base + turns.length - 1);
  commitBatch(state, batch.kind, heard);
  yield { type: 'phase-ended', phase, kind: batch.kind, round: batch.round, reason: 'done' };
  return 'continue';
}

/** What everyone hears once a parallel phase is over; `resume.ts` replays the same. */
export function commitBatch(
  state: DiscussionState,
  kind: PhaseKind,
  replies: readonly BatchReply[],
): void {
  for (const { ended } of replies) {
    const index = state.seats.findIndex((s) => s.participant.seat === ended.seat);
    const seat = state.seats[index];
    if (seat === undefined) continue;
    state.turnsTaken = Math.max(state.turnsTaken, ended.turn);
    hearParallelReply(state, index, seat, ended, kind);
  }
  state.phaseStarted = false;
}

/** A seat's request in a phase where everyone answers: its view, then the phase's instruction. */
export async function* answerRequest(
  state: DiscussionState,
  seat: Seat,
  turn: number,
  prompt: string,
  entries?: readonly HistoryEntry[],
): AsyncGenerator<DiscussionEvent, ModelRequest> {
  const { participant } = seat;
  const guidance = phaseGuidanceText(participant, {
    prompt,
    topic: state.topic,
    introduce: state.settings.introductions && !seat.hadFloor,
  });
  const conversation = yield* conversationFor(state, turn, seat, guidance, entries);
  return seatRequest(
    state.settings,
    participant,
    'turn',
    assemble(seat.system, conversation, guidance),
  );
}
