// Sentences drawn for one state of a conversation (this seat, these turns, this ask), kept with
// the state: a request repeated (a retry, n > 1, a benchmark) picks among them instead of walking
// again. Each slot is made from a seed of its own, so what it holds never depends on which
// request asked first, and a state evicted and read again gets the same sentences back.
import { randomFrom } from '../prng.js';
import { bestSentence, type Candidate } from './candidates.js';
import { Walker } from './chain/walker.js';
import type { Prepared } from './prepare.js';
import { chooseSentence, type SentenceBank } from './sentence-bank.js';
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
  /** The seat's sentences, at a table (see sentence-bank.ts); without, the slot walks afresh. */
  readonly bank: SentenceBank | undefined;
}

export function pooled(prepared: Prepared, request: PoolRequest): Candidate | undefined {
  const key = `${request.kind}\u0000${request.slot}\u0000${request.temperature}\u0000${request.seed}`;
  if (prepared.pool.has(key)) return prepared.pool.get(key) ?? undefined;
  const random = randomFrom(`${request.seed}\u0000${prepared.stateKey}\u0000${key}`);
  const options = { focus: request.focus, ordinal: request.slot, names: request.names };
  // At a table a seat speaks from its own chains (see sentence-bank.ts); a plain conversation
  // speaks mostly from what was said, which only a fresh walk follows.
  const candidate =
    request.bank === undefined
      ? bestSentence(
          prepared,
          new Walker(prepared.walk, request.temperature, random, prepared.guard),
          random,
          request.temperature,
          options,
        )
      : chooseSentence(prepared, request.bank, random, options);
  prepared.pool.set(key, candidate ?? null);
  return candidate;
}
