// Positions and changes of mind, from the decision record (outcome.json) when the run made one:
// per question the table's outcome and support, and each seat's opening and closing position.
import type { OutcomeRecord } from '../outcome/record-schema.js';

export interface SeatPositions {
  readonly seat: number;
  readonly speaker: string;
  /** Before the discussion (when the format asks for opening positions). */
  readonly opening: string | undefined;
  /** At the closing; undefined when the seat gave none that could be read. */
  readonly closing: string | undefined;
  /** 0–1, as the seat gave it. */
  readonly confidence: number | undefined;
  /** The seat said it changed its mind, or its closing position differs from its opening one. */
  readonly changedMind: boolean;
}

export interface QuestionPositions {
  /** 0-based line of task/questions.txt. */
  readonly index: number;
  readonly question: string;
  /** The option the table chose; null for a tie, no votes or a question without options. */
  readonly outcome: string | null;
  /** Share of the voting seats whose position is the outcome. */
  readonly support: number | null;
  readonly consensus: boolean | null;
  readonly seats: readonly SeatPositions[];
  /** Seats whose closing position differs from their opening one. */
  readonly changes: readonly {
    readonly speaker: string;
    readonly from: string;
    readonly to: string;
  }[];
}

export function positionFigures(
  record: OutcomeRecord | undefined,
): QuestionPositions[] | undefined {
  if (record === undefined) return undefined;
  return record.questions.map((q) => ({
    index: q.index,
    question: q.question,
    outcome: q.outcome,
    support: q.consensus.support,
    consensus: q.consensus.reached,
    seats: q.positions.map((p) => {
      const opening = q.opening?.find((o) => o.seat === p.seat)?.position;
      const changed = q.changes.some((c) => c.seat === p.seat);
      return {
        seat: p.seat,
        speaker: p.speaker,
        opening,
        closing: p.position,
        confidence: p.confidence,
        changedMind: changed || p.changedMind === true,
      };
    }),
    changes: q.changes.map((c) => ({ speaker: c.speaker, from: c.from, to: c.to })),
  }));
}
