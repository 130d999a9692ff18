// How many turns a seat has had in a conversation: each request's reach into its bank (see
// sentence-bank.ts), and whether a seat introduces itself (turn.ts).
import type { Prepared } from './prepare.js';

/** How many turns the requesting seat has had in the conversation so far. */
export function ownTurns(prepared: Prepared): number {
  let count = turnsHad.get(prepared);
  if (count === undefined) {
    const self = prepared.self?.name;
    count = 0;
    if (self !== undefined) count = turnsBefore(prepared, self);
    else for (const unit of prepared.read.units) if (!unit.moderator && unit.own) count++;
    turnsHad.set(prepared, count);
  }
  return count;
}

const turnsHad = new WeakMap<Prepared, number>();

/** Each speaker's turns (their units' places, ascending) in a conversation chain read so far. */
interface TurnPlaces {
  scanned: number;
  readonly bySpeaker: Map<string, number[]>;
}

/**
 * By conversation chain: a request's units are its chain's first ones (see ConversationCache),
 * and counting a seat's turns read all of them (a 200-turn discussion's 400) at every request.
 */
const turnPlaces = new WeakMap<object, TurnPlaces>();

/** The turns `self` has had before the view's end, its chain read on as far as that. */
function turnsBefore(prepared: Prepared, self: string): number {
  const { chain, to } = prepared.view;
  let places = turnPlaces.get(chain);
  if (places === undefined) {
    places = { scanned: 0, bySpeaker: new Map() };
    turnPlaces.set(chain, places);
  }
  for (; places.scanned < to; places.scanned++) {
    const unit = chain.units[places.scanned];
    if (unit === undefined || unit.moderator || unit.speaker === undefined) continue;
    let own = places.bySpeaker.get(unit.speaker);
    if (own === undefined) {
      own = [];
      places.bySpeaker.set(unit.speaker, own);
    }
    own.push(places.scanned);
  }
  const own = places.bySpeaker.get(self) ?? [];
  let low = 0;
  let high = own.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((own[mid] ?? 0) < to) low = mid + 1;
    else high = mid;
  }
  return low;
}
