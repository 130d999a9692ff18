// What a seat's structured positions are: the question answered, the position taken, the vote it
// carries. The JSON Schema a seat is asked for is built in positions-schema.ts; its answer is read
// back in read-positions.ts.

/** A question a seat takes a position on. */
export interface QuestionRef {
  /** 0-based index into the table's questions. */
  readonly index: number;
  readonly text: string;
  /** Empty: the position is free text. */
  readonly options: readonly string[];
}

export interface Position {
  /** 0-based index into the table's questions. */
  readonly question: number;
  /** For a question with options: one of them, exactly as listed. Otherwise the seat's words. */
  readonly position: string;
  /** 0–1. */
  readonly confidence: number;
  readonly changedMind: boolean;
  readonly because: string;
  /** ranked votes: every option the seat ordered, best first, its position first. */
  readonly ranking?: readonly string[] | undefined;
  /** approval votes: the options the seat accepts, its position among them. */
  readonly approved?: readonly string[] | undefined;
  /** score votes: 0–10 per option. */
  readonly scores?: Readonly<Record<string, number>> | undefined;
}

export type PositionsRead =
  | {
      readonly ok: true;
      readonly positions: readonly Position[];
      readonly missing: readonly number[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The key of a question's answer: `q1`, `q2`… in the order the seat was given them. */
export const answerKey = (i: number): string => `q${i + 1}`;
