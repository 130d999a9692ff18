// What a reply's control word and repetition mark leave behind for the seat: left the table,
// proposes to end, owes a new point. The engine and `resume.ts` both apply it.
import type { ControlWord, RepeatMark, TurnStatus } from '../events.js';

export interface SeatMarks {
  /** Seats that said [leave]: never given the floor again. */
  readonly left: Set<number>;
  /** Seats whose latest reply ended with [end]. */
  readonly endVotes: Set<number>;
  /** Seats whose latest reply repeated an earlier turn: their next guidance asks for a new point. */
  readonly newPoint: Set<number>;
}

export function markReply(
  marks: SeatMarks,
  index: number,
  ended: {
    readonly status: TurnStatus;
    readonly control?: ControlWord | undefined;
    readonly repeat?: RepeatMark | undefined;
  },
): void {
  if (ended.status === 'failed' || ended.status === 'interrupted') return;
  if (ended.control === 'leave') {
    marks.left.add(index);
    marks.endVotes.delete(index);
  } else if (ended.control === 'end') {
    marks.endVotes.add(index);
  } else {
    marks.endVotes.delete(index);
  }
  if (ended.repeat !== undefined) marks.newPoint.add(index);
  else marks.newPoint.delete(index);
}
