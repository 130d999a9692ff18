// A seat's bank of sentences: walks of its own chains (the talk, its persona, the context), which
// do not change between its requests, kept once walked. A turn chooses among them (judging only
// what depends on its state: on the topic, fresh, fitting its reply) instead of walking afresh.
// Only walks that read as written go in (they open as a written sentence does, and every four
// words of them stand in one), each once: a reader never meets a splice from the bank.
//
// The bank is one seeded stream of walks (the seat, the temperature, the server's seed), walked
// only as far as a request needs and kept for the next: what its first n walks found is the same
// however many requests asked before and in what order, so every request gets the same reply
// from a fresh server as from a warm one. It is shared by every conversation of the seat, as the
// seat's chains are (see MarkovModel.seats): a discussion's own words never go into it.
import { randomFrom } from '../prng.js';
import { textHash } from './chain/occurrences.js';
import { Walker } from './chain/walker.js';
import { headless, quotesContextOf } from './clause.js';
import type { Prepared } from './prepare.js';
import { keepsTo, RunGuard } from './run-guard.js';
import type { SeatMaterial } from './seat-material.js';
import { ownTurns } from './seat-turns.js';
import { type OthersLine, othersLine } from './talk-shares.js';
import { type Analysed, analyse } from './walk-analysis.js';
import { type NameTest, personBlindKey } from './words.js';

/**
 * Sentences a turn chooses among: those the first FIRST_WALKS walks of the bank found, and what
 * ADVANCE walks more found for each turn the seat has had, so that a long discussion keeps
 * meeting sentences it has not heard. A seat's first request walks about as much as a turn that
 * walked afresh did (the best of four to ten walks for each of a few sentences).
 */
const FIRST_WALKS = 32;
const ADVANCE = 16;
/** How much further than its reach a reply that finds nothing there looks, twice at most. */
export const WIDER = 32;
/** At most this many walks a bank makes: a 2,000-turn discussion goes back to walking afresh. */
const MOST_WALKS = 8000;
/** Sentences drawn for one choice, heard ones included, before it gives up. */
export const MOST_DRAWS = 48;

/** Banks a seat keeps (temperatures, seeds) before the oldest goes. */
const BANKS_PER_SEAT = 8;

/**
 * The guard a seat's walks keep to whatever the state: never a run of its instructions, roster
 * or persona (either person) unless an allowed text holds it. What a state adds (the moderator's
 * lines, the ask, other seats' words) is checked when a sentence is chosen (see keepBest).
 */
function seatGuard(seat: SeatMaterial): RunGuard {
  const { persona } = seat;
  return new RunGuard(
    [(k) => seat.forbidden.has(k), (k) => persona?.runs.has(personBlindKey(k)) === true],
    [(k) => seat.allowed.has(k)],
    [seat.forbiddenWords, ...(persona === undefined ? [] : [persona.words])],
    undefined,
    [undefined, persona?.words],
  );
}

/**
 * The sentences of one seat at one temperature and seed, in the order its walks found them, and
 * among them the seat's own: the table's talk is shared out among its seats (see talk-shares.ts),
 * and another seat's sentence of it is never drawn for a reply of this seat's own, so it is dealt
 * out here once, not drawn and refused at every turn.
 */
export class SentenceBank {
  private readonly sentences: Analysed[] = [];
  /** The walk that found each sentence (ascending). */
  private readonly foundAt: number[] = [];
  /** Each sentence's fingerprint (textHash of its lower case): the conversation's heard test. */
  private readonly hashes: number[] = [];
  /** The seat's own sentences (places in `sentences`), and the walk that found each. */
  private readonly own: number[] = [];
  private readonly ownFoundAt: number[] = [];
  private readonly known = new Set<string>();
  private walks = 0;
  private readonly walker: Walker;
  /** Rough heap size of the sentences kept (see `sentenceBytes`). */
  bytes = 512;

  constructor(
    private readonly seat: SeatMaterial,
    private readonly guard: RunGuard,
    readonly temperature: number,
    key: string,
    private readonly names: NameTest | undefined,
    /** Whose talk sentences are another seat's at the table the bank's names seat. */
    private readonly others: OthersLine,
  ) {
    this.walker = new Walker(
      { mix: seat.mix, view: undefined, viewWeight: 0 },
      temperature,
      randomFrom(key),
      guard,
    );
  }

  get greedy(): boolean {
    return this.walker.greedy;
  }

  /**
   * How many sentences the bank's first `walks` walks found (they are its first ones): walks on
   * as far as that if it has not yet.
   */
  foundBy(walks: number): number {
    return this.walkTo(walks, this.foundAt);
  }

  /** How many of the seat's own sentences the bank's first `walks` walks found (see ownAt). */
  ownFoundBy(walks: number): number {
    return this.walkTo(walks, this.ownFoundAt);
  }

  private walkTo(walks: number, foundAt: readonly number[]): number {
    const wanted = Math.min(walks, MOST_WALKS);
    while (this.walks < wanted) {
      // Under greedy decoding a walk's ordinal picks its opening: walks differ from the first word.
      const walk = analyse(this.seat, this.walker.sentence([], this.walks), this.names);
      const at = this.walks++;
      if (walk === undefined || this.known.has(walk.lower)) continue;
      if (!walk.opens || walk.fives !== true || walk.seam || headless(this.seat, walk.sentence))
        continue;
      this.known.add(walk.lower);
      // Another seat's sentence of the talk is not kept: the seat says it only once its own
      // are spent (see spareTalk), and kept, a talk of 747 sentences filled the banks of a
      // 200-turn discussion past the seat cache's share (four seats 6.7 MB, three evicted).
      if (this.others(walk.lower)) continue;
      // Its runs were kept to the seat's guard as it was walked: a turn's guard need only look
      // for what the state adds (see RunGuard.firstForbidden).
      keepsTo(walk.normal, this.guard);
      // Nor one quoting the context, which no reply may say (see judge): a seat's own are
      // what its replies may draw.
      if (!this.others(walk.lower) && !quotesFactOf(this.seat, walk.sentence)) {
        this.own.push(this.sentences.length);
        this.ownFoundAt.push(at);
      }
      this.sentences.push(walk);
      this.foundAt.push(at);
      this.hashes.push(textHash(walk.lower));
      this.bytes += sentenceBytes(walk);
    }
    // Those found before walk `wanted`: a prefix, since walks found them in order.
    let low = 0;
    let high = foundAt.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((foundAt[mid] ?? 0) < wanted) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  at(index: number): Analysed | undefined {
    return this.sentences[index];
  }

  /** The place in the bank of its `index`-th sentence of the seat's own. */
  ownAt(index: number): number {
    return this.own[index] ?? index;
  }

  /** The fingerprint of its `index`-th sentence (see ConversationView.alreadySaidHash). */
  hashAt(index: number): number {
    return this.hashes[index] ?? 0;
  }
}

/**
 * Rough heap size of a kept sentence: its text twice (as said, in lower case), its words, normal
 * words and content words, its four-word stretches in lower case, and the object (measured: a
 * bank of ~210 sentences of ~60 characters, 11 words, held ~1.5 KB a sentence).
 */
function sentenceBytes(walk: Analysed): number {
  return 400 + walk.sentence.length * 4 + walk.words.length * 100;
}

interface SeatBanks {
  readonly guard: RunGuard;
  readonly byKey: Map<string, SentenceBank>;
  /**
   * The bank asked for last, by what asked (a name test is kept by its names: see nameTest):
   * every reply asks once, and making the key was most of the asking.
   */
  last?: {
    readonly seed: string;
    readonly temperature: number;
    readonly names: NameTest | undefined;
    readonly bank: SentenceBank;
  };
  /** Whether a sentence quotes the context (see quotedBy), and its rough heap size. */
  quoted: Map<string, boolean>;
  quotedBytes: number;
}

/** Per seat's material: its banks live and leave with it (see MarkovModel.seats). */
const banks = new WeakMap<SeatMaterial, SeatBanks>();

function banksOf(seat: SeatMaterial): SeatBanks {
  let held = banks.get(seat);
  if (held === undefined) {
    held = { guard: seatGuard(seat), byKey: new Map(), quoted: new Map(), quotedBytes: 0 };
    banks.set(seat, held);
  }
  return held;
}

/**
 * Rough heap size of a seat's banks and of what their guard remembered: counted in the seat's
 * material (see seatMaterial), so that the seat cache's bound holds its banks too.
 */
export function banksBytes(seat: SeatMaterial): number {
  const held = banks.get(seat);
  if (held === undefined) return 0;
  let bytes = held.guard.bytes + held.quotedBytes;
  for (const bank of held.byKey.values()) bytes += bank.bytes;
  return bytes;
}

/** Sentences a seat remembers the quoting of before it starts over (its banks hold ~200-400). */
const QUOTED_KEPT = 2048;

/**
 * Whether `sentence` quotes the seat's context (`quotes` says), asked once per sentence: a bank's
 * sentences are weighed again at every turn, each time reading six-word runs of them.
 */
export function quotedBy(seat: SeatMaterial, sentence: string, quotes: () => boolean): boolean {
  const held = banksOf(seat);
  let known = held.quoted.get(sentence);
  if (known === undefined) {
    if (held.quoted.size >= QUOTED_KEPT) {
      held.quoted = new Map();
      held.quotedBytes = 0;
    }
    known = quotes();
    held.quoted.set(sentence, known);
    held.quotedBytes += 64 + 2 * sentence.length;
  }
  return known;
}

/** Whether `sentence` quotes the seat's context (as quotesFact tells it, by the seat alone). */
export function quotesFactOf(seat: SeatMaterial, sentence: string): boolean {
  return seat.allowed.size > 0 && quotedBy(seat, sentence, () => quotesContextOf(seat, sentence));
}

/** This state's seat's bank at `temperature`, seeded by `seed`. */
export function sentenceBank(
  prepared: Prepared,
  temperature: number,
  seed: string,
  names: NameTest | undefined,
): SentenceBank {
  const { seat } = prepared;
  const held = banksOf(seat);
  const last = held.last;
  if (
    last !== undefined &&
    last.names === names &&
    last.seed === seed &&
    last.temperature === temperature
  )
    return last.bank;
  // By the names themselves, as a set (NameTest.names is sorted): the bank holds the same
  // sentences whatever order a request lists the seats in, so it is one bank, one seed.
  const key = `${seed}\u0000${temperature}\u0000${names?.names.join('\u0000') ?? ''}`;
  let bank = held.byKey.get(key);
  if (bank === undefined) {
    if (held.byKey.size >= BANKS_PER_SEAT)
      held.byKey.delete(held.byKey.keys().next().value as string);
    // The bank's key holds the names at the table, and its seat is one of them: every state
    // that asks for it tells the same seat's share of the talk.
    bank = new SentenceBank(
      seat,
      held.guard,
      temperature,
      `bank\u0000${key}`,
      names,
      othersLine(prepared),
    );
    held.byKey.set(key, bank);
  }
  held.last = { seed, temperature, names, bank };
  return bank;
}

/** How many of its bank's walks a request of this state may draw on. */
export function reachOf(prepared: Prepared): number {
  return FIRST_WALKS + ADVANCE * ownTurns(prepared);
}
