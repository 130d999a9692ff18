// A prepared state (see prepare.ts) as an instance of one class. It was an object literal with
// a getter for its size, and V8 keeps such an object in dictionary mode (%HasFastProperties:
// false): every read of a state's fields, thousands a reply (its seat, view, guard, pool …),
// was a lookup by name where a class's instances share one shape.
import type { Candidate } from './candidates.js';
import type { ConversationView } from './chain/conversation-view.js';
import type { WalkSources } from './chain/walker.js';
import type { Guidance } from './guidance.js';
import type { NounEvidence } from './phrases.js';
import type { Prepared } from './prepare.js';
import type { ReadRequest, Seat, Unit } from './read-request.js';
import type { RunGuard } from './run-guard.js';
import type { SeatMaterial } from './seat-material.js';

export class PreparedState implements Prepared {
  readonly stateKey: string;
  readonly pool: Map<string, readonly Candidate[]>;
  readonly read: ReadRequest;
  readonly seat: SeatMaterial;
  readonly view: ConversationView;
  readonly guidance: Guidance | undefined;
  readonly guard: RunGuard;
  readonly walk: WalkSources;
  readonly attests: (quad: string) => boolean;
  readonly self: Seat | undefined;
  readonly others: readonly Seat[];
  readonly topic: string | undefined;
  readonly turns: readonly Unit[];
  readonly nameWords: ReadonlySet<string>;
  readonly weightOf: (head: string) => number;
  readonly nouns: NounEvidence;
  readonly topicWords: ReadonlySet<string>;
  readonly tableWords: ReadonlySet<string>;
  readonly recentWords: ReadonlySet<string>;

  constructor(fields: Omit<Prepared, 'bytes'>) {
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

  get bytes(): number {
    return 6000 + 2500 * this.pool.size + this.guard.bytes + this.view.bytes;
  }
}
