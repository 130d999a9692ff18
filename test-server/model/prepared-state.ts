// A prepared state (see prepare.ts) as an instance of one class. It was an object literal with
// a getter for its size, and V8 keeps such an object in dictionary mode (%HasFastProperties:
// false): every read of a state's fields, thousands a reply (its seat, view, guard, pool …),
// was a lookup by name where a class's instances share one shape.
import type { Candidate } from './candidates.js';
import type { ConversationView } from './chain/conversation-view.js';
import type { WalkSources } from './chain/walker.js';
import type { Guidance } from './guidance.js';
import type { NounEvidence } from './phrases.js';
import type { ReadRequest, Seat, Unit } from './read-request.js';
import type { RunGuard } from './run-guard.js';
import type { SeatMaterial } from './seat-material.js';

/** What a state is made of (its size is counted, not given). */
export type PreparedFields = {
  readonly [K in Exclude<keyof PreparedState, 'bytes'>]: PreparedState[K];
};

/** Everything a reply to one request is made from, read once and shared by its `n` choices. */
export class PreparedState {
  /** A fingerprint of the state (the seat, the turns heard, what is asked), for seeding. */
  readonly stateKey: string;
  /** Sentences drawn for this state, by pool slot (see pool.ts). */
  readonly pool: Map<string, readonly Candidate[]>;
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

  constructor(fields: PreparedFields) {
    this.stateKey = fields.stateKey;
    this.pool = fields.pool;
    this.read = fields.read;
    this.seat = fields.seat;
    this.view = fields.view;
    this.guidance = fields.guidance;
    this.guard = fields.guard;
    this.walk = fields.walk;
    this.attests = fields.attests;
    this.self = fields.self;
    this.others = fields.others;
    this.topic = fields.topic;
    this.turns = fields.turns;
    this.nameWords = fields.nameWords;
    this.weightOf = fields.weightOf;
    this.nouns = fields.nouns;
    this.topicWords = fields.topicWords;
    this.tableWords = fields.tableWords;
    this.recentWords = fields.recentWords;
  }

  /** Rough heap size (its pools grow as replies draw on them). */
  get bytes(): number {
    return 6000 + 2500 * this.pool.size + this.guard.bytes + this.view.bytes;
  }
}
