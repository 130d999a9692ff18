import { LruBytes } from '../lru.js';
import type { Unit } from '../read-request.js';
import { ConversationChain } from './conversation-chain.js';
import type { ConversationView } from './conversation-view.js';

/**
 * A unit as every seat hears it: who (the moderator, a seat) and what. Whether it is the
 * requesting seat's own turn is left out, so the four seats of one discussion, whose requests
 * carry the same turns from four points of view, extend one chain.
 */
function sameUnit(a: Unit | undefined, b: Unit | undefined): boolean {
  // A message read before gives back the same units (see MessageMemo).
  if (a === b) return a !== undefined;
  if (a === undefined || b === undefined) return false;
  // Each seat hears a turn in a message of its own, so a chain's unit (read from the seat that
  // brought it first) and another seat's are two objects, compared again on each of its
  // requests, a turn's whole text each: the answer is kept by the pair.
  const memo = (b as Memoed)[MEMO];
  if (memo?.sameAs === a) return true;
  const same = a.moderator === b.moderator && a.speaker === b.speaker && a.text === b.text;
  if (same) memoOf(b).sameAs = a;
  return same;
}

/**
 * What the cache learnt of a unit, kept on the unit itself: a request's every unit is looked at,
 * and WeakMaps by the unit (two a unit) were ~5% of a replayed request, a property a fraction.
 */
interface UnitMemo {
  /** The chain's unit (an object of its own) this one was found the same as. */
  sameAs: Unit | undefined;
  /** Its hashes as last rolled: from which seeds, to what. */
  fromA: number;
  fromB: number;
  a: number;
  b: number;
}

const MEMO = Symbol('conversation-cache memo');
type Memoed = Unit & { [MEMO]?: UnitMemo };

function memoOf(unit: Unit): UnitMemo {
  const memoed = unit as Memoed;
  let memo = memoed[MEMO];
  if (memo === undefined) {
    memo = { sameAs: undefined, fromA: 0, fromB: 0, a: 0, b: 0 };
    // Units are the reader's own objects; a frozen one (never made so here) keeps no memo.
    if (Object.isExtensible(unit)) memoed[MEMO] = memo;
  }
  return memo;
}

/** One step of a unit's fingerprint (FNV-1a's). */
function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

/**
 * A cheap fingerprint of a unit (its length and a few samples); equality is checked after. The
 * speaker's characters by index, each code point's first unit (as a string's iterator gives the
 * characters and `charCodeAt(0)` read them): through the iterator and a closure, each call cost
 * ~1,000 instructions, ~18 calls a replayed request.
 */
export function unitHash(unit: Unit, seed: number): number {
  let hash = seed ^ unit.text.length;
  hash = mix(hash, unit.moderator ? 1 : 2);
  const speaker = unit.speaker ?? '';
  for (let i = 0; i < speaker.length; i++) {
    const code = speaker.charCodeAt(i);
    hash = mix(hash, code);
    // A surrogate pair is one character: its second unit is not read.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < speaker.length) {
      const next = speaker.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  const { text } = unit;
  const step = Math.max(1, Math.floor(text.length / 8));
  for (let i = 0; i < text.length; i += step) hash = mix(hash, text.charCodeAt(i));
  if (text.length > 0) hash = mix(hash, text.charCodeAt(text.length - 1));
  return hash;
}

/**
 * Fingerprints of every prefix: the key of the first k units is `keyAt(k)`. The hashes roll
 * over the units once; the key strings are made only for the prefixes looked up.
 */
export class PrefixKeys {
  /**
   * The two hashes after the first k units at 2k and 2k + 1: one array a request, not two (each
   * past V8's on-heap size, a backing store outside the heap), copied from the carried keys
   * through one view, not two.
   */
  private readonly ab: Uint32Array;

  /** `carried`: the keys of units whose first `same` are these units' first `same`. */
  constructor(units: readonly Unit[], carried?: PrefixKeys | undefined, same = 0) {
    const ab = new Uint32Array(units.length * 2 + 2);
    this.ab = ab;
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    let from = 0;
    if (carried !== undefined && same > 0 && same <= units.length && same * 2 < carried.ab.length) {
      const kept = carried.ab;
      const length = same * 2 + 2;
      // Copied natively: an element loop ran in baseline code for most of a process's first
      // passes (a call a request), its keyed loads and stores costing more than the view saves.
      ab.set(length === kept.length ? kept : kept.subarray(0, length));
      a = ab[same * 2] as number;
      b = ab[same * 2 + 1] as number;
      from = same;
    }
    for (let i = from; i < units.length; i++) {
      const unit = units[i] as Unit;
      const fromB = Math.imul(b, 0x5bd1e995) >>> 0;
      // Units come back as the same objects while their messages are remembered (MessageMemo),
      // and after the same prefix, so from the same seeds: rolled once per conversation.
      const known = memoOf(unit);
      if (known.fromA !== a || known.fromB !== fromB || (known.a === 0 && known.b === 0)) {
        known.fromA = a;
        known.fromB = fromB;
        known.a = unitHash(unit, a);
        known.b = unitHash(unit, fromB);
      }
      a = known.a;
      b = known.b;
      ab[i * 2 + 2] = a;
      ab[i * 2 + 3] = b;
    }
  }

  keyAt(k: number): string {
    return `${k}:${(this.ab[k * 2] ?? 0).toString(36)}:${(this.ab[k * 2 + 1] ?? 0).toString(36)}`;
  }
}

/**
 * What a view was found by: the request's prefix keys and the chain it reads (weakly: a request
 * kept for its seat's next must not keep a chain this cache let go).
 */
export interface ViewTrace {
  readonly keys: PrefixKeys;
  readonly chain: WeakRef<ConversationChain>;
}

/**
 * A request's way to its view through an earlier request's: `from` that one's trace, whose
 * first `same` units are this request's first `same` (the same turns, read from the same
 * messages); `made` this request's trace, for the next.
 */
export interface ViewTrail {
  from: ViewTrace | undefined;
  same: number;
  made: ViewTrace | undefined;
  /**
   * Runs what only the next request needs (the chain kept by this request's prefix, measured
   * for the LRU) after the reply; the server flushes it before the next request is read (see
   * after-reply.ts). Without it, at once.
   */
  defer?: ((task: () => void) => void) | undefined;
}

export interface CacheStats {
  /** Requests that reused a chain (wholly or as a prefix). */
  hits: number;
  /** Units read by reusing, and units that had to be read. */
  reusedUnits: number;
  readUnits: number;
}

/**
 * The conversations seen lately, by the prefixes requests ended at, in an LRU bounded by bytes.
 * A request finds the longest prefix of its units that an earlier request ended with, and
 * extends that chain in place when nothing else has extended it since; otherwise (a branch:
 * the same start, a different turn) it reads the conversation into a chain of its own.
 */
export class ConversationCache {
  private readonly byPrefix = new Map<string, ConversationChain>();
  private readonly keysOf = new Map<ConversationChain, string[]>();
  private readonly chains: LruBytes<ConversationChain, ConversationChain>;
  readonly stats: CacheStats = { hits: 0, reusedUnits: 0, readUnits: 0 };

  constructor(
    private readonly contextWords: number,
    limitBytes: number,
  ) {
    this.chains = new LruBytes(limitBytes, (chain) => {
      for (const key of this.keysOf.get(chain) ?? []) this.byPrefix.delete(key);
      this.keysOf.delete(chain);
    });
  }

  get bytes(): number {
    return this.chains.bytes;
  }

  get limit(): number {
    return this.chains.limit;
  }

  get size(): number {
    return this.chains.size;
  }

  /**
   * Drops the prepared states kept with the chains that `gone` says must not stay (their seat
   * left the seat cache: a state holds its seat's material, which the chain's bytes leave out).
   * A walk over every chain held, done when a seat leaves: rare beside building one.
   */
  dropStates(gone: (state: { readonly bytes: number }) => boolean): void {
    for (const chain of this.keysOf.keys())
      for (const [id, state] of chain.states) if (gone(state)) chain.states.delete(id);
  }

  /**
   * The view of a request's units: the chain found by the longest prefix an earlier request
   * ended with, extended by the rest. With a trail from an earlier request that repeats this
   * one's first units, their keys are not rolled again and its chain is tried first, compared
   * from where the two requests part (its first units were found the chain's for it).
   */
  view(units: readonly Unit[], trail?: ViewTrail): ConversationView {
    const from = trail?.from;
    const same = from === undefined ? 0 : (trail?.same ?? 0);
    const keys = new PrefixKeys(units, from?.keys, same);
    const n = units.length;
    let chain: ConversationChain | undefined;
    let matched = 0;
    const carried = from?.chain.deref();
    if (carried !== undefined && same <= carried.length && this.keysOf.has(carried)) {
      const candidate = carried;
      let at = same;
      while (at < n && sameUnit(candidate.units[at], units[at])) at++;
      if (at === n || at === candidate.length) {
        chain = candidate;
        matched = at;
      }
    }
    for (let k = n; k > 0 && chain === undefined; k--) {
      const candidate = this.byPrefix.get(keys.keyAt(k));
      if (candidate === undefined) continue;
      let same = 0;
      while (same < k && sameUnit(candidate.units[same], units[same])) same++;
      if (same < k) continue;
      while (same < n && sameUnit(candidate.units[same], units[same])) same++;
      if (same === n || same === candidate.length) {
        chain = candidate;
        matched = same;
      }
    }
    if (chain === undefined) {
      chain = new ConversationChain(this.contextWords);
    } else {
      this.stats.hits++;
      this.stats.reusedUnits += matched;
    }
    for (let i = chain.length; i < n; i++) chain.append(units[i] as Unit);
    this.stats.readUnits += n - matched;
    const key = keys.keyAt(n);
    if (n > 0) {
      const found = chain;
      if (trail?.defer === undefined) this.remember(found, key);
      else trail.defer(() => this.remember(found, key));
    }
    if (trail !== undefined) trail.made = { keys, chain: new WeakRef(chain) };
    return chain.view(n, key);
  }

  private remember(chain: ConversationChain, key: string): void {
    if (this.byPrefix.get(key) !== chain) {
      this.byPrefix.set(key, chain);
      let keys = this.keysOf.get(chain);
      if (keys === undefined) {
        keys = [];
        this.keysOf.set(chain, keys);
      }
      keys.push(key);
    }
    this.chains.set(chain, chain);
  }
}
