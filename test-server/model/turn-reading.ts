// What a closing summary reads of each turn: the text with the seats' full names taken out, its
// phrases (phrasesOf) and its normal words (for mentionsIn). A summary reads every turn of its
// discussion; what it reads of a turn depends only on the turn's text and the summarizer's seat
// (the full names at its table, its nouns), so it is kept by the text: a summary asked again, or
// of a discussion replayed, reads each turn once. A reply is the same whether a turn's reading was
// kept or made afresh.
import { type Backing, backingOf } from './agreement.js';
import { LruBytes } from './lru.js';
import { type NounEvidence, type Phrase, phrasesOf } from './phrases.js';
import type { Prepared } from './prepare.js';
import type { Unit } from './read-request.js';
import type { SeatMaterial } from './seat-material.js';
import { normalWords } from './words.js';

export class TurnReading {
  readonly phrases: readonly Phrase[];
  readonly words: readonly string[];
  /** Rough heap size: the text (and the same with names taken out), phrases, words. */
  readonly bytes: number;
  private backed: readonly Backing[] | undefined;

  constructor(
    readonly speaker: string,
    /** The turn's text with every full name at the table replaced by '.'. */
    readonly text: string,
    nouns: NounEvidence,
    /**
     * The summarizer's seat: its nouns found the phrases, and its material (the system message,
     * roster and all) gave the full names.
     */
    readonly seat: number,
  ) {
    this.phrases = phrasesOf(text, nouns);
    this.words = normalWords(text);
    this.bytes = 300 + text.length * 6 + this.phrases.length * 120 + this.words.length * 16;
  }

  /** Its sentences that speak for something (see supportOf), read when first asked. */
  get backing(): readonly Backing[] {
    this.backed ??= backingOf(this.text);
    return this.backed;
  }
}

/**
 * Turns read lately, by their text as said: a 200-turn discussion's come to ~0.6 MB. Units are
 * not the key: which unit object holds a text depends on which message first brought it.
 */
const kept = new LruBytes<string, TurnReading>(2 * 1024 * 1024);

/** Seats by a number: a kept reading must not keep a seat's material alive past its cache. */
const seatIds = new WeakMap<SeatMaterial, number>();
let seats = 0;

function seatId(seat: SeatMaterial): number {
  let id = seatIds.get(seat);
  if (id === undefined) {
    id = ++seats;
    seatIds.set(seat, id);
  }
  return id;
}

/**
 * The seats' turns as the summary reads them. An introduction's full name says who someone is,
 * not what they stood for: "the nurse" of "Rafael Quintero, night-shift nurse at St Agnes
 * hospital" is no stance of Rafael's.
 */
export function turnReadings(prepared: Prepared, units: readonly Unit[]): TurnReading[] {
  const fullNames = [prepared.self, ...prepared.others].flatMap((seat) =>
    seat === undefined || seat.fullName === '' ? [] : [seat.fullName],
  );
  const seat = seatId(prepared.seat);
  const { nouns } = prepared;
  const readings: TurnReading[] = [];
  for (const unit of units) {
    const { speaker } = unit;
    if (unit.moderator || speaker === undefined) continue;
    let reading = kept.get(unit.text);
    if (reading === undefined || reading.speaker !== speaker || reading.seat !== seat) {
      const text = fullNames.reduce((said, full) => said.replaceAll(full, '.'), unit.text);
      reading = new TurnReading(speaker, text, nouns, seat);
      kept.set(unit.text, reading);
    }
    readings.push(reading);
  }
  return readings;
}

/**
 * A memo by seat and topic (a topic lasts many turns), keeping `kept` topics a seat before it
 * starts over.
 */
export function topicMemo<T>(
  kept: number,
): (seat: SeatMaterial, topic: string, make: () => T) => T {
  const bySeat = new WeakMap<SeatMaterial, Map<string, T>>();
  return (seat, topic, make) => {
    let byTopic = bySeat.get(seat);
    if (byTopic === undefined || byTopic.size >= kept) {
      byTopic = new Map();
      bySeat.set(seat, byTopic);
    }
    let value = byTopic.get(topic);
    if (value === undefined) {
      value = make();
      byTopic.set(topic, value);
    }
    return value;
  };
}

/** Topics' phrases (phrasesOf with the seat's nouns), by seat and topic. */
const phrasesByTopic = topicMemo<readonly Phrase[]>(32);

/** The phrases of a topic (phrasesOf with the seat's nouns), kept for the seat. */
export function topicPhrases(prepared: Prepared, topic: string): readonly Phrase[] {
  return phrasesByTopic(prepared.seat, topic, () => phrasesOf(topic, prepared.nouns));
}
