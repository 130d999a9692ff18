// Sentences drawn for one state of a conversation (this seat, these turns, this ask), kept with
// the state: a request repeated (a retry, n > 1, a benchmark) picks among them instead of walking
// again. Each slot is made from a seed of its own, so what it holds never depends on which
// request asked first, and a state evicted and read again gets the same sentences back. Off a
// table a slot walks afresh; at a table a pool is one batch of the seat's bank (pool-batch.ts).
import { randomOf, type Seed128, seedOf } from '../prng.js';
import { bestSentence, type Candidate } from './candidates.js';
import { Walker } from './chain/walker.js';
import type { Prepared } from './prepare.js';
import type { NameTest } from './words.js';

/** Slots per pool: enough that a reply of three sentences has many combinations. */
export const POOL_SLOTS = 12;

/** What the sentences of a pool are about: nothing in particular, the topic, the last turn. */
export type PoolKind = 'plain' | 'topic' | 'recent';

export interface PoolRequest {
  readonly kind: PoolKind;
  readonly slot: number;
  readonly focus: ReadonlySet<string> | undefined;
  readonly temperature: number;
  readonly seed: string;
  readonly names: NameTest | undefined;
}

const KINDS: Record<PoolKind, number> = { plain: 0, topic: 1, recent: 2 };

/** A temperature's bits (two words of its float64), so that every temperature seeds apart. */
const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

/** The state's seed for its pools under one server seed: hashed once, each slot mixed from it. */
function poolSeedOf(prepared: Prepared, seed: string): Seed128 {
  let seeds = poolSeeds.get(prepared);
  if (seeds === undefined) {
    seeds = new Map();
    poolSeeds.set(prepared, seeds);
  }
  let known = seeds.get(seed);
  if (known === undefined) {
    known = seedOf(`${seed}\u0000${prepared.stateKey}`);
    seeds.set(seed, known);
  }
  return known;
}

const poolSeeds = new WeakMap<Prepared, Map<string, Seed128>>();

/** The key of a pool's slots but their number; a reply asks for one pool's slots in a row. */
let lastPrefix = { kind: '', temperature: Number.NaN, seed: '', prefix: '' };

export function slotPrefix(request: Pick<PoolRequest, 'kind' | 'temperature' | 'seed'>): string {
  const { kind, temperature, seed } = request;
  const last = lastPrefix;
  if (last.kind === kind && last.temperature === temperature && last.seed === seed)
    return last.prefix;
  const prefix = `${kind}\u0000${temperature}\u0000${seed}\u0000`;
  lastPrefix = { kind, temperature, seed, prefix };
  return prefix;
}

/** A slot's stream of randomness: the state's seed, the pool's kind, the slot, the temperature. */
export function slotRandom(
  prepared: Prepared,
  request: Pick<PoolRequest, 'kind' | 'temperature' | 'seed' | 'slot'>,
): () => number {
  float[0] = request.temperature;
  return randomOf(
    poolSeedOf(prepared, request.seed),
    KINDS[request.kind],
    request.slot,
    words[0] as number,
    words[1] as number,
  );
}

/**
 * A slot's sentence off a table: the best of a few fresh walks (a plain conversation speaks
 * mostly from what was said, which only a fresh walk follows). Empty when nothing could be said.
 */
export function pooled(prepared: Prepared, request: PoolRequest): readonly Candidate[] {
  const key = `${slotPrefix(request)}${request.slot}`;
  const known = prepared.pool.get(key);
  if (known !== undefined) return known;
  const random = slotRandom(prepared, request);
  const options = { focus: request.focus, ordinal: request.slot, names: request.names };
  const candidate = bestSentence(
    prepared,
    new Walker(prepared.walk, request.temperature, random, prepared.guard),
    random,
    request.temperature,
    options,
  );
  const kept = candidate === undefined ? [] : [candidate];
  prepared.pool.set(key, kept);
  return kept;
}
