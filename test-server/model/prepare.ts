import type { Candidate } from './candidates.js';
import type { ConversationCache, ViewTrail } from './chain/conversation-cache.js';
import type { ConversationView } from './chain/conversation-view.js';
import { readGuidance } from './guidance.js';
import type { LruBytes } from './lru.js';
import { PreparedState } from './prepared-state.js';
import type { ReadRequest, Unit } from './read-request.js';
import { RunGuard, runSet } from './run-guard.js';
import { type SeatMaterial, seatKey, seatMaterial } from './seat-material.js';
import { nounEvidence } from './talk.js';
import { isContentWord, normalWords, personBlindKey } from './words.js';

/** Below this many words said, the talk carries a reply; above it, what was said does. */
const THIN_CONVERSATION_WORDS = 60;

/** Everything a reply to one request is made from (see prepared-state.ts). */
export type Prepared = PreparedState;

export interface Caches {
  readonly seats: LruBytes<string, SeatMaterial>;
  readonly conversations: ConversationCache;
}

/** States remembered per conversation chain (each seat's latest, and a few before). */
const STATES_PER_CHAIN = 16;

/** A short fingerprint of a text, for seeding (FNV-1a over a sample of it). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5 ^ text.length;
  const step = Math.max(1, Math.floor(text.length / 64));
  for (let i = 0; i < text.length; i += step)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

/** Runs of topics lately read, by the topic: a topic stands for many turns (read, never changed). */
const topicRunSets = new Map<string, ReadonlySet<string>>();
const TOPIC_RUN_SETS = 16;

function topicRunsOf(topic: string): ReadonlySet<string> {
  let runs = topicRunSets.get(topic);
  if (runs === undefined) {
    runs = runSet([topic]);
    if (topicRunSets.size >= TOPIC_RUN_SETS)
      topicRunSets.delete(topicRunSets.keys().next().value as string);
    topicRunSets.set(topic, runs);
  }
  return runs;
}

/** Numbers for seats' materials, for states' ids (see prepare). */
const seatIds = new WeakMap<SeatMaterial, number>();
let seatsNumbered = 0;

function seatId(seat: SeatMaterial): number {
  let id = seatIds.get(seat);
  if (id === undefined) {
    id = ++seatsNumbered;
    seatIds.set(seat, id);
  }
  return id;
}

function contentOf(text: string | undefined): Set<string> {
  return new Set(text === undefined ? [] : normalWords(text).filter(isContentWord));
}

/** Content words of topics lately read, by the topic (a topic stands for many turns). */
const topicContents = new Map<string, ReadonlySet<string>>();

function topicContentOf(topic: string): ReadonlySet<string> {
  let words = topicContents.get(topic);
  if (words === undefined) {
    words = contentOf(topic);
    if (topicContents.size >= TOPIC_RUN_SETS)
      topicContents.delete(topicContents.keys().next().value as string);
    topicContents.set(topic, words);
  }
  return words;
}

/** `trail`: the way from an earlier request of the seat (see ConversationCache.view). */
export function prepare(read: ReadRequest, caches: Caches, trail?: ViewTrail): Prepared {
  const key = seatKey(read);
  const view = caches.conversations.view(read.units, trail);
  let seat = caches.seats.get(key);
  if (seat === undefined) {
    seat = seatMaterial(read);
    caches.seats.set(key, seat);
  }
  // The seat by its material's number, not its key (its system message, ~3.5 KB): an id made
  // of the key was a new string to hash whole on every request. A key has one material at a
  // time, and a material's states leave with it (see MarkovModel), so the two ids find the same.
  const stateId = `${view.to}\u0000${read.ask ?? ''}\u0000${seatId(seat)}`;
  const states = view.chain.states as Map<string, Prepared>;
  const known = states.get(stateId);
  if (known !== undefined) return known;
  const stateKey = `${view.key}:${fingerprint(key)}:${fingerprint(read.ask ?? '')}`;
  const prepared = prepareState(read, seat, view, stateKey);
  if (states.size >= STATES_PER_CHAIN) states.delete(states.keys().next().value as string);
  states.set(stateId, prepared);
  return prepared;
}

function prepareState(
  read: ReadRequest,
  seat: SeatMaterial,
  view: ConversationView,
  stateKey: string,
): Prepared {
  const table = read.table;
  const others = table?.others ?? [];
  const guidance =
    table !== undefined && read.ask !== undefined
      ? readGuidance(
          read.ask,
          others.map((o) => o.name),
        )
      : undefined;
  const announced = view.chain.topics.findLast((t) => t.unit < view.to)?.text;
  const topic = guidance?.topic ?? announced;
  const askWords = read.ask === undefined ? [] : normalWords(read.ask);
  // A run (RUN_WORDS words, as every guard key is) is the ask's when it stands in the ask's words
  // joined, between spaces: the guard asks a few a request, and every ask is new (its turn
  // number), so making its ~40 runs to answer them was the dearer way.
  const askJoined = ` ${askWords.join(' ')} `;
  const topicRuns = topic === undefined ? new Set<string>() : topicRunsOf(topic);
  const persona = seat.persona;
  // Other seats' personas are not in this request: what keeps a reply from finishing a run of
  // one is that it never carries on a seat's words otherwise than they did (see carriesOn).
  const spokenWords = table === undefined ? undefined : view.readSpoken();
  const askSet = new Set(askWords);
  const guard = new RunGuard(
    [
      (k) => seat.forbidden.has(k),
      (k) => view.moderatorSaid(k),
      (k) => askJoined.includes(` ${k} `),
      (k) => persona?.runs.has(personBlindKey(k)) === true,
      (k) => table !== undefined && view.carriesOn(k, seat.knownShort),
    ],
    [(k) => seat.allowed.has(k), (k) => view.topicSaid(k), (k) => topicRuns.has(k)],
    [
      seat.forbiddenWords,
      view.chain.moderatorWords,
      askSet,
      ...(persona === undefined ? [] : [persona.words]),
    ],
    spokenWords,
    // The ask's and the persona's tests only: a set's lookups cost more than the other two.
    [undefined, undefined, askSet, persona?.words],
  );

  // The chain's units are shared by every seat of a conversation: whose turn is whose comes
  // from this request.
  const turns: Unit[] = [];
  let said = 0;
  for (let i = view.from; i < view.to; i++) {
    const unit = read.units[i];
    if (unit === undefined || unit.moderator) continue;
    const own = table === undefined ? unit.own : unit.speaker === table.self.name;
    turns.push(own === unit.own ? unit : { ...unit, own });
    said += unit.text.length / 6;
  }
  // A plain conversation speaks mostly from what was said, unless little was.
  const thin = said < THIN_CONVERSATION_WORDS;
  const viewWeight = table !== undefined ? 1 : thin ? 0.3 : 3;

  const lastHeard = turns.findLast((turn) => !turn.own);
  const topicWords = topic === undefined ? new Set<string>() : topicContentOf(topic);
  const recentWords = contentOf(lastHeard?.text);
  const seatNouns = seat.nouns;
  const pool = new Map<string, readonly Candidate[]>();
  return new PreparedState({
    stateKey,
    pool,
    read,
    seat,
    nameWords: seat.nameWords,
    view,
    guidance,
    guard,
    walk: { mix: seat.mix, view, viewWeight },
    attests: (quad) => seat.mix.attests(quad),
    self: table?.self,
    others,
    topic,
    turns,
    weightOf: (head) =>
      (seat.heads.get(head) ?? 0) +
      (topicWords.has(head) ? 2 : 0) +
      (recentWords.has(head) ? 1 : 0),
    nouns: nounEvidence(seatNouns),
    topicWords,
    tableWords: seat.tableWords(topicsHeard(view)),
    recentWords,
  });
}

/**
 * The topics announced before the view's end, each once, in the order first announced: the
 * same words, in the same order, as every announcement would give (a repeat adds none), and
 * none from turns after this request's (an earlier request answered after the chain grew).
 */
function topicsHeard(view: ConversationView): string[] {
  const topics: string[] = [];
  // A moderator repeats the topic in most of its lines: the words come from each once.
  for (const { text, unit } of view.chain.firstTopics) if (unit < view.to) topics.push(text);
  return topics;
}

/** Topics announced within the view, in order, without repeats. */
export function topicsOf(prepared: Prepared): string[] {
  const topics: string[] = [];
  for (const { text, unit } of prepared.view.chain.firstTopics)
    if (unit < prepared.view.to) topics.push(text);
  const current = prepared.guidance?.topic;
  if (current !== undefined && !topics.includes(current)) topics.push(current);
  return topics;
}
