// What a running discussion knows: its table and services, and the state every phase, command
// and reply reads and changes. One object, handed to the functions that make up the engine, so
// each of them can live in a file of its own.

import type { QuestionRef } from '../outcome/positions.js';
import type { Address } from './address.js';
import { ContextKeeper } from './budget-keeper.js';
import { Slots } from './concurrency.js';
import { DiscussionControls } from './controls.js';
import { CostKeeper } from './costs.js';
import type { DiscussionOptions } from './discussion-options.js';
import type {
  EventOf,
  FloorReason,
  SeatMemory,
  TopicRef,
  TurnStatus,
  UsageTotals,
} from './events.js';
import type { FloorEntry } from './floor-record.js';
import { phasesFor } from './formats.js';
import { ConversationLog } from './history.js';
import { MentionFinder } from './mentions.js';
import type { Model } from './model.js';
import type { PositionsMoment } from './outcome-events.js';
import type { PhaseSpec } from './phases/spec.js';
import { normalizeSeed } from './random.js';
import type { ResumePoint } from './resume-point.js';
import { everyToProbability } from './schedule.js';
import { memoriesOf, officialSeats, type Seat, seatsFor } from './seats.js';
import type { EngineSettings, Table } from './table.js';

/** Why only the closing phases are left. */
export type WrapUpReason = 'wrap-up' | 'time-up' | 'budget' | 'consensus';

/** A reply of a parallel phase that ended before the run was cut off; kept, not asked again. */
export interface BatchReply {
  readonly ended: EventOf<'turn-ended'>;
  readonly review?: EventOf<'review'> | undefined;
}

/** What the moderator decided and the seats bid before a turn that a resumed run speaks again. */
export interface RecordedDecision {
  readonly 'moderator-decision'?: EventOf<'moderator-decision'> | undefined;
  readonly bids?: EventOf<'bids'> | undefined;
}

/** Who speaks next regardless of the scheduler's draw, and why. */
export interface Floor {
  readonly index: number;
  readonly reason: FloorReason;
  /** In a few words, for the record ("named by Ann"). */
  readonly why?: string | undefined;
  /** How the last reply addressed the seat (reason `mention`). */
  readonly addressed?: Address | undefined;
}

export class DiscussionState {
  readonly table: Table;
  readonly settings: EngineSettings;
  readonly model: Model;
  readonly signal: AbortSignal;
  readonly controls: DiscussionControls;
  readonly context: ContextKeeper | undefined;
  readonly slots: Slots;
  readonly seed: number;
  readonly seats: readonly Seat[];
  /** What the seats with memory were given, in seat order. */
  readonly memories: readonly SeatMemory[];
  readonly log: ConversationLog;
  /** The moderator gives the floor only with `@Name`. */
  readonly moderatorMentions: MentionFinder;
  /** Turns spoken per question. */
  readonly topicTurns: number[];
  /** Per-turn probabilities of a scheduled topic change and of an invite-opinions directive. */
  readonly pTopic: number;
  readonly pInvite: number;
  topic: TopicRef;
  /** The topic changed (by schedule or moderator) since the last turn. */
  topicFresh = false;
  moderatorChangedTopic = false;
  /** Discussion turns spoken on the topic since it was set. */
  turnsOnTopic = 0;
  /** Scheduled topic changes drawn and waiting for a turn that may make them (schedule.ts). */
  topicsDue = 0;
  /** Index of the last turn's speaker. */
  previous: number | undefined;
  floor: Floor | undefined;
  paused = false;
  /** Only the closing phases are left (a wrap-up command, or the time limit). */
  wrapUp = false;
  wrapUpReason: WrapUpReason = 'wrap-up';
  /** What ended the discussion early, in words, for the record ("consensus after turn 8"). */
  stoppedBy: string | undefined;
  usage: UsageTotals = { promptTokens: 0, completionTokens: 0, estimated: false };
  /** Failed turns in a row. */
  failures = 0;
  /** The last turn number spoken and kept, in any phase. */
  turnsTaken = 0;
  readonly phases: readonly PhaseSpec[];
  /** The phase running (or next to run). */
  phaseIndex = 0;
  /** Its `phase-started` (of the current round) was announced. */
  phaseStarted = false;
  /** Turns kept in the current discussion phase. */
  phaseTurns = 0;
  /** The current (summary) phase has said what it had to; only its end is left to record. */
  summaryDone = false;
  /** The round of a rounds phase (1-based). */
  round = 1;
  /** Replies of the parallel phase in progress that a resumed run keeps, by turn. */
  batch: Map<number, BatchReply> | undefined;
  /**
   * In a rounds phase: the first turn of its first round and of the previous round. A round
   * hears what came before the phase and the previous round, not the rounds before that.
   */
  roundTurns: { readonly first: number; readonly previous: number } | undefined;
  /** Every seat's latest answer in a parallel phase (what a review ranks), by seat index. */
  answers = new Map<number, { readonly turn: number; readonly text: string }>();
  /** The last review tally (the chair falls back to the best-reviewed seat). */
  tally: EventOf<'review-tally'> | undefined;
  /** Decisions recorded for turns a resumed run speaks again: taken as they were, not asked again. */
  decisions: ReadonlyMap<number, RecordedDecision> = new Map();
  /** Who had the floor in the discussion phase under way, and why (speaker policies, guards). */
  record: FloorEntry[] = [];
  /** Seats that said [leave]: never given the floor again. */
  readonly left = new Set<number>();
  /** Seats whose latest reply proposed to end ([end]). */
  readonly endVotes = new Set<number>();
  /** Seats whose latest reply repeated an earlier turn: their next guidance asks for a new point. */
  readonly newPoint = new Set<number>();
  /** A tally recorded before the run was cut off, its phase not yet ended. */
  recordedTally: EventOf<'review-tally'> | undefined;
  /** Each seat's structured positions, by moment and seat number. */
  readonly positions = new Map<PositionsMoment, Map<number, EventOf<'positions'>>>();
  /** The questions the closing (or opening) asked about. */
  questionsAsked: readonly QuestionRef[] | undefined;
  /** The summary as spoken, and the summarizer's structured record. */
  summaryText: { readonly speaker: string; readonly text: string } | undefined;
  summaryRecord: EventOf<'summary-record'> | undefined;
  /** A resumed run's recorded summary: how it ended (see phases/summary.ts). */
  resumedSummaryStatus: TurnStatus | undefined;
  /** Costs stamped on events and their running total; undefined when the run is not priced. */
  readonly costs: CostKeeper | undefined;

  constructor(options: DiscussionOptions) {
    const { table, settings } = options;
    const firstQuestion = table.task.questions[0];
    if (table.participants.length === 0 || firstQuestion === undefined) {
      throw new TypeError('A discussion needs at least one participant and one question');
    }
    this.table = table;
    this.settings = settings;
    this.model = options.model;
    this.signal = options.signal ?? new AbortController().signal;
    this.controls = options.controls ?? new DiscussionControls();
    this.context = options.budget && new ContextKeeper(options.budget, options.model, this.signal);
    this.slots = new Slots(options.concurrency);
    this.seed = normalizeSeed(settings.seed);
    const participants = table.participants;
    this.memories = memoriesOf(options);
    this.seats = seatsFor(table, settings, this.memories);
    this.log = new ConversationLog(participants.map((p) => p.seat));
    this.moderatorMentions = new MentionFinder(
      participants.map((p) => p.name),
      { requireAt: true },
    );
    this.topicTurns = table.task.questions.map(() => 0);
    this.topic = { index: 0, text: firstQuestion };
    this.pTopic = everyToProbability(settings.topicChangeEvery);
    this.pInvite = everyToProbability(settings.askOpinionEvery);
    this.phases = phasesFor(settings);
    // The LLM moderator's requests (seat 0) pay its endpoint's and model's price.
    this.costs =
      options.pricing === undefined
        ? undefined
        : new CostKeeper(options.pricing, participants, settings.moderator);
  }

  /** Takes up a recorded discussion's state (the opening is already in the log). */
  restore(point: ResumePoint): void {
    for (const entry of point.history) this.log.append(entry);
    this.topic = point.topic;
    this.topicFresh = point.topicFresh;
    this.moderatorChangedTopic = point.moderatorChangedTopic;
    this.turnsOnTopic = point.turnsOnTopic;
    this.topicsDue = point.topicsDue;
    point.topicTurns.forEach((count, index) => {
      this.topicTurns[index] = count;
    });
    this.previous = point.previous;
    this.floor = point.floor;
    this.wrapUp = point.wrapUp;
    this.wrapUpReason = point.wrapUpReason;
    for (const event of point.positions) {
      const byMoment = this.positions.get(event.moment) ?? new Map();
      byMoment.set(event.seat, event);
      this.positions.set(event.moment, byMoment);
    }
    this.summaryRecord = point.summaryRecord;
    this.summaryText = point.summaryText;
    this.resumedSummaryStatus = point.summaryStatus;
    this.usage = point.usage;
    this.failures = point.failures;
    this.turnsTaken = point.turnsTaken;
    this.phaseIndex = point.phase;
    this.phaseStarted = point.phaseStarted;
    this.phaseTurns = point.phaseTurns;
    this.summaryDone = point.summaryDone;
    this.round = point.round;
    this.batch = point.batch;
    this.roundTurns = point.roundTurns;
    this.tally = point.tally;
    this.recordedTally = point.batchTally;
    for (const [seat, answer] of point.answers) this.answers.set(seat, answer);
    this.record = [...point.record];
    this.decisions = point.decisions;
    for (const index of point.left) this.left.add(index);
    for (const index of point.endVotes) this.endVotes.add(index);
    for (const index of point.newPoint) this.newPoint.add(index);
    point.seats.forEach((progress, index) => {
      const seat = this.seats[index];
      if (seat === undefined) return;
      seat.heard = progress.heard;
      seat.firstHeard = progress.firstHeard;
      seat.words = progress.words;
      seat.lastHeard = progress.lastHeard;
      seat.hadFloor = progress.hadFloor;
      if (progress.lastTrim !== undefined) this.context?.restore(progress.lastTrim);
    });
  }

  /**
   * Seats that decide rather than discuss: a `judge` when a summary phase is by the judge, a
   * `chair` when one is by the chair. They sit out every other phase.
   */
  get officials(): ReadonlySet<number> {
    this.#officials ??= officialSeats(this.phases, this.seats);
    return this.#officials;
  }
  #officials: ReadonlySet<number> | undefined;

  /** Indices of the seats that take part (not officials, not gone), in seat order. */
  speakers(): number[] {
    const officials = this.officials;
    return this.seats
      .map((_, index) => index)
      .filter((index) => !officials.has(index) && !this.left.has(index));
  }

  question(index: number): string {
    return this.table.task.questions[index] ?? '';
  }

  seat(index: number): Seat {
    const seat = this.seats[index];
    if (seat === undefined) throw new RangeError(`No seat at index ${index}`);
    return seat;
  }

  indexOf(name: string): number {
    return this.seats.findIndex((seat) => seat.participant.name === name);
  }
}
