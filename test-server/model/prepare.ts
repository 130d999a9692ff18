import type { ConversationCache } from './chain/conversation-cache.js';
import type { ConversationView } from './chain/conversation-chain.js';
import type { WalkSources } from './chain/walker.js';
import { type Guidance, readGuidance } from './guidance.js';
import type { LruBytes } from './lru.js';
import type { NounEvidence } from './phrases.js';
import type { ReadRequest, Seat, Unit } from './read-request.js';
import { RunGuard, runSet, wordSet } from './run-guard.js';
import { type SeatMaterial, seatKey, seatMaterial } from './seat-material.js';
import { TALK_NOUNS } from './talk.js';
import { isContentWord, normalWords } from './words.js';

/** Below this many words said, the talk carries a reply; above it, what was said does. */
const THIN_CONVERSATION_WORDS = 60;

/** Everything a reply to one request is made from, read once and shared by its `n` choices. */
export interface Prepared {
  readonly read: ReadRequest;
  readonly seat: SeatMaterial;
  readonly view: ConversationView;
  /** What the moderator asks, for a request in roundtable's layout that ends with a guidance. */
  readonly guidance: Guidance | undefined;
  readonly guard: RunGuard;
  readonly walk: WalkSources;
  /** Four consecutive words occur in some source: a fluent stretch (see Speech). */
  readonly attests: (quad: string) => boolean;
  readonly self: Seat | undefined;
  readonly others: readonly Seat[];
  /** The topic of this turn: the guidance's, else the last one announced. */
  readonly topic: string | undefined;
  /** Seats' turns within the window, oldest first (the requesting seat's own marked `own`). */
  readonly turns: readonly Unit[];
  /** Every word of the seats' names and full names (lower case): never a topic. */
  readonly nameWords: ReadonlySet<string>;
  /** How much the seat's material and this turn's topic and last words are about a head word. */
  readonly weightOf: (head: string) => number;
  /** Whether a word is used as a noun in the talk, the persona or the context. */
  readonly nouns: NounEvidence;
  /** Content words of the topic and of the last turn heard, for keeping replies on point. */
  readonly topicWords: ReadonlySet<string>;
  /** Content words of the context and every topic: what this table is about. */
  readonly tableWords: ReadonlySet<string>;
  readonly recentWords: ReadonlySet<string>;
}

export interface Caches {
  readonly seats: LruBytes<string, SeatMaterial>;
  readonly conversations: ConversationCache;
}

export function prepare(read: ReadRequest, caches: Caches): Prepared {
  const key = seatKey(read);
  let seat = caches.seats.get(key);
  if (seat === undefined) {
    seat = seatMaterial(read);
    caches.seats.set(key, seat);
  }
  const view = caches.conversations.view(read.units);
  const table = read.table;
  const others = table?.others ?? [];
  const guidance =
    table !== undefined && read.ask !== undefined
      ? readGuidance(
          read.ask,
          others.map((o) => o.name),
        )
      : undefined;
  const announced = view.chain.topics.filter((t) => t.unit < view.to).at(-1)?.text;
  const topic = guidance?.topic ?? announced;
  const askRuns = read.ask === undefined ? new Set<string>() : runSet([read.ask]);
  const topicRuns = topic === undefined ? new Set<string>() : runSet([topic]);
  const guard = new RunGuard(
    [(k) => seat.forbidden.has(k), (k) => view.moderatorSaid(k), (k) => askRuns.has(k)],
    [(k) => seat.allowed.has(k), (k) => view.topicSaid(k), (k) => topicRuns.has(k)],
    [
      seat.forbiddenWords,
      view.chain.moderatorWords,
      wordSet(read.ask === undefined ? [] : [read.ask]),
    ],
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

  const lastHeard = [...turns].reverse().find((turn) => !turn.own);
  const contentOf = (text: string | undefined) =>
    new Set(text === undefined ? [] : normalWords(text).filter(isContentWord));
  const topicWords = contentOf(topic);
  const recentWords = contentOf(lastHeard?.text);
  const seatNouns = seat.nouns;
  // A full name is a name and often a description ("Margit Aalto, town treasurer"): only its
  // capitalised words before the first comma are the name.
  const nameWords = new Set<string>();
  for (const member of table === undefined ? [] : [table.self, ...table.others]) {
    const properName = (member.fullName.split(',')[0] ?? '')
      .split(/\s+/)
      .filter((word) => /^\p{Lu}/u.test(word));
    for (const word of normalWords([member.name, ...properName].join(' '))) nameWords.add(word);
  }
  return {
    read,
    seat,
    nameWords,
    view,
    guidance,
    guard,
    walk: { mix: seat.mix, view, viewWeight },
    attests: (quad) => view.attests(quad) || seat.mix.attests(quad),
    self: table?.self,
    others,
    topic,
    turns,
    weightOf: (head) =>
      (seat.heads.get(head) ?? 0) +
      (topicWords.has(head) ? 2 : 0) +
      (recentWords.has(head) ? 1 : 0),
    nouns: (word) => (seatNouns.get(word) ?? 0) + (TALK_NOUNS.get(word) ?? 0),
    topicWords,
    tableWords: seat.tableWords(view.chain.topics.map((t) => t.text)),
    recentWords,
  };
}

/** Topics announced within the view, in order, without repeats. */
export function topicsOf(prepared: Prepared): string[] {
  const topics: string[] = [];
  for (const { text, unit } of prepared.view.chain.topics) {
    if (unit < prepared.view.to && !topics.includes(text)) topics.push(text);
  }
  const current = prepared.guidance?.topic;
  if (current !== undefined && !topics.includes(current)) topics.push(current);
  return topics;
}
