// What the table keeps of a reply it heard. The engine applies these as turns end and `resume.ts`
// applies the same functions as it replays the recorded events, so a resumed run's history and
// counts cannot drift from the live run's.
import type { EventOf, PhaseKind, TurnStatus } from './events.js';
import type { HistoryEntry } from './history.js';
import { markReply, type SeatMarks } from './phases/marks.js';

/** What a seat has been heard saying, in numbers. */
export interface HeardCounts {
  /** Turns in which it was heard. */
  heard: number;
  firstHeard: number | undefined;
  /** Words in the turns in which it was heard (the summary's seat on a tie of turns). */
  words: number;
  /** The turn it was last heard in (a tie of turns and words goes to the latest). */
  lastHeard: number | undefined;
  /** It has been given a turn (so it has introduced itself). */
  hadFloor: boolean;
}

/** The table as the engine's state and the replay both hold it. */
export interface Listeners extends SeatMarks {
  /** What everyone has heard, in order. */
  readonly log: { append(entry: HistoryEntry): void };
  /** The latest parallel answers, by participant index. */
  readonly answers: Map<number, { readonly turn: number; readonly text: string }>;
}

type Spoken = Pick<EventOf<'turn-ended'>, 'turn' | 'seat' | 'speaker' | 'text'>;

/** A reply with words in it that did not fail: the table heard it. */
export function isHeard(reply: { readonly status: TurnStatus; readonly text: string }): boolean {
  return reply.status !== 'failed' && reply.status !== 'interrupted' && reply.text.length > 0;
}

/** Words as a reader counts them: runs of anything but whitespace. */
export function wordCount(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/\S+/g)) count += 1;
  return count;
}

/** A heard reply joins the history and counts for its seat. */
export function hearTurn(log: Listeners['log'], seat: HeardCounts, spoken: Spoken): void {
  log.append({
    kind: 'turn',
    seat: spoken.seat,
    speaker: spoken.speaker,
    text: spoken.text,
    turn: spoken.turn,
  });
  seat.heard += 1;
  seat.firstHeard ??= spoken.turn;
  seat.words += wordCount(spoken.text);
  seat.lastHeard = spoken.turn;
}

/**
 * A parallel reply, heard with the rest of its batch (in seat order) when its phase ends:
 * the seat has had the floor, its control word and repeat mark apply, and unless it was a
 * review (which ranks anonymized answers by label: the table hears the tally instead) it is
 * heard and becomes the seat's latest answer.
 */
export function hearParallelReply(
  table: Listeners,
  index: number,
  seat: HeardCounts,
  ended: EventOf<'turn-ended'>,
  kind: PhaseKind,
): void {
  seat.hadFloor = true;
  markReply(table, index, ended);
  if (!isHeard(ended) || kind === 'review') return;
  hearTurn(table.log, seat, ended);
  table.answers.set(index, { turn: ended.turn, text: ended.text });
}
