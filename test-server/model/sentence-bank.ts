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
import {
  CANDIDATES,
  type Candidate,
  keepBest,
  MORE_CANDIDATES,
  type SentenceOptions,
} from './candidates.js';
import { Walker } from './chain/walker.js';
import { headless } from './clause.js';
import type { Prepared } from './prepare.js';
import { keepsTo, RunGuard } from './run-guard.js';
import type { SeatMaterial } from './seat-material.js';
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
const WIDER = 32;
/** At most this many walks a bank makes: a 2,000-turn discussion goes back to walking afresh. */
const MOST_WALKS = 8000;
/** Sentences drawn for one choice, heard ones included, before it gives up. */
const MOST_DRAWS = 48;

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
  );
}

/** The sentences of one seat at one temperature and seed, in the order its walks found them. */
export class SentenceBank {
  private readonly sentences: Analysed[] = [];
  /** The walk that found each sentence (ascending). */
  private readonly foundAt: number[] = [];
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
    const wanted = Math.min(walks, MOST_WALKS);
    while (this.walks < wanted) {
      // Under greedy decoding a walk's ordinal picks its opening: walks differ from the first word.
      const walk = analyse(this.seat, this.walker.sentence([], this.walks), this.names);
      const at = this.walks++;
      if (walk === undefined || this.known.has(walk.lower)) continue;
      if (!walk.opens || walk.fives !== true || walk.seam || headless(this.seat, walk.sentence))
        continue;
      this.known.add(walk.lower);
      // Its runs were kept to the seat's guard as it was walked: a turn's guard need only look
      // for what the state adds (see RunGuard.firstForbidden).
      keepsTo(walk.normal, this.guard);
      this.sentences.push(walk);
      this.foundAt.push(at);
      this.bytes += sentenceBytes(walk);
    }
    // Those found before walk `wanted`: a prefix, since walks found them in order.
    let low = 0;
    let high = this.foundAt.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.foundAt[mid] ?? 0) < wanted) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  at(index: number): Analysed | undefined {
    return this.sentences[index];
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

/** This state's seat's bank at `temperature`, seeded by `seed`. */
export function sentenceBank(
  prepared: Prepared,
  temperature: number,
  seed: string,
  names: NameTest | undefined,
): SentenceBank {
  const { seat } = prepared;
  const held = banksOf(seat);
  // By the names themselves, as a set (NameTest.names is sorted): the bank holds the same
  // sentences whatever order a request lists the seats in, so it is one bank, one seed.
  const key = `${seed}\u0000${temperature}\u0000${names?.names.join('\u0000') ?? ''}`;
  let bank = held.byKey.get(key);
  if (bank === undefined) {
    if (held.byKey.size >= BANKS_PER_SEAT)
      held.byKey.delete(held.byKey.keys().next().value as string);
    bank = new SentenceBank(seat, held.guard, temperature, `bank\u0000${key}`, names);
    held.byKey.set(key, bank);
  }
  return bank;
}

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

/** How many of its bank's walks a request of this state may draw on. */
export function reachOf(prepared: Prepared): number {
  return FIRST_WALKS + ADVANCE * ownTurns(prepared);
}

/**
 * The best of a few of the bank's sentences not heard yet in this conversation, for this state
 * (and reply, if `options` has one), drawn by `random` from as far as the seat's turns have
 * reached: as `bestSentence` would choose among as many fresh walks, without walking.
 */
export function chooseSentence(
  prepared: Prepared,
  bank: SentenceBank,
  random: () => number,
  options: SentenceOptions,
  /** Given, receives the other sentences weighed, best first (see keepBest). */
  seconds?: Candidate[],
): Candidate | undefined {
  const reach = reachOf(prepared);
  const chosen = chooseWithin(prepared, bank, bank.foundBy(reach), random, options, seconds);
  if (chosen !== undefined || options.reply === undefined) return chosen;
  // A reply's sentence that its reach cannot give (early in a discussion a seat has said most of
  // what its first walks found, and the rest does not fit) comes from further in the bank, not
  // from fresh walks: the bank's walks are the seat's, kept for its every conversation, where a
  // fresh walk follows this one and is made again at every request. A few turns' reach further
  // at most: a server that has not met the seat walks its bank that far first.
  for (let wider = reach + WIDER; wider <= reach + 2 * WIDER; wider += WIDER) {
    const size = bank.foundBy(wider);
    const further = chooseWithin(prepared, bank, size, random, options, seconds);
    // Only one good enough to say: a low-scoring one in place of the fresh walks left a long
    // discussion's seat with stock lines alone ("I agree with much of that. I see it a little
    // differently. I am not convinced yet."), read as a repeat of its last such turn.
    if (further?.good === true) return further;
  }
  return undefined;
}

/** chooseSentence among the bank's first `size` sentences. */
function chooseWithin(
  prepared: Prepared,
  bank: SentenceBank,
  size: number,
  random: () => number,
  options: SentenceOptions,
  seconds: Candidate[] | undefined,
): Candidate | undefined {
  // A partial shuffle of the sentences: each draw takes one not drawn yet. Only the places
  // a swap moved are kept (a draw takes a few dozen of hundreds).
  const moved = new Map<number, number>();
  const at = (place: number) => moved.get(place) ?? place;
  let drawn = 0;
  const draw = (): Analysed | null => {
    while (drawn < Math.min(size, MOST_DRAWS)) {
      const pick = drawn + Math.floor(random() * (size - drawn));
      const index = at(pick);
      moved.set(pick, at(drawn));
      drawn++;
      const sentence = bank.at(index) as Analysed;
      // Heard already: not a candidate at all (a walk could be one, scored down).
      if (!prepared.view.alreadySaid(sentence.lower)) return sentence;
    }
    return null;
  };
  const greedy = bank.greedy;
  const { temperature } = bank;
  return keepBest(
    prepared,
    options,
    options.walks ?? (greedy ? 3 : CANDIDATES),
    options.walks === undefined ? MORE_CANDIDATES : 0,
    draw,
    () => (greedy ? 0 : random() * temperature * 1.5),
    true,
    seconds,
  );
}
