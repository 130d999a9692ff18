// A reply's draws from its state's pools (see pool.ts): a request from another client takes the
// slots, each a fresh walk, in an order of the reply's own; a seat at a table takes its batch of
// the seat's bank (see pool-batch.ts), ordered with noise of the reply's own. Speech (speech.ts)
// asks here first for each sentence, and walks afresh only when no pooled one fits.
import type { Random } from '../prng.js';
import { type Candidate, GOOD } from './candidates.js';
import { shuffled } from './lines.js';
import { POOL_SLOTS, type PoolKind, pooled } from './pool.js';
import { pooledBatch, replyOrder } from './pool-batch.js';
import type { Prepared } from './prepare.js';
import { ReplyRecord } from './reply-record.js';
import { fitsReply } from './reply-state.js';
import { type SentenceBank, sentenceBank } from './sentence-bank.js';

/** A reply being written (see ReplyRecord) that draws its sentences from its state's pools. */
export class PooledReply extends ReplyRecord {
  /** The order this reply tries each pool's slots in. */
  private readonly slots = new Map<PoolKind, number[]>();

  constructor(
    prepared: Prepared,
    readonly temperature: number,
    readonly random: Random,
    /** Seeds the state's sentence pools; without one every sentence is walked afresh. */
    protected readonly poolSeed?: string | undefined,
  ) {
    super(prepared);
  }

  /** The sentences of this seat's own chains, at a table (see sentence-bank.ts). */
  protected bank(): SentenceBank | undefined {
    if (this.poolSeed === undefined || this.prepared.read.table === undefined) return undefined;
    this.seatBank ??= sentenceBank(this.prepared, this.temperature, this.poolSeed, this.names);
    return this.seatBank;
  }

  private seatBank: SentenceBank | undefined;

  /** A pooled sentence of this state (see Prepared.pooled) that fits this reply, added. */
  protected draw(kind: PoolKind, focus: ReadonlySet<string> | undefined, clean: boolean): boolean {
    if (this.poolSeed === undefined) return false;
    const bank = this.bank();
    if (bank !== undefined) return this.drawBatch(kind, focus, bank, clean);
    let order = this.slots.get(kind);
    if (order === undefined) {
      order = shuffled(
        Array.from({ length: POOL_SLOTS }, (_, i) => i),
        this.random,
      );
      this.slots.set(kind, order);
    }
    // What a drawn sentence must fit: the reply changes only when one is accepted, which ends this.
    const state = this.state;
    while (order.length > 0) {
      const slot = order.shift() as number;
      const entries = pooled(this.prepared, {
        kind,
        slot,
        focus,
        temperature: this.temperature,
        seed: this.poolSeed,
        names: this.names,
      });
      for (const entry of entries)
        if (
          entry.good &&
          (entry.clean || !clean) &&
          fitsReply(entry, state) &&
          !(this.quotesFact(entry.sentence) && state.quotedFact()) &&
          this.accept(entry.sentence, entry.normal, entry.written)
        ) {
          return true;
        }
    }
    return false;
  }

  /** Each pool's batch as this reply orders it (its noise added), what it has not tried yet. */
  private readonly batches = new Map<PoolKind, { entry: Candidate; score: number }[]>();

  /**
   * The best of the state's batch for this pool (see pooledBatch) that fits this reply, added:
   * each reply orders the batch with noise of its own, as a slot's draw scored its walks, so
   * that a request's n choices and two runs' turns differ. A sentence tried and not said is not
   * tried again (what it failed only grows as the reply does).
   */
  private drawBatch(
    kind: PoolKind,
    focus: ReadonlySet<string> | undefined,
    bank: SentenceBank,
    clean: boolean,
  ): boolean {
    let order = this.batches.get(kind);
    if (order === undefined) {
      const batch = pooledBatch(this.prepared, {
        kind,
        focus,
        temperature: this.temperature,
        seed: this.poolSeed as string,
        names: this.names,
        bank,
      });
      const spread = bank.greedy ? 0 : this.temperature * 1.5;
      order = replyOrder(batch, () => this.random() * spread);
      this.batches.set(kind, order);
    }
    const state = this.state;
    while (order.length > 0) {
      const { entry, score } = order.shift() as { entry: Candidate; score: number };
      // Good as candidateOf tells it, with this reply's noise (see Candidate.good).
      const good = !entry.seam && score + (entry.clean ? 0 : 1.5) >= GOOD;
      // A batch quotes no fact of the case (see drawBatch): only the reply is asked.
      if (
        good &&
        (entry.clean || !clean) &&
        fitsReply(entry, state) &&
        this.accept(entry.sentence, entry.normal, entry.written)
      )
        return true;
    }
    return false;
  }
}
