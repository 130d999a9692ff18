// Each seat's last chat request as it was read, for the seat's next request to carry on from. A
// conversation's next request is the previous one plus a few messages (roundtable drops the
// guidance and adds the turns since); reading it whole again looked up ~100 known messages,
// read their turns, took their facts and rolled the prefix keys of ~250 known turns, a few
// percent each of a replayed request. A request whose first messages are a kept request's
// (the same objects from the body memo, or the same roles and texts) takes what was read of
// them and reads only the rest. What a request reads as depends only on its messages, so the
// reply is the same whether a kept request was found or not.
import type { ViewTrace } from './chain/conversation-cache.js';
import { LruBytes } from './lru.js';
import type { MessageReading, PromptFacts, TextFacts } from './message-memo.js';
import type { ChatReading } from './read-request.js';

/** A message as validated: its role and (through its reading) its text. */
export interface MessageLike {
  readonly role: string;
}

/** One chat request as read: what the seat's next request can carry on from. */
export class ReadRequestRecord {
  /** Set once the request's view is made (see ConversationCache.view). */
  view: ViewTrace | undefined;
  readonly bytes: number;
  /**
   * How many first messages were frozen when kept: such a message cannot have changed since, so
   * the next request's same object is shared without a look at it. Counted here, after the
   * reply, from the request carried on from: asking Object.isFrozen of a hundred messages at
   * the next request's find (a call into the runtime each) was ~1% of a replayed request.
   */
  readonly frozen: number;

  constructor(
    /** The validated messages: frozen ones (JsonBodyMemo's) are known by the object. */
    readonly messages: readonly MessageLike[],
    readonly roles: readonly string[],
    readonly readings: readonly MessageReading[],
    readonly facts: readonly TextFacts[],
    /** Tokens of the first i messages, at i. */
    readonly tokensBefore: readonly number[],
    readonly reading: ChatReading,
    /** The kept request this one carried on from: its frozen messages need no new look. */
    carried?: Carried | undefined,
  ) {
    // Its arrays, and the readings it holds (their texts and turns): the message memo's too
    // while it keeps them, but this record's alone once it let them go.
    let bytes = 400 + messages.length * 48 + reading.all.length * 24;
    for (const held of readings) bytes += held.bytes;
    this.bytes = bytes;
    let frozen = 0;
    if (carried !== undefined) {
      const known = Math.min(carried.kept, carried.record.frozen);
      while (frozen < known && messages[frozen] === carried.record.messages[frozen]) frozen++;
    }
    while (frozen < messages.length && Object.isFrozen(messages[frozen])) frozen++;
    this.frozen = frozen;
  }

  /** How many first messages `messages` shares with this request (`textOf`: a message's text). */
  sharedWith(messages: readonly MessageLike[], textOf: (message: MessageLike) => string): number {
    const length = Math.min(messages.length, this.messages.length);
    let i = 0;
    for (; i < length; i++) {
      const message = messages[i] as MessageLike;
      // A frozen message cannot have changed since; any other is compared by what it says.
      if (i < this.frozen && message === this.messages[i]) continue;
      if (message.role !== this.roles[i]) break;
      if (textOf(message) !== (this.readings[i] as MessageReading).text) break;
    }
    return i;
  }
}

/** A seat's kept requests (its conversations' last), found by its first message's reading. */
class SeatRequests {
  readonly records: ReadRequestRecord[] = [];

  get bytes(): number {
    let bytes = 64;
    for (const record of this.records) bytes += record.bytes;
    return bytes;
  }
}

/** Requests kept a seat: conversations of one table running at once, each its last request. */
const PER_SEAT = 4;

/** What a request carries on from a kept one: its first `kept` messages are that one's. */
export interface Carried {
  readonly record: ReadRequestRecord;
  readonly kept: number;
}

/**
 * The seats' last chat requests, by the reading of their first message (the seat's system
 * message), bounded by bytes, least recently used first out.
 */
export class RequestMemo {
  private readonly seats: LruBytes<MessageReading, SeatRequests>;
  /** Chat requests carried on from a kept one, and the messages they took from it; read whole. */
  readonly stats = { carried: 0, keptMessages: 0, whole: 0 };

  constructor(limitBytes: number) {
    this.seats = new LruBytes(limitBytes);
  }

  get bytes(): number {
    return this.seats.bytes;
  }

  get limit(): number {
    return this.seats.limit;
  }

  /** The kept request sharing the most first messages with `messages`, if any shares one. */
  find(
    first: MessageReading,
    messages: readonly MessageLike[],
    textOf: (message: MessageLike) => string,
  ): Carried | undefined {
    const seat = this.seats.get(first);
    if (seat === undefined) return undefined;
    let best: Carried | undefined;
    for (const record of seat.records) {
      const kept = record.sharedWith(messages, textOf);
      if (kept > (best?.kept ?? 0)) best = { record, kept };
    }
    return best;
  }

  /**
   * Keeps a request read: in place of the one it carried on from when it holds all that one's
   * messages but its last (the same conversation, a step on), else beside the seat's others.
   */
  keep(first: MessageReading, record: ReadRequestRecord, carried: Carried | undefined): void {
    let seat = this.seats.get(first);
    if (seat === undefined) seat = new SeatRequests();
    const { records } = seat;
    const at =
      carried === undefined || carried.kept < carried.record.messages.length - 1
        ? -1
        : records.indexOf(carried.record);
    if (at >= 0) records.splice(at, 1);
    records.unshift(record);
    if (records.length > PER_SEAT) records.length = PER_SEAT;
    this.seats.set(first, seat);
  }
}

/** A request's prompt facts: the kept request's for its first `kept` messages, then the rest's. */
export function factsOn(
  carried: Carried | undefined,
  readings: readonly MessageReading[],
): { readonly prompt: PromptFacts; readonly tokensBefore: number[] } {
  const kept = carried?.kept ?? 0;
  const facts = carried === undefined ? [] : carried.record.facts.slice(0, kept);
  const tokensBefore = carried === undefined ? [0] : carried.record.tokensBefore.slice(0, kept + 1);
  let tokens = tokensBefore[kept] as number;
  for (let i = kept; i < readings.length; i++) {
    const fact = (readings[i] as MessageReading).facts();
    facts.push(fact);
    tokens += fact.tokens;
    tokensBefore.push(tokens);
  }
  return { prompt: { facts, tokens }, tokensBefore };
}
