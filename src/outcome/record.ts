// The decision record: what the table concluded on each question, who disagreed and why, who
// changed their mind, what to do next and what it cost. Built from the seats' answers; pure.
import type { VoteMethod } from './ballots.js';
import { positionOn, type SeatAnswer, standingOn } from './consensus.js';
import type { Position, QuestionRef } from './positions.js';
import type {
  ActionItem,
  OutcomeRecord,
  PositionStatus,
  QuestionOutcome,
  SeatPosition,
} from './record-schema.js';
import type { VoteCount } from './tally.js';

/** What the summarizer was asked for besides its prose, as read from its structured answer. */
export interface SummaryRecord {
  readonly status: PositionStatus;
  readonly actionItems: readonly { readonly action: string; readonly owner: string }[];
  readonly openQuestions: readonly string[];
  /** Free-text positions grouped, per question (0-based table index). */
  readonly groups: readonly {
    readonly question: number;
    readonly stance: string;
    readonly seats: readonly string[];
  }[];
}

export interface RecordInput {
  /** The questions the seats were asked for positions on. */
  readonly questions: readonly QuestionRef[];
  readonly vote: VoteMethod;
  readonly threshold: number;
  /** Every seat asked at the closing, failed ones too. */
  readonly closing: readonly SeatAnswer[];
  /** The opening phase's answers, when the format has one. */
  readonly opening?: readonly SeatAnswer[] | undefined;
  readonly summary?: { readonly speaker: string; readonly text: string } | undefined;
  readonly summaryRecord?: SummaryRecord | undefined;
  /** Every seat at the table (action items name owners among them). */
  readonly participants: readonly { readonly seat: number; readonly name: string }[];
  readonly endReason: OutcomeRecord['endReason'];
  readonly stoppedBy?: string | undefined;
  readonly cost: OutcomeRecord['cost'];
}

const normal = (text: string): string => text.normalize('NFC').trim().toLocaleLowerCase();

function seatPosition(answer: SeatAnswer, question: number): SeatPosition {
  const base = { seat: answer.seat, speaker: answer.speaker };
  if (answer.status === 'unparsed' || answer.status === 'failed') {
    return {
      ...base,
      status: answer.status,
      ...(answer.raw === undefined ? {} : { raw: answer.raw }),
    };
  }
  const position = positionOn(answer, question);
  if (position === undefined) return { ...base, status: 'absent' };
  return {
    ...base,
    status: answer.status,
    position: position.position,
    confidence: position.confidence,
    changedMind: position.changedMind,
    because: position.because,
    ...(position.ranking === undefined ? {} : { ranking: [...position.ranking] }),
    ...(position.approved === undefined ? {} : { approved: [...position.approved] }),
    ...(position.scores === undefined ? {} : { scores: { ...position.scores } }),
  };
}

/** Who holds another position at the closing than at the opening, and from what to what. */
function changesOn(
  question: QuestionRef,
  opening: readonly SeatAnswer[],
  closing: readonly SeatAnswer[],
): QuestionOutcome['changes'] {
  return closing.flatMap((answer) => {
    const after = positionOn(answer, question.index);
    const before = opening.find((o) => o.seat === answer.seat);
    const was = before === undefined ? undefined : positionOn(before, question.index);
    if (after === undefined || was === undefined) return [];
    // Options are compared; free text changes whenever a seat says it changed its mind.
    const changed =
      question.options.length > 0
        ? normal(after.position) !== normal(was.position)
        : after.changedMind && normal(after.position) !== normal(was.position);
    return changed
      ? [{ seat: answer.seat, speaker: answer.speaker, from: was.position, to: after.position }]
      : [];
  });
}

function voteOf(count: VoteCount): NonNullable<QuestionOutcome['vote']> {
  return {
    method: count.method,
    voters: [...count.voters],
    winner: count.winner ?? null,
    tied: [...count.tied],
    decidedBy: count.decidedBy,
    firstChoices: { ...count.firstChoices },
    ...(count.borda === undefined ? {} : { borda: { ...count.borda } }),
    ...(count.condorcet === undefined
      ? {}
      : {
          condorcet: {
            winner: count.condorcet.winner ?? null,
            smithSet: [...count.condorcet.smithSet],
            pairwise: count.condorcet.pairwise,
          },
        }),
    ...(count.approvals === undefined ? {} : { approvals: { ...count.approvals } }),
    ...(count.meanScores === undefined ? {} : { meanScores: { ...count.meanScores } }),
  };
}

function minorityReport(
  count: VoteCount | undefined,
  question: QuestionRef,
  closing: readonly SeatAnswer[],
): QuestionOutcome['minorityReport'] {
  if (count === undefined) return [];
  return count.dissenters.flatMap((name) => {
    const answer = closing.find((a) => a.speaker === name);
    const position: Position | undefined = answer && positionOn(answer, question.index);
    if (answer === undefined || position === undefined) return [];
    return [
      { seat: answer.seat, speaker: name, position: position.position, because: position.because },
    ];
  });
}

function questionOutcome(input: RecordInput, question: QuestionRef): QuestionOutcome {
  const standing = standingOn(question, input.closing, input.vote, input.threshold);
  const count = standing.count;
  const groups = input.summaryRecord?.groups.filter((g) => g.question === question.index) ?? [];
  return {
    index: question.index,
    question: question.text,
    options: [...question.options],
    outcome: count?.winner ?? null,
    positions: input.closing.map((answer) => seatPosition(answer, question.index)),
    ...(input.opening === undefined
      ? {}
      : { opening: input.opening.map((answer) => seatPosition(answer, question.index)) }),
    changes: changesOn(question, input.opening ?? [], input.closing),
    ...(count === undefined ? {} : { vote: voteOf(count) }),
    consensus: {
      reached: standing.reached ?? null,
      threshold: input.threshold,
      pluralityShare: count?.plurality.share ?? null,
      support: count?.support ?? null,
      kendallW: count?.kendallW ?? null,
      dissenters: [...(count?.dissenters ?? [])],
    },
    ...(question.options.length === 0 && groups.length > 0
      ? { groups: groups.map((g) => ({ stance: g.stance, seats: [...g.seats] })) }
      : {}),
    minorityReport: minorityReport(count, question, input.closing),
  };
}

function actionItems(input: RecordInput): ActionItem[] {
  return (input.summaryRecord?.actionItems ?? []).map((item) => {
    const seat = input.participants.find((p) => normal(p.name) === normal(item.owner));
    return {
      action: item.action,
      owner: seat?.name ?? item.owner,
      ownerIsSeat: seat !== undefined,
    };
  });
}

export function buildOutcome(input: RecordInput): OutcomeRecord {
  return {
    version: 1,
    endReason: input.endReason,
    ...(input.stoppedBy === undefined ? {} : { stoppedBy: input.stoppedBy }),
    vote: input.vote,
    questions: input.questions.map((question) => questionOutcome(input, question)),
    ...(input.summary === undefined ? {} : { summary: { ...input.summary } }),
    actionItems: actionItems(input),
    openQuestions: [...(input.summaryRecord?.openQuestions ?? [])],
    ...(input.summaryRecord === undefined ? {} : { recordStatus: input.summaryRecord.status }),
    cost: input.cost,
  };
}
