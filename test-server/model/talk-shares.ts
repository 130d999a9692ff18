// The built-in talk shared out among a table's seats: each of its sentences belongs to one seat,
// which alone may say it whole. Every seat walks the same talk, and seats answering at once
// (rounds, closing positions, a debate's openings) do not hear each other: two of them said
// "I would rather have something modest that works than something grand that stalls." word for
// word in 13 of 18 such rounds. Split by the seats' names, a seat keeps its share from run to run,
// as a person keeps their turns of phrase, and a walk crossing from one talk sentence into
// another is no sentence of the talk and anyone's to say.
import { randomFrom } from '../prng.js';
import { textHash } from './chain/occurrences.js';
import { shuffled } from './lines.js';
import type { Prepared } from './prepare.js';
import { TALK_SENTENCES } from './talk.js';

let talkIndex: Map<string, number> | undefined;

/** Each talk sentence (lower case) at its place in TALK_SENTENCES. */
function indexOfTalk(): Map<string, number> {
  if (talkIndex === undefined) {
    talkIndex = new Map();
    for (const [index, sentence] of TALK_SENTENCES.entries())
      talkIndex.set(sentence.toLowerCase(), index);
  }
  return talkIndex;
}

/** Tables' shares (by their seats' names), a few at a time: a server serves a few tables. */
const SHARES_KEPT = 64;
const sharesByNames = new Map<string, Uint16Array>();

/**
 * Which seat (its place among the names, sorted) each talk sentence belongs to: the sentences
 * in an order seeded by the names, dealt out in turn, so every seat has as many as another.
 */
function sharesOf(sorted: readonly string[]): Uint16Array {
  const key = sorted.join('\u0000');
  let owners = sharesByNames.get(key);
  if (owners === undefined) {
    const order = shuffled(
      TALK_SENTENCES.map((_, index) => index),
      randomFrom(`talk shares\u0000${key}`),
    );
    owners = new Uint16Array(TALK_SENTENCES.length);
    order.forEach((index, place) => {
      (owners as Uint16Array)[index] = place % sorted.length;
    });
    if (sharesByNames.size >= SHARES_KEPT)
      sharesByNames.delete(sharesByNames.keys().next().value as string);
    sharesByNames.set(key, owners);
  }
  return owners;
}

/** Each seat's test's place among the table's names, sorted, and how many seats there are. */
const places = new WeakMap<OthersLine, { readonly place: number; readonly seats: number }>();

/** The shares each seat's test was made from (see spareTalk). */
const ownersByTest = new WeakMap<OthersLine, Uint16Array>();

/** Each seat's test (by its place) of a table's shares, made once for every request of it. */
const testsByShares = new WeakMap<Uint16Array, OthersLine[]>();

function testsOf(owners: Uint16Array): OthersLine[] {
  let tests = testsByShares.get(owners);
  if (tests === undefined) {
    const index = indexOfTalk();
    const seats = owners.reduce((most, owner) => Math.max(most, owner + 1), 0);
    tests = Array.from({ length: seats }, (_, place) => {
      const test: OthersLine = (lower: string) => {
        const at = index.get(lower);
        return at !== undefined && owners[at] !== place;
      };
      places.set(test, { place, seats });
      ownersByTest.set(test, owners);
      return test;
    });
    testsByShares.set(owners, tests);
  }
  return tests;
}

/** Whose a sentence is, for one state's seat: true when it is a talk sentence another seat owns. */
export type OthersLine = (lower: string) => boolean;

const byState = new WeakMap<Prepared, OthersLine>();
const NOBODYS: OthersLine = () => false;

/** Each state's seat's share of the talk, kept with its test (see othersLine). */
const ownShares = new WeakMap<OthersLine, readonly string[]>();

/** Each share's sentences' fingerprints (textHash of their lower case), by the share. */
const shareHashes = new WeakMap<readonly string[], readonly number[]>();

/** The fingerprints of ownTalk's sentences, in its order (see ConversationView.alreadySaidHash). */
export function ownTalkHashes(own: readonly string[]): readonly number[] {
  let hashes = shareHashes.get(own);
  if (hashes === undefined) {
    hashes = own.map((sentence) => textHash(sentence.toLowerCase()));
    shareHashes.set(own, hashes);
  }
  return hashes;
}

/** The sentences of the talk this state's seat may say whole (see othersLine). */
export function ownTalk(prepared: Prepared): readonly string[] {
  const others = othersLine(prepared);
  let own = ownShares.get(others);
  if (own === undefined) {
    own =
      others === NOBODYS ? TALK_SENTENCES : TALK_SENTENCES.filter((s) => !others(s.toLowerCase()));
    ownShares.set(others, own);
  }
  return own;
}

/** Each state's seat's spare talk (see spareTalk), kept with its test. */
const spareShares = new WeakMap<OthersLine, readonly string[]>();

/**
 * The talk a seat may borrow once it has said all of its own (see ownTalkWalks): the next seat's
 * share (by place among the names), then the one after, and so on. A seat of few words of its
 * own (a low creativity walks few sentences that are not the talk's) said its whole share by
 * turn 150 of 200 and then stock lines, while the others had 10-35 of theirs left. Borrowed from
 * the next seat, two seats borrowing at once borrow from different shares: seats answering at
 * once do not say one sentence in chorus.
 */
export function spareTalk(prepared: Prepared): readonly string[] {
  const others = othersLine(prepared);
  let spare = spareShares.get(others);
  if (spare === undefined) {
    const at = places.get(others);
    const owners = ownersByTest.get(others);
    if (at === undefined || owners === undefined) spare = [];
    else {
      const distance = (index: number) =>
        ((owners[index] as number) - at.place + at.seats) % at.seats;
      spare = TALK_SENTENCES.map((_, index) => index)
        .filter((index) => distance(index) > 0)
        .sort((a, b) => distance(a) - distance(b) || a - b)
        .map((index) => TALK_SENTENCES[index] as string);
    }
    spareShares.set(others, spare);
  }
  return spare;
}

/**
 * Whether `lower` (a sentence in lower case) is a sentence of the talk that belongs to another
 * seat at this state's table. A request without a seat of its own, or alone at its table,
 * may say any of them.
 */
export function othersLine(prepared: Prepared): OthersLine {
  let test = byState.get(prepared);
  if (test === undefined) {
    const self = prepared.self?.name;
    const names = [...new Set([self, ...prepared.others.map((seat) => seat.name)])].filter(
      (name): name is string => name !== undefined && name !== '',
    );
    if (self === undefined || self === '' || names.length < 2) test = NOBODYS;
    else {
      const sorted = names.sort();
      const seats = testsOf(sharesOf(sorted));
      const place = sorted.indexOf(self);
      test = seats[place] ?? NOBODYS;
    }
    byState.set(prepared, test);
  }
  return test;
}
