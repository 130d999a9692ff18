// Where the table stands on one question, from the seats' positions: the vote, its support, and
// whether that is consensus. The consensus check during a discussion and the decision record at
// its end both count here.
import type { Ballot, VoteMethod } from './ballots.js';
import type { Position, QuestionRef } from './positions.js';
import { countVotes, type VoteCount } from './tally.js';

/** One seat's answer to a request for positions. */
export interface SeatAnswer {
  readonly seat: number;
  readonly speaker: string;
  /** How its reply was read (see `PositionStatus`); only parsed and repaired answers hold positions. */
  readonly status: 'parsed' | 'repaired' | 'unparsed' | 'failed';
  readonly positions: readonly Position[];
  /** The reply as given, kept when it could not be read. */
  readonly raw?: string | undefined;
}

export interface QuestionStanding {
  readonly question: QuestionRef;
  /** Undefined for a question without options. */
  readonly count: VoteCount | undefined;
  /** Undefined for a question without options (nothing to count). */
  readonly reached: boolean | undefined;
}

/** The default share of the voting seats that must hold the outcome for consensus. */
export const DEFAULT_CONSENSUS_THRESHOLD = 0.75;

export function positionOn(answer: SeatAnswer, question: number): Position | undefined {
  return answer.positions.find((p) => p.question === question);
}

function ballotOf(answer: SeatAnswer, position: Position): Ballot {
  return {
    voter: answer.speaker,
    choice: position.position,
    ranking: position.ranking,
    approved: position.approved,
    scores: position.scores,
  };
}

/**
 * The vote on one question and whether it is consensus: at least `threshold` of the seats that
 * answered hold the outcome, and there is one (a tie is no consensus). Seats that did not answer
 * abstain; with fewer than two voters there is no consensus to speak of.
 */
export function standingOn(
  question: QuestionRef,
  answers: readonly SeatAnswer[],
  vote: VoteMethod,
  threshold: number,
): QuestionStanding {
  if (question.options.length === 0) return { question, count: undefined, reached: undefined };
  const ballots = answers.flatMap((answer) => {
    const position = positionOn(answer, question.index);
    return position === undefined ? [] : [ballotOf(answer, position)];
  });
  const count = countVotes(question.options, vote, ballots);
  const reached =
    count.winner !== undefined && count.voters.length >= 2 && count.support >= threshold - 1e-9;
  return { question, count, reached };
}

/**
 * Consensus on every question with options that was asked; undefined when none has options
 * (consensus is then not something the seats' answers can show).
 */
export function consensusOnAll(standings: readonly QuestionStanding[]): boolean | undefined {
  const counted = standings.filter((s) => s.reached !== undefined);
  if (counted.length === 0) return undefined;
  return counted.every((s) => s.reached === true);
}
