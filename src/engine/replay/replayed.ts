// What `resume.ts` has rebuilt so far from a recorded run's events: the engine's state as it
// stood, in a plain object the replay of turns (turns.ts) and of phases (phases.ts) both update.
import type { EndReason, EventOf, TopicRef, TurnStatus, UsageTotals } from '../events.js';
import type { FloorEntry } from '../floor-record.js';
import type { Listeners } from '../heard.js';
import type { HistoryEntry } from '../history.js';
import { MentionFinder } from '../mentions.js';
import type { FloorRule, PhaseSpec } from '../phases/spec.js';
import { topicChangeText } from '../request.js';
import type { ResumePoint } from '../resume-point.js';
import type { Floor, RecordedDecision, WrapUpReason } from '../state.js';
import type { Table } from '../table.js';

export type TurnEnd = EventOf<'turn-ended'> | EventOf<'summary'>;

/** A turn under way: what belongs to it, counted when it ends and redone with it if it does not. */
export interface OpenTurn {
  /** A scheduled topic change belongs to the turn it was drawn for, and is redone with it. */
  readonly topicChanges?: readonly EventOf<'topic-changed'>[] | undefined;
  readonly started?: EventOf<'turn-started'> | undefined;
  /** Trims are computed for the request, so a redone turn computes them again. */
  readonly trims?: readonly EventOf<'context-trimmed'>[] | undefined;
  /** Replies withdrawn as repeats, asked again within the turn. */
  readonly discarded?: readonly EventOf<'reply-discarded'>[] | undefined;
}

/** A failed turn, kept or redone depending on whether the run went on after it. */
export interface HeldTurn {
  readonly open: OpenTurn;
  readonly end: TurnEnd;
}

/** A parallel phase (or round) under way: its replies are heard together when it ends. */
export interface OpenBatch {
  readonly started: EventOf<'phase-started'>;
  /** Its first turn: turn numbers follow seat order. */
  readonly base: number;
  readonly replies: Map<number, { ended: EventOf<'turn-ended'>; review?: EventOf<'review'> }>;
  tally?: EventOf<'review-tally'> | undefined;
}

export interface ReplayedSeat {
  heard: number;
  firstHeard: number | undefined;
  words: number;
  lastHeard: number | undefined;
  hadFloor: boolean;
  lastTrim: EventOf<'context-trimmed'> | undefined;
}

export interface Replayed {
  readonly table: Table;
  phases: readonly PhaseSpec[];
  /** The recorded run's floor rule (its settings): the floor after its last reply, as it gave it. */
  floorRule: FloorRule;
  /** The same finders the engine builds: a self-mention routes nowhere. */
  readonly mentions: readonly MentionFinder[];
  started: boolean;
  lastEnd: EndReason | undefined;
  turnsTaken: number;
  summaryDone: boolean;
  /** The decision record was written (see ResumePoint). */
  outcomeRecorded: boolean;
  readonly history: HistoryEntry[];
  topic: TopicRef;
  topicFresh: boolean;
  moderatorChangedTopic: boolean;
  turnsOnTopic: number;
  topicsDue: number;
  readonly topicTurns: number[];
  previous: number | undefined;
  floor: Floor | undefined;
  wrapUp: boolean;
  wrapUpReason: WrapUpReason;
  usage: UsageTotals;
  failures: number;
  readonly seats: ReplayedSeat[];
  open: OpenTurn | undefined;
  held: HeldTurn | undefined;
  phase: number;
  phaseStarted: boolean;
  phaseTurns: number;
  round: number;
  roundTurns: ResumePoint['roundTurns'];
  batch: OpenBatch | undefined;
  tally: EventOf<'review-tally'> | undefined;
  readonly positions: EventOf<'positions'>[];
  summaryRecord: EventOf<'summary-record'> | undefined;
  summaryText: { readonly speaker: string; readonly text: string } | undefined;
  summaryStatus: TurnStatus | undefined;
  record: FloorEntry[];
  readonly decisions: Map<number, RecordedDecision>;
  /** The history, marks and latest answers, as the engine's state holds them for `heard.ts`. */
  readonly listeners: Listeners;
}

export function startReplay(table: Table): Replayed {
  const participants = table.participants;
  const history: HistoryEntry[] = [];
  return {
    table,
    phases: [],
    floorRule: 'named',
    mentions: participants.map(
      (participant) =>
        new MentionFinder(
          participants.filter((p) => p.seat !== participant.seat).map((p) => p.name),
        ),
    ),
    started: false,
    lastEnd: undefined,
    turnsTaken: 0,
    summaryDone: false,
    outcomeRecorded: false,
    history,
    topic: { index: 0, text: table.task.questions[0] ?? '' },
    topicFresh: false,
    moderatorChangedTopic: false,
    turnsOnTopic: 0,
    topicsDue: 0,
    topicTurns: table.task.questions.map(() => 0),
    previous: undefined,
    floor: undefined,
    wrapUp: false,
    wrapUpReason: 'wrap-up',
    usage: { promptTokens: 0, completionTokens: 0, estimated: false },
    failures: 0,
    seats: participants.map(() => ({
      heard: 0,
      firstHeard: undefined,
      words: 0,
      lastHeard: undefined,
      hadFloor: false,
      lastTrim: undefined,
    })),
    open: undefined,
    held: undefined,
    phase: 0,
    phaseStarted: false,
    phaseTurns: 0,
    round: 1,
    roundTurns: undefined,
    batch: undefined,
    tally: undefined,
    positions: [],
    summaryRecord: undefined,
    summaryText: undefined,
    summaryStatus: undefined,
    record: [],
    decisions: new Map(),
    listeners: {
      log: { append: (entry) => history.push(entry) },
      answers: new Map(),
      left: new Set(),
      endVotes: new Set(),
      newPoint: new Set(),
    },
  };
}

/** Where the replayed run stands, as the engine takes it up (copies: the replay may go on). */
export function resumePointOf(r: Replayed): ResumePoint {
  const { listeners } = r;
  return {
    started: r.started,
    lastEnd: r.lastEnd,
    completed: r.lastEnd === 'completed',
    turnsTaken: r.turnsTaken,
    nextTurn: r.turnsTaken + 1,
    summaryDone: r.summaryDone,
    endOnly: r.phase >= r.phases.length || (r.summaryDone && r.phase === r.phases.length - 1),
    outcomeRecorded: r.outcomeRecorded,
    history: r.history,
    topic: r.topic,
    topicFresh: r.topicFresh,
    moderatorChangedTopic: r.moderatorChangedTopic,
    turnsOnTopic: r.turnsOnTopic,
    topicsDue: r.topicsDue,
    topicTurns: r.topicTurns,
    previous: r.previous,
    floor: r.floor,
    wrapUp: r.wrapUp,
    wrapUpReason: r.wrapUpReason,
    phase: r.phase,
    phaseStarted: r.phaseStarted,
    phaseTurns: r.phaseTurns,
    round: r.round,
    roundTurns: r.roundTurns,
    batch:
      r.batch === undefined
        ? undefined
        : new Map([...r.batch.replies].map(([turn, reply]) => [turn, { ...reply }])),
    answers: new Map(listeners.answers),
    tally: r.tally,
    batchTally: r.batch?.tally,
    record: [...r.record],
    decisions: new Map([...r.decisions].filter(([turn]) => turn > r.turnsTaken)),
    left: new Set(listeners.left),
    endVotes: new Set(listeners.endVotes),
    newPoint: new Set(listeners.newPoint),
    usage: r.usage,
    positions: r.positions,
    summaryRecord: r.summaryRecord,
    summaryText: r.summaryText,
    summaryStatus: r.summaryStatus,
    summaryRecordMissing:
      r.summaryDone &&
      r.summaryRecord === undefined &&
      r.summaryStatus === 'complete' &&
      r.positions.some((p) => p.moment === 'opening' || p.moment === 'closing'),
    failures: r.failures,
    seats: r.seats.map((seat) => ({ ...seat })),
  };
}

export function changeTopic(
  r: Replayed,
  topic: TopicRef,
  reason: EventOf<'topic-changed'>['reason'],
): void {
  r.topic = topic;
  r.topicFresh = true;
  r.turnsOnTopic = 0;
  r.topicsDue = 0;
  if (reason === 'moderator') r.moderatorChangedTopic = true;
  r.history.push({ kind: 'moderator', text: topicChangeText(topic) });
}

export function indexOfSeat(r: Replayed, seat: number): number {
  return r.table.participants.findIndex((p) => p.seat === seat);
}

export function indexOfName(r: Replayed, name: string): number {
  return r.table.participants.findIndex((p) => p.name === name);
}
