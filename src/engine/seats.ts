// The seats at the table: each participant with its system message (and memory), its reply
// cleaner and the names it may give the floor to; which seats are officials; what they remember.
import { ReplyCleaner } from './clean-reply.js';
import type { DiscussionOptions } from './discussion-options.js';
import type { SeatMemory } from './events.js';
import { MentionFinder } from './mentions.js';
import type { PhaseSpec } from './phases/spec.js';
import { systemMessage, withMemory } from './request.js';
import type { EngineSettings, Participant, Table } from './table.js';

export interface Seat {
  readonly participant: Participant;
  readonly system: string;
  readonly cleaner: ReplyCleaner;
  /** Everyone but this seat: a self-mention routes nowhere. */
  readonly mentions: MentionFinder;
  /** Turns in which it was heard. */
  heard: number;
  firstHeard: number | undefined;
  words: number;
  lastHeard: number | undefined;
  hadFloor: boolean;
}

export function seatsFor(
  table: Table,
  settings: EngineSettings,
  memories: readonly SeatMemory[],
): Seat[] {
  const participants = table.participants;
  const noteOf = new Map(memories.map((m) => [m.seat, m.note]));
  return participants.map((participant) => ({
    participant,
    system: withMemory(systemMessage(table, settings, participant), noteOf.get(participant.seat)),
    cleaner: new ReplyCleaner(participant, participants),
    mentions: new MentionFinder(
      participants.filter((p) => p.seat !== participant.seat).map((p) => p.name),
    ),
    heard: 0,
    firstHeard: undefined,
    words: 0,
    lastHeard: undefined,
    hadFloor: false,
  }));
}

export function officialSeats(
  phases: readonly PhaseSpec[],
  seats: readonly Seat[],
): ReadonlySet<number> {
  const roles = new Set<string>();
  for (const phase of phases) {
    if (phase.kind === 'summary' && (phase.by === 'judge' || phase.by === 'chair')) {
      roles.add(phase.by);
    }
  }
  const officials = new Set<number>();
  seats.forEach((seat, index) => {
    const side = seat.participant.side?.trim().toLowerCase();
    if (side !== undefined && roles.has(side)) officials.add(index);
  });
  // A table of officials only would have nobody to discuss: then everyone speaks.
  return officials.size === seats.length ? new Set() : officials;
}

/** A resumed run's seats remember what the recorded run gave them; a new one's what it is given. */
export function memoriesOf(options: DiscussionOptions): readonly SeatMemory[] {
  const recorded = options.resume?.events.flatMap((e) =>
    e.type === 'seat-memory' ? [{ seat: e.seat, note: e.note, sources: e.sources }] : [],
  );
  const seats = new Set(options.table.participants.map((p) => p.seat));
  const memories = (options.resume === undefined ? options.memories : recorded) ?? [];
  return memories.filter((m) => seats.has(m.seat) && m.note.trim() !== '');
}
