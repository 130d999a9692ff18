import type { Unit } from '../read-request.js';
import { normalWords, PERSON_WORDS, personBlind, personBlindKey, RUN_WORDS } from '../words.js';
import { NumberMap } from './number-map.js';

/**
 * Turns a short run must be said in before another seat may not carry it on: a persona's words
 * recur in its seat's turns, a one-off join of the walk does not (and refusing every one of those
 * left replies with nothing to say).
 */
const SHORT_TIMES = 2;

/** Runs by their key (see `runKey`), with the unit each was first noted in. */
type RunMap = NumberMap;

/** 2^26: a run's key is two 26-bit hashes in one exact number. */
const LANE = 0x4000000;

/** A word's two hashes (FNV-1a and a multiplicative one), into `into` at `at` and `at + 1`. */
function hashWord(word: string, into: Int32Array, at: number): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ word.length;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b + code, 0x5bd1e995);
    b ^= b >>> 13;
  }
  into[at] = a;
  into[at + 1] = b;
}

/** Room for a unit's hashes, reused by the next unit (see `hashesOf`). */
let unitHashes = new Int32Array(1024);

/** The sentences' words' hashes in a row, two a word (see `hashWord`): read before the next call. */
function hashesOf(sentences: readonly (readonly string[])[], words: number): Int32Array {
  if (unitHashes.length < words * 2) unitHashes = new Int32Array(words * 4);
  let at = 0;
  for (const sentence of sentences)
    for (const word of sentence) {
      hashWord(word, unitHashes, at);
      at += 2;
    }
  return unitHashes;
}

/**
 * The key of the run of words [from, to) (hashed as `hashesOf` does): 52 bits, so two runs of a
 * conversation share one about once in 10^11 conversations, and no run's text is built or kept.
 */
function runKey(hashes: Int32Array, from: number, to: number): number {
  let a = 0x2545f491 ^ (to - from);
  let b = 0x6c8e9cf5;
  for (let i = from * 2; i < to * 2; i += 2) {
    a = Math.imul(a ^ (hashes[i] as number), 0xcc9e2d51);
    a = Math.imul(a ^ (a >>> 15), 0x1b873593);
    b = Math.imul(b ^ (hashes[i + 1] as number), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  }
  a ^= a >>> 16;
  b ^= b >>> 16;
  return (a >>> 6) * LANE + (b >>> 6);
}

/** What a map entry of a number key costs on the heap, roughly. */
const ENTRY_BYTES = 48;

/**
 * What the seats of one conversation said, as the guard against finishing another seat's
 * persona reads it: a seat's request holds only its own persona, and the others' show in their
 * turns as runs of at most RUN_WORDS - 1 words (their own guard stops them there). Runs are
 * person-blind ("I trust" is "you trust"), each with the unit it was first said in, so that a
 * view reads the conversation as it stood at its end whatever was read after it. Runs are kept
 * by a hash of their words (see `runKey`): a turn's runs are numbers, not strings.
 */
export class SpokenRuns {
  /** Short runs (RUN_WORDS - 1 words) within a sentence, said in SHORT_TIMES turns or more. */
  private readonly short: RunMap = new NumberMap();
  /** Short runs a sentence ended or opened with. */
  private readonly ends: RunMap = new NumberMap();
  private readonly starts: RunMap = new NumberMap();
  /** Runs of RUN_WORDS words as said, across sentences: quoting those is fine. */
  private readonly runs: RunMap = new NumberMap();
  /** Short runs seen: the last unit they were seen in, times 4, plus in how many units (to 3). */
  private readonly seen = new NumberMap();
  /** Every word of the short runs, and both persons: a superset, for the guard's quick test. */
  readonly words = new Set<string>(PERSON_WORDS);
  private read = 0;
  bytes = 0;

  /** `sentences`: a unit's sentences within the model's window (as the chain reads them), by index. */
  constructor(private readonly sentences: (unit: number) => readonly string[]) {}

  /** Reads the units not read yet, up to `length`. */
  readUpTo(units: readonly Unit[], length: number): void {
    for (; this.read < length && this.read < units.length; this.read++) {
      const unit = units[this.read] as Unit;
      if (unit.moderator) continue;
      const said = this.sentences(this.read).map((sentence) => personBlind(normalWords(sentence)));
      let count = 0;
      for (const words of said) count += words.length;
      const allHashes = hashesOf(said, count);
      for (let end = RUN_WORDS; end <= count; end++)
        this.note(this.runs, runKey(allHashes, end - RUN_WORDS, end));
      let offset = 0;
      for (const words of said) {
        // The sentence's words stand at [offset, offset + words.length) of the unit's words.
        for (let end = RUN_WORDS - 1; end <= words.length; end++) {
          const key = runKey(allHashes, offset + end - RUN_WORDS + 1, offset + end);
          const seen = this.seen.get(key);
          if (seen === undefined) {
            this.seen.set(key, this.read * 4 + 1);
            this.bytes += ENTRY_BYTES;
          } else if (seen >>> 2 !== this.read) {
            const times = Math.min(3, (seen & 3) + 1);
            this.seen.set(key, this.read * 4 + times);
            if (times === SHORT_TIMES) this.noteShort(this.short, key, words, end);
          }
        }
        if (words.length >= RUN_WORDS - 1) {
          const last = offset + words.length;
          this.noteShort(
            this.ends,
            runKey(allHashes, last - RUN_WORDS + 1, last),
            words,
            words.length,
          );
          this.noteShort(
            this.starts,
            runKey(allHashes, offset, offset + RUN_WORDS - 1),
            words,
            RUN_WORDS - 1,
          );
        }
        offset += words.length;
      }
    }
  }

  private note(map: RunMap, key: number): void {
    if (map.has(key)) return;
    map.set(key, this.read);
    this.bytes += ENTRY_BYTES;
  }

  /** Notes a short run, the words of `words` ending before `end`. */
  private noteShort(map: RunMap, key: number, words: readonly string[], end: number): void {
    if (map.has(key)) return;
    this.note(map, key);
    for (let i = end - RUN_WORDS + 1; i < end; i++) this.words.add(words[i] as string);
  }

  /**
   * The run (RUN_WORDS normal words) carries on, at either end, short runs a seat said before
   * unit `to`, but is not what they said: it could finish a run of a persona the request does
   * not hold. `known`: short runs any seat has from elsewhere (the talk, the context, its own
   * persona, the fixed lines). Read the units up to `to` first.
   */
  carriesOn(key: string, known: (short: string) => boolean, to: number): boolean {
    const blind = personBlindKey(key);
    const words = blind.split(' ');
    const last = words.length;
    const hashes = last * 2 <= SCRATCH.length ? SCRATCH : new Int32Array(last * 2);
    for (let i = 0; i < last; i++) hashWord(words[i] as string, hashes, i * 2);
    const headKey = runKey(hashes, 0, last - 1);
    const tailKey = runKey(hashes, 1, last);
    // A persona's sentences mostly open with "You"/"Your", which a seat speaks as "I"/"My": a
    // sentence one ended with and the next one's first word can spell six of its words.
    const carried =
      this.risky(this.short, headKey, to, known, blind, true) ||
      this.risky(this.short, tailKey, to, known, blind, false) ||
      (second(words[last - 1]) && this.risky(this.ends, headKey, to, known, blind, true)) ||
      (second(words[1]) && this.risky(this.starts, tailKey, to, known, blind, false));
    return carried && !before(this.runs, runKey(hashes, 0, last), to);
  }

  /**
   * A short run (the key's head: all but its last word, or its tail: all but its first) said
   * before unit `to` and not `known` from elsewhere.
   */
  private risky(
    map: RunMap,
    short: number,
    to: number,
    known: (short: string) => boolean,
    blind: string,
    head: boolean,
  ): boolean {
    if (!before(map, short, to)) return false;
    const text = head
      ? blind.slice(0, blind.lastIndexOf(' '))
      : blind.slice(blind.indexOf(' ') + 1);
    return !known(text);
  }
}

/** Room for a run's hashes (see carriesOn), reused: a guard asks a few times a reply. */
const SCRATCH = new Int32Array(RUN_WORDS * 2);

function second(word: string | undefined): boolean {
  return word === 'you' || word === 'your';
}

function before(map: RunMap, key: number, to: number): boolean {
  const first = map.get(key);
  return first !== undefined && first < to;
}
