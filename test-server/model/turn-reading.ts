// What a closing summary reads of each turn: the text with the seats' full names taken out, its
// phrases (phrasesOf), its normal words (for mentionsIn) and, when asked, its sentences that speak
// for something (backingOf): each read once a summary, where the phrases' mentions, the repeated
// phrases and the support each read the text again.
import { type Backing, backingOf } from './agreement.js';
import { isTime } from './main-phrase.js';
import { type NounEvidence, type Phrase, phrasesOf } from './phrases.js';
import type { Prepared } from './prepare.js';
import type { Unit } from './read-request.js';
import type { SeatMaterial } from './seat-material.js';
import { normalWords } from './words.js';

export class TurnReading {
  readonly phrases: readonly Phrase[];
  readonly words: readonly string[];
  private backed: readonly Backing[] | undefined;

  constructor(
    readonly speaker: string,
    /** The turn's text with every full name at the table replaced by '.'. */
    readonly text: string,
    nouns: NounEvidence,
  ) {
    this.phrases = phrasesOf(text, nouns);
    this.words = normalWords(text);
  }

  /** Its sentences that speak for something (see supportOf), read when first asked. */
  get backing(): readonly Backing[] {
    this.backed ??= backingOf(this.text);
    return this.backed;
  }
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
  const readings: TurnReading[] = [];
  for (const unit of units) {
    const { speaker } = unit;
    if (unit.moderator || speaker === undefined) continue;
    const text = fullNames.reduce((said, full) => said.replaceAll(full, '.'), unit.text);
    readings.push(new TurnReading(speaker, text, prepared.nouns));
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
  return phrasesByTopic(prepared.seat, topic, () => {
    const found = phrasesOf(topic, prepared.nouns);
    // "Who would use the library at six in the morning …?" names only a time where the seat's
    // texts never use "library" as a noun ("We went through Eastgate, the morning and …"):
    // then the question's own words count as nouns, and what it names besides a time is added.
    if (found.length === 0 || !found.every(isTime)) return found;
    return [...found, ...phrasesOf(topic, () => 1).filter((phrase) => !isTime(phrase))];
  });
}
