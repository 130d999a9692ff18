import type { Unit } from '../read-request.js';
import { normalWords, PERSON_WORDS, personBlind, personBlindKey, RUN_WORDS } from '../words.js';

/**
 * Turns a short run must be said in before another seat may not carry it on: a persona's words
 * recur in its seat's turns, a one-off join of the walk does not (and refusing every one of those
 * left replies with nothing to say).
 */
const SHORT_TIMES = 2;

type RunMap = Map<string, number>;

/**
 * What the seats of one conversation said, as the guard against finishing another seat's
 * persona reads it: a seat's request holds only its own persona, and the others' show in their
 * turns as runs of at most RUN_WORDS - 1 words (their own guard stops them there). Runs are
 * person-blind ("I trust" is "you trust"), each with the unit it was first said in, so that a
 * view reads the conversation as it stood at its end whatever was read after it.
 */
export class SpokenRuns {
  /** Short runs (RUN_WORDS - 1 words) within a sentence, said in SHORT_TIMES turns or more. */
  private readonly short: RunMap = new Map();
  /** Short runs a sentence ended or opened with. */
  private readonly ends: RunMap = new Map();
  private readonly starts: RunMap = new Map();
  /** Runs of RUN_WORDS words as said, across sentences: quoting those is fine. */
  private readonly runs: RunMap = new Map();
  private readonly seen = new Map<string, { unit: number; times: number }>();
  /** Every word of the short runs, and both persons: a superset, for the guard's quick test. */
  readonly words = new Set<string>(PERSON_WORDS);
  private read = 0;
  bytes = 0;

  /** `sentences`: a unit's sentences within the model's window (as the chain reads them). */
  constructor(private readonly sentences: (text: string) => readonly string[]) {}

  /** Reads the units not read yet, up to `length`. */
  readUpTo(units: readonly Unit[], length: number): void {
    for (; this.read < length && this.read < units.length; this.read++) {
      const unit = units[this.read] as Unit;
      if (unit.moderator) continue;
      const said = this.sentences(unit.text).map((sentence) => personBlind(normalWords(sentence)));
      const all = said.flat();
      for (let end = RUN_WORDS; end <= all.length; end++)
        this.note(this.runs, all.slice(end - RUN_WORDS, end).join(' '));
      for (const words of said) {
        for (let end = RUN_WORDS - 1; end <= words.length; end++) {
          const key = words.slice(end - RUN_WORDS + 1, end).join(' ');
          const seen = this.seen.get(key);
          if (seen === undefined) {
            this.seen.set(key, { unit: this.read, times: 1 });
            this.bytes += 64 + key.length * 2;
          } else if (seen.unit !== this.read) {
            seen.times++;
            seen.unit = this.read;
            if (seen.times === SHORT_TIMES) this.noteShort(this.short, key);
          }
        }
        if (words.length >= RUN_WORDS - 1) {
          this.noteShort(this.ends, words.slice(1 - RUN_WORDS).join(' '));
          this.noteShort(this.starts, words.slice(0, RUN_WORDS - 1).join(' '));
        }
      }
    }
  }

  private note(map: RunMap, key: string): void {
    if (map.has(key)) return;
    map.set(key, this.read);
    this.bytes += 80 + key.length * 2;
  }

  private noteShort(map: RunMap, key: string): void {
    if (map.has(key)) return;
    this.note(map, key);
    for (const word of key.split(' ')) this.words.add(word);
  }

  /**
   * The run (RUN_WORDS normal words) carries on, at either end, short runs a seat said before
   * unit `to`, but is not what they said: it could finish a run of a persona the request does
   * not hold. `known`: short runs any seat has from elsewhere (the talk, the context, its own
   * persona, the fixed lines). Read the units up to `to` first.
   */
  carriesOn(key: string, known: (short: string) => boolean, to: number): boolean {
    const blind = personBlindKey(key);
    const head = blind.slice(0, blind.lastIndexOf(' '));
    const tail = blind.slice(blind.indexOf(' ') + 1);
    const risky = (map: RunMap, short: string) => before(map, short, to) && !known(short);
    // A persona's sentences mostly open with "You"/"Your", which a seat speaks as "I"/"My": a
    // sentence one ended with and the next one's first word can spell six of its words.
    const second = (word: string) => word === 'you' || word === 'your';
    if (
      !risky(this.short, head) &&
      !risky(this.short, tail) &&
      !(second(blind.slice(blind.lastIndexOf(' ') + 1)) && risky(this.ends, head)) &&
      !(second(tail.slice(0, tail.indexOf(' '))) && risky(this.starts, tail))
    )
      return false;
    return !before(this.runs, blind, to);
  }
}

function before(map: RunMap, key: string, to: number): boolean {
  const first = map.get(key);
  return first !== undefined && first < to;
}
