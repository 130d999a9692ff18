// The positions a request quotes, read back ("Tomasz: Question → position (80% sure). Because
// …"): each seat's latest on each question, the seats grouped by what they said, and the free
// questions the closing left open.
import type { Unit } from '../model/read-request.js';

/**
 * "Question → option (78% sure; I changed my mind). Because …", or after a free-text position
 * that is a sentence, "Question → Its sentence. (78% sure.) Because …", as roundtable quotes it.
 */
export const POSITION_LINE = /^(.+?) → (.+) \([^()]*\)\.?(?:\s.*)?$/u;

/** Each question's latest position per seat (question, in lower case → seat → position). */
export type QuotedPositions = Map<string, Map<string, string>>;

/** The question texts as quoted (lower case → as written). */
const asWritten = new WeakMap<QuotedPositions, Map<string, string>>();

export const normal = (text: string): string => text.normalize('NFC').trim().toLocaleLowerCase();

/** The positions the request quotes, the latest of each seat on each question winning. */
export function quotedPositions(units: readonly Unit[]): QuotedPositions {
  const positions: QuotedPositions = new Map();
  const written = new Map<string, string>();
  asWritten.set(positions, written);
  for (const unit of units) {
    if (unit.moderator || unit.speaker === undefined) continue;
    for (const line of unit.text.split('\n')) {
      const match = POSITION_LINE.exec(line.trim());
      if (match === null) continue;
      const question = normal(match[1] as string);
      written.set(question, (match[1] as string).trim());
      const bySeat = positions.get(question) ?? new Map<string, string>();
      bySeat.set(unit.speaker, (match[2] as string).trim());
      positions.set(question, bySeat);
    }
  }
  return positions;
}

export interface StanceGroup {
  readonly question: string;
  readonly stance: string;
  readonly seats: readonly string[];
}

/**
 * Per question, the seats that said the same grouped under their own words, in the order the
 * seats were listed; a question nobody's position is quoted for has no group.
 */
export function stanceGroups(
  questions: readonly string[],
  seats: readonly string[],
  positions: QuotedPositions,
): StanceGroup[] {
  const groups: StanceGroup[] = [];
  for (const question of questions) {
    const bySeat = positions.get(normal(question));
    if (bySeat === undefined) continue;
    const byStance = new Map<string, { stance: string; seats: string[] }>();
    for (const seat of seats) {
      const stance = bySeat.get(seat);
      if (stance === undefined) continue;
      const key = normal(stance).replace(/[.!…]+$/u, '');
      const group = byStance.get(key) ?? { stance, seats: [] };
      group.seats.push(seat);
      byStance.set(key, group);
    }
    for (const { stance, seats: together } of byStance.values())
      groups.push({ question, stance, seats: together });
  }
  return groups;
}

/**
 * The questions the closing left open: free-text ones (the positions are sentences, not options)
 * on which no stance holds more than half the seats. A question decided by a vote is not open.
 */
export function openQuestions(positions: QuotedPositions): string[] {
  const open: string[] = [];
  for (const [question, bySeat] of positions) {
    const stances = [...bySeat.values()];
    if (!stances.every((stance) => /\s/.test(stance) && /[.!?…]$/u.test(stance))) continue;
    const counts = new Map<string, number>();
    for (const stance of stances) counts.set(normal(stance), (counts.get(normal(stance)) ?? 0) + 1);
    if (Math.max(...counts.values()) * 2 > stances.length) continue;
    open.push(asWritten.get(positions)?.get(question) ?? question);
  }
  return open;
}
