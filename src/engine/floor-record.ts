// Who had the floor in the discussion phase under way, and why: what the speaker policies and
// the guards look at. The engine adds a turn when it is kept, and `resume.ts` replays the same.
import type { Address } from './address.js';
import type { FloorReason } from './events.js';
import type { Naming } from './mentions.js';
import type { DiscussionState, Floor } from './state.js';

export interface FloorEntry {
  /** The step of the phase (1-based): its turns in order. */
  readonly step: number;
  /** Index of the seat that spoke. */
  readonly index: number;
  readonly reason: FloorReason;
  /** The seat its reply addressed last, if any: in a debate it may answer at its side's turn. */
  readonly named?: number | undefined;
  /** How it addressed that seat. */
  readonly address?: Address | undefined;
  /** With nobody addressed, the seat its reply named last in passing (not given the floor). */
  readonly passing?: number | undefined;
}

/**
 * What a kept reply's names do to the floor: the entry's `named`/`address`/`passing`, and the
 * floor for the seat it addressed. The engine and the replay of a resumed run both use it.
 */
export function namingOutcome(
  naming: Naming | undefined,
  indexOf: (name: string) => number,
  speaker: string,
): { readonly entry: Pick<FloorEntry, 'named' | 'address' | 'passing'>; readonly floor?: Floor } {
  const addressed = naming?.addressed;
  const named = addressed === undefined ? -1 : indexOf(addressed.name);
  if (addressed !== undefined && named >= 0) {
    // Under the `named` rule there is no how: the record and the floor are main's, field for field.
    const how = addressed.how;
    return {
      entry: { named, ...(how === undefined ? {} : { address: how }) },
      floor: {
        index: named,
        reason: 'mention',
        why: `named by ${speaker}`,
        ...(how === undefined ? {} : { addressed: how }),
      },
    };
  }
  const passing = naming?.passing === undefined ? -1 : indexOf(naming.passing);
  return { entry: passing >= 0 ? { passing } : {} };
}

/** A person or the LLM moderator gave the floor: the domination guard lets it be. */
export function isExempt(reason: FloorReason): boolean {
  return reason === 'moderator' || reason === 'llm-moderator';
}

/** Turns each of `indices` held, and the step of its last one (0 when never). */
export function tally(
  record: readonly FloorEntry[],
  indices: readonly number[],
): Map<number, { turns: number; last: number }> {
  const byIndex = new Map(indices.map((index) => [index, { turns: 0, last: 0 }]));
  for (const entry of record) {
    const seat = byIndex.get(entry.index);
    if (seat === undefined) continue;
    seat.turns += 1;
    seat.last = entry.step;
  }
  return byIndex;
}

/**
 * The turns held by `seats` (a side of a debate), numbered 1, 2, … as that side's turns, and the
 * step its next turn is: the guards measure a side's seats against their own side's turns.
 */
export function sideTurns(
  record: readonly FloorEntry[],
  seats: readonly number[],
): { readonly record: FloorEntry[]; readonly step: number } {
  const own = record.filter((entry) => seats.includes(entry.index));
  return { record: own.map((entry, k) => ({ ...entry, step: k + 1 })), step: own.length + 1 };
}

/**
 * Heard in an earlier phase than this one (a debate's opening statement): the phase's record
 * holds only its own turns, the seat's count all of them.
 */
export const spokeBefore = (state: DiscussionState, index: number): boolean =>
  state.seat(index).heard > state.record.filter((entry) => entry.index === index).length;

/** A seat with no turn in this phase: it has not spoken, or not in this phase when it did before. */
export const notYet = (before: boolean): string =>
  before ? 'has not spoken in this phase yet' : 'has not spoken yet';
