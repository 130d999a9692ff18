import type { Random } from '../prng.js';
import type { Knobs } from './knobs.js';

/** How one reply is spoken: its knobs, its temperature, its randomness, its pools' seed. */
export interface Voicing {
  readonly knobs: Knobs;
  readonly temperature: number;
  readonly random: Random;
  /** Seeds the state's sentence pools (see pool.ts); undefined walks every sentence afresh. */
  readonly poolSeed: string | undefined;
  /** The reply's max_tokens: a structured answer keeps within it rather than being cut off. */
  readonly maxTokens?: number | undefined;
}
