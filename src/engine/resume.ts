// Rebuilds the engine's state from a previous run's events, so a resumed discussion goes on
// exactly where the recorded one left off. Randomness needs no state here: every turn draws from
// its own stream keyed by (seed, turn).
import { findParticipant } from './controls.js';
import type { DiscussionEvent, EndReason, EventOf, TopicRef, UsageTotals } from './events.js';
import type { FloorEntry } from './floor-record.js';
import { phasesFor } from './formats.js';
import { hearParallelReply, hearTurn, isHeard, type Listeners } from './heard.js';
import type { HistoryEntry } from './history.js';
import { MentionFinder } from './mentions.js';
import { markReply } from './phases/marks.js';
import { tallyText } from './phases/review.js';
import type { PhaseSpec } from './phases/spec.js';
import { topicChangeText } from './request.js';
import type { ResumePoint } from './resume-point.js';
import type { RecordedDecision, WrapUpReason } from './state.js';
import type { Table } from './table.js';
import { addUsage } from './usage.js';

type TurnEnd = EventOf<'turn-ended'> | EventOf<'summary'>;

interface OpenTurn {
  /** A scheduled topic change belongs to the turn it was drawn for, and is redone with it. */
  readonly topicChanges?: readonly EventOf<'topic-changed'>[] | undefined;
  readonly started?: EventOf<'turn-started'> | undefined;
  /** Trims are computed for the request, so a redone turn computes them again. */
  readonly trims?: readonly EventOf<'context-trimmed'>[] | undefined;
  /** Replies withdrawn as repeats, asked again within the turn. */
  readonly discarded?: readonly EventOf<'reply-discarded'>[] | undefined;
}

interface HeldTurn {
  readonly open: OpenTurn;
  readonly end: TurnEnd;
}

/** A parallel phase (or round) under way: its replies are heard together when it ends. */
interface OpenBatch {
  readonly started: EventOf<'phase-started'>;
  /** Its first turn: turn numbers follow seat order. */
  readonly base: number;
  readonly replies: Map<number, { ended: EventOf<'turn-ended'>; review?: EventOf<'review'> }>;
  tally?: EventOf<'review-tally'> | undefined;
}

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
  const replay = new Replay(table);
  for (const event of events) replay.apply(event);
  return replay.finish();
}

class Replay {
  readonly #table: Table;
  #phases: readonly PhaseSpec[] = [];
  readonly #mentions: readonly MentionFinder[];
  #started = false;
  #lastEnd: EndReason | undefined;
  #turnsTaken = 0;
  #summaryDone = false;
  #outcomeRecorded = false;
  readonly #history: HistoryEntry[] = [];
  #topic: TopicRef;
  #topicFresh = false;
  #moderatorChangedTopic = false;
  readonly #topicTurns: number[];
  #previous: number | undefined;
  #floor: ResumePoint['floor'];
  #wrapUp = false;
  #usage: UsageTotals = { promptTokens: 0, completionTokens: 0, estimated: false };
  #failures = 0;
  readonly #seats: {
    heard: number;
    firstHeard: number | undefined;
    hadFloor: boolean;
    lastTrim: EventOf<'context-trimmed'> | undefined;
  }[];
  #open: OpenTurn | undefined;
  #held: HeldTurn | undefined;
  #wrapUpReason: WrapUpReason = 'wrap-up';
  #phase = 0;
  #phaseStarted = false;
  #phaseTurns = 0;
  #round = 1;
  #roundTurns: ResumePoint['roundTurns'];
  #batch: OpenBatch | undefined;
  readonly #answers = new Map<number, { turn: number; text: string }>();
  #tally: EventOf<'review-tally'> | undefined;
  readonly #positions: EventOf<'positions'>[] = [];
  #summaryRecord: EventOf<'summary-record'> | undefined;
  #record: FloorEntry[] = [];
  readonly #decisions = new Map<number, RecordedDecision>();
  /** The history, marks and answers, as the engine's state holds them for `heard.ts`. */
  readonly #listeners: Listeners = {
    log: { append: (entry) => this.#history.push(entry) },
    answers: this.#answers,
    left: new Set(),
    endVotes: new Set(),
    newPoint: new Set(),
  };

  constructor(table: Table) {
    const participants = table.participants;
    this.#table = table;
    // The same finders the engine builds: a self-mention routes nowhere.
    this.#mentions = participants.map(
      (participant) =>
        new MentionFinder(
          participants.filter((p) => p.seat !== participant.seat).map((p) => p.name),
        ),
    );
    this.#topic = { index: 0, text: table.task.questions[0] ?? '' };
    this.#topicTurns = table.task.questions.map(() => 0);
    this.#seats = participants.map(() => ({
      heard: 0,
      firstHeard: undefined,
      hadFloor: false,
      lastTrim: undefined,
    }));
  }

  apply(event: DiscussionEvent): void {
    switch (event.type) {
      case 'discussion-started':
        // Only the first one: older resumed runs announced themselves again.
        if (!this.#started) {
          this.#topic = event.topic;
          this.#phases = phasesFor(event.settings);
        }
        this.#started = true;
        return;
      case 'discussion-resumed':
        // The run before this one stopped without an end: what it had open was redone.
        this.#flushHeld();
        this.#open = undefined;
        this.#dropFailedReplies();
        return;
      case 'topic-changed':
        this.#flushHeld();
        if (event.reason !== 'moderator') {
          // The schedule's draw and the LLM moderator's decision belong to the turn they come
          // before, and are redone with it.
          this.#open = { topicChanges: [...(this.#open?.topicChanges ?? []), event] };
        } else this.#changeTopic(event.topic, event.reason);
        return;
      case 'turn-started':
        this.#flushHeld();
        // Transcripts from before phases: their turns belong to the discussion, phase 0.
        this.#phaseStarted = true;
        if (this.#batch !== undefined) return;
        this.#open = { ...this.#open, started: event };
        return;
      case 'phase-started':
        this.#flushHeld();
        this.#phase = event.phase;
        this.#phaseStarted = true;
        if (event.round !== undefined) this.#round = event.round;
        if (event.kind === 'discussion') this.#record = [];
        if (event.parallel) {
          this.#batch = { started: event, base: this.#turnsTaken + 1, replies: new Map() };
        }
        return;
      case 'phase-ended':
        this.#flushHeld();
        this.#phaseEnded(event);
        return;
      case 'review':
        this.#reviewed(event);
        return;
      case 'review-tally':
        if (this.#batch !== undefined) this.#batch.tally = event;
        return;
      case 'moderator-decision':
      case 'bids': {
        // A decision for the next turn: paid for once, and taken as it was if that turn is redone.
        this.#flushHeld();
        this.#usage = addUsage(this.#usage, event.usage);
        // The turn's scheduled topic change came before the decision, which saw it: it stands,
        // and the redone turn does not draw it again.
        const changes = this.#open?.topicChanges ?? [];
        for (const change of changes) this.#changeTopic(change.topic, 'schedule');
        if (changes.length > 0) this.#moderatorChangedTopic = true;
        this.#open = { ...this.#open, topicChanges: [] };
        const decided = this.#decisions.get(event.turn) ?? {};
        this.#decisions.set(event.turn, { ...decided, [event.type]: event });
        return;
      }
      case 'reply-discarded':
        // Part of its turn, like a context trim: counted when the turn is, asked again with it.
        this.#open = { ...this.#open, discarded: [...(this.#open?.discarded ?? []), event] };
        return;
      case 'positions':
        // Kept with its phase's replies: a resumed closing does not ask a seat it has read.
        this.#positions.push(event);
        if (event.repairUsage !== undefined) this.#usage = addUsage(this.#usage, event.repairUsage);
        return;
      case 'summary-record':
        this.#summaryRecord = event;
        this.#usage = addUsage(this.#usage, event.usage);
        return;
      case 'budget':
        this.#flushHeld();
        if (event.action === 'wrap-up') {
          if (!this.#wrapUp) this.#wrapUpReason = 'budget';
          this.#wrapUp = true;
        }
        return;
      case 'consensus-check':
        this.#flushHeld();
        if (event.reached) {
          if (!this.#wrapUp) this.#wrapUpReason = 'consensus';
          this.#wrapUp = true;
        }
        return;
      case 'outcome':
        // Followed by the end: a resumed run writes only that, not the outcome again.
        this.#outcomeRecorded = true;
        return;
      case 'context-trimmed':
        this.#flushHeld();
        this.#open = { ...this.#open, trims: [...(this.#open?.trims ?? []), event] };
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
        if (this.#batch !== undefined) this.#batchEnded(event);
        else this.#ended(event);
        return;
      case 'summary':
        this.#ended(event);
        return;
      case 'interjection': {
        this.#flushHeld();
        this.#history.push({ kind: 'moderator', text: event.text });
        const index = event.mention === undefined ? -1 : this.#indexOfName(event.mention);
        if (index >= 0) this.#floor = { index, reason: 'moderator' };
        return;
      }
      case 'command':
        this.#command(event.command);
        return;
      case 'discussion-ended': {
        // An outcome before an end was that run's: a run resumed after it decides again.
        this.#outcomeRecorded = false;
        const held = this.#held;
        this.#held = undefined;
        if (held !== undefined && event.reason !== 'failed' && event.reason !== 'stopped') {
          this.#commit(held.open, held.end);
        }
        this.#open = undefined;
        this.#dropFailedReplies();
        this.#lastEnd = event.reason;
        // Whoever resumes a run that gave up has had a chance to fix what made it give up.
        this.#failures = 0;
        return;
      }
      default: {
        const unhandled: never = event;
        throw new TypeError(`Cannot resume from an unknown event: ${JSON.stringify(unhandled)}`);
      }
    }
  }

  finish(): ResumePoint {
    this.#flushHeld();
    return {
      started: this.#started,
      lastEnd: this.#lastEnd,
      completed: this.#lastEnd === 'completed',
      turnsTaken: this.#turnsTaken,
      nextTurn: this.#turnsTaken + 1,
      summaryDone: this.#summaryDone,
      endOnly:
        this.#phase >= this.#phases.length ||
        (this.#summaryDone && this.#phase === this.#phases.length - 1),
      outcomeRecorded: this.#outcomeRecorded,
      history: this.#history,
      topic: this.#topic,
      topicFresh: this.#topicFresh,
      moderatorChangedTopic: this.#moderatorChangedTopic,
      topicTurns: this.#topicTurns,
      previous: this.#previous,
      floor: this.#floor,
      wrapUp: this.#wrapUp,
      wrapUpReason: this.#wrapUpReason,
      phase: this.#phase,
      phaseStarted: this.#phaseStarted,
      phaseTurns: this.#phaseTurns,
      round: this.#round,
      roundTurns: this.#roundTurns,
      batch:
        this.#batch === undefined
          ? undefined
          : new Map([...this.#batch.replies].map(([turn, reply]) => [turn, { ...reply }])),
      answers: new Map(this.#answers),
      tally: this.#tally,
      batchTally: this.#batch?.tally,
      record: [...this.#record],
      decisions: new Map([...this.#decisions].filter(([turn]) => turn > this.#turnsTaken)),
      left: new Set(this.#listeners.left),
      endVotes: new Set(this.#listeners.endVotes),
      newPoint: new Set(this.#listeners.newPoint),
      usage: this.#usage,
      positions: this.#positions,
      summaryRecord: this.#summaryRecord,
      failures: this.#failures,
      seats: this.#seats.map((seat) => ({ ...seat })),
    };
  }

  #command(command: EventOf<'command'>['command']): void {
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
        this.#flushHeld();
        return;
      case 'wrap-up':
      case 'time-up':
        this.#flushHeld();
        if (!this.#wrapUp) this.#wrapUpReason = command.type;
        this.#wrapUp = true;
        return;
      case 'ask': {
        this.#flushHeld();
        const participant = findParticipant(this.#table.participants, command.name);
        const index = participant === undefined ? -1 : this.#indexOfName(participant.name);
        if (index >= 0) this.#floor = { index, reason: 'moderator' };
        return;
      }
    }
  }

  #ended(end: TurnEnd): void {
    const open = this.#open ?? {};
    this.#usage = addUsage(this.#usage, end.usage);
    for (const trim of open.trims ?? []) {
      if (trim.summaryUsage !== undefined) this.#usage = addUsage(this.#usage, trim.summaryUsage);
    }
    for (const discarded of open.discarded ?? []) {
      this.#usage = addUsage(this.#usage, discarded.usage);
    }
    this.#open = undefined;
    if (end.status === 'interrupted') return;
    // Whether a failure is kept depends on whether the run went on after it.
    if (end.status === 'failed') this.#held = { open, end };
    else this.#commit(open, end);
  }

  #flushHeld(): void {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) this.#commit(held.open, held.end);
  }

  /** What the engine does when a turn ends, mirrored. */
  #commit(open: OpenTurn, end: TurnEnd): void {
    this.#failures = end.status === 'failed' ? this.#failures + 1 : 0;
    for (const trim of open.trims ?? []) {
      const trimmed = this.#seats[this.#indexOfSeat(trim.seat)];
      if (trimmed !== undefined) trimmed.lastTrim = trim;
    }
    if (end.type === 'summary') {
      this.#summaryDone = true;
      // Its phase-ended may be missing; the resumed run then only writes that. Before phases,
      // a transcript's summary was the last phase of the roundtable format.
      this.#phase = open.started?.phase ?? this.#phases.length - 1;
      this.#phaseStarted = true;
      return;
    }
    for (const change of open.topicChanges ?? []) this.#changeTopic(change.topic, 'schedule');
    const started = open.started;
    const topic = started?.topic ?? this.#topic;
    this.#topic = topic;
    this.#topicFresh = false;
    this.#moderatorChangedTopic = false;
    if (topic.index >= 0 && topic.index < this.#topicTurns.length) {
      this.#topicTurns[topic.index] = (this.#topicTurns[topic.index] ?? 0) + 1;
    }
    this.#turnsTaken = end.turn;
    this.#phaseTurns += 1;
    const index = this.#indexOfSeat(end.seat);
    const seat = this.#seats[index];
    this.#previous = seat === undefined ? this.#previous : index;
    this.#floor = undefined;
    if (seat === undefined) return;
    this.#record.push({ step: this.#phaseTurns, index, reason: started?.reason ?? 'random' });
    markReply(this.#listeners, index, end);
    seat.hadFloor = true;
    if (!isHeard(end)) return;
    hearTurn(this.#listeners.log, seat, end);
    const mentioned = end.control === 'pass' ? undefined : this.#mentions[index]?.last(end.text);
    const next = mentioned === undefined ? -1 : this.#indexOfName(mentioned);
    if (next >= 0) this.#floor = { index: next, reason: 'mention', why: `named by ${end.speaker}` };
  }

  #batchEnded(end: EventOf<'turn-ended'>): void {
    this.#usage = addUsage(this.#usage, end.usage);
    // An interrupted reply is asked again; a failed one too unless its phase went on to the end.
    if (end.status !== 'interrupted') this.#batch?.replies.set(end.turn, { ended: end });
  }

  #reviewed(review: EventOf<'review'>): void {
    const reply = this.#batch?.replies.get(review.turn);
    if (reply !== undefined) reply.review = review;
  }

  /** Drops the failed replies of an unfinished parallel phase: the resumed run asks them again. */
  #dropFailedReplies(): void {
    const replies = this.#batch?.replies;
    if (replies === undefined) return;
    for (const [turn, reply] of replies) {
      if (reply.ended.status === 'failed') replies.delete(turn);
    }
  }

  /** What `phases/parallel.ts` (commitBatch) and the phase runners do when a phase ends. */
  #phaseEnded(event: EventOf<'phase-ended'>): void {
    this.#decisions.clear();
    const batch = this.#batch;
    this.#batch = undefined;
    if (event.phase < this.#phase) return;
    if (batch !== undefined) {
      const replies = [...batch.replies.values()].sort((a, b) => a.ended.turn - b.ended.turn);
      if (batch.tally !== undefined) {
        this.#tally = batch.tally;
        this.#history.push({ kind: 'moderator', text: tallyText(batch.tally) });
      }
      let failures = this.#failures;
      for (const { ended } of replies) {
        failures = ended.status === 'failed' ? failures + 1 : 0;
        const index = this.#indexOfSeat(ended.seat);
        const seat = this.#seats[index];
        if (seat !== undefined) hearParallelReply(this.#listeners, index, seat, ended, event.kind);
      }
      this.#failures = failures;
      const first = batch.base;
      this.#turnsTaken = Math.max(this.#turnsTaken, first + batch.started.seats.length - 1);
      if (event.kind === 'rounds' && event.round !== undefined) {
        const rounds = batch.started.rounds ?? event.round;
        if (event.round < rounds) {
          this.#roundTurns = { first: this.#roundTurns?.first ?? first, previous: first };
          this.#round = event.round + 1;
          this.#phaseStarted = false;
          return;
        }
      }
    }
    this.#phase = event.phase + 1;
    this.#phaseStarted = false;
    this.#summaryDone = false;
    this.#record = [];
    this.#phaseTurns = 0;
    this.#round = 1;
    this.#roundTurns = undefined;
  }

  #changeTopic(topic: TopicRef, reason: EventOf<'topic-changed'>['reason']): void {
    this.#topic = topic;
    this.#topicFresh = true;
    if (reason === 'moderator') this.#moderatorChangedTopic = true;
    this.#history.push({ kind: 'moderator', text: topicChangeText(topic) });
  }

  #indexOfSeat(seat: number): number {
    return this.#table.participants.findIndex((p) => p.seat === seat);
  }

  #indexOfName(name: string): number {
    return this.#table.participants.findIndex((p) => p.name === name);
  }
}
