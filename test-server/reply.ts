import type { Corpus } from './corpus.js';
import { ChainWalker, type WordChain } from './markov.js';
import type { Random } from './prng.js';
import { splitTokens } from './tokens.js';

export type FinishReason = 'stop' | 'length';

export interface ReplyOptions {
  readonly temperature: number;
  /** Cut the reply after this many tokens (finish_reason 'length'). */
  readonly maxTokens: number;
  /** vLLM's `ignore_eos`: keep writing sentences until `maxTokens`, as load tests want. */
  readonly ignoreEos: boolean;
  /** OpenAI `stop` sequences: the reply ends just before the first one (finish_reason 'stop'). */
  readonly stop: readonly string[];
  readonly random: Random;
}

/** How many sentences a reply runs to when nothing cuts it short. */
function sentenceTarget(temperature: number, random: Random): number {
  return temperature <= 0 ? 3 : 2 + Math.floor(random() * 4);
}

/** Tries before accepting a sentence that repeats the prompt or the reply word for word. */
const FRESH_SENTENCE_TRIES = 4;

/**
 * Produces one reply as stream deltas (one token each, see tokens.ts), lazily: sentences are
 * generated only as the previous ones are consumed, so a client that leaves stops the work.
 */
export class ReplyWriter {
  finishReason: FinishReason | undefined;
  tokens = 0;
  private readonly walker: ChainWalker;
  private readonly target: number;
  /** Longest stop sequence minus one: how much text may be part of a stop not yet complete. */
  private readonly holdBack: number;
  private readonly written = new Set<string>();
  private pending: string[] = [];
  private next = 0;
  private sentences = 0;
  /** The end of what was written, where a stop sequence may have begun. */
  private tail = '';
  /** Generated text not written yet because it may begin a stop sequence. */
  private held = '';

  constructor(
    chain: WordChain,
    private readonly corpus: Corpus,
    private readonly options: ReplyOptions,
  ) {
    this.walker = new ChainWalker(chain, corpus, options.temperature, options.random);
    this.target = options.ignoreEos
      ? Number.POSITIVE_INFINITY
      : sentenceTarget(options.temperature, options.random);
    this.holdBack = Math.max(0, ...options.stop.map((stop) => stop.length - 1));
  }

  /** The next delta, or undefined when the reply is over (then `finishReason` is set). */
  nextPiece(): string | undefined {
    while (this.next >= this.pending.length) {
      if (this.finishReason !== undefined) return undefined;
      this.refill();
    }
    const piece = this.pending[this.next++];
    this.tokens++;
    if (this.tokens >= this.options.maxTokens) {
      const moreToCome =
        this.next < this.pending.length ||
        (this.finishReason === undefined && (this.held !== '' || this.sentences < this.target));
      this.finishReason = moreToCome ? 'length' : (this.finishReason ?? 'stop');
      this.pending.length = this.next;
      this.held = '';
    }
    return piece;
  }

  /** Up to `limit` more tokens of the reply as one string ('' once it is over). */
  take(limit: number): string {
    let text = '';
    for (let i = 0; i < limit; i++) {
      const piece = this.nextPiece();
      if (piece === undefined) break;
      text += piece;
    }
    return text;
  }

  get done(): boolean {
    return this.finishReason !== undefined && this.next >= this.pending.length;
  }

  private refill(): void {
    let text = this.held;
    this.held = '';
    const more = this.sentences < this.target;
    if (more) {
      const sentence = this.sentence();
      text += this.sentences > 0 ? ` ${sentence}` : sentence;
      this.sentences++;
    }
    if (this.options.stop.length > 0) text = this.applyStop(text);
    this.pending = splitTokens(text);
    this.next = 0;
    if (!more && this.finishReason === undefined) this.finishReason = 'stop';
  }

  /**
   * Cuts `text` at the first stop sequence, looking back into what was already written; and
   * holds back a tail that could be the start of one, until the next sentence shows whether it is
   * (so a stop spanning two sentences is still caught before any of it is written).
   */
  private applyStop(text: string): string {
    const window = this.tail + text;
    let cut = -1;
    for (const stop of this.options.stop) {
      const at = window.indexOf(stop);
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
    let written = text;
    if (cut >= 0) {
      written = text.slice(0, Math.max(0, cut - this.tail.length));
      this.finishReason = 'stop';
    } else if (this.sentences < this.target && this.holdBack > 0) {
      // Hold from a whitespace so no token is split between two deltas.
      let from = Math.max(0, text.length - this.holdBack);
      while (from > 0 && !/\s/.test(text.charAt(from))) from--;
      this.held = text.slice(from);
      written = text.slice(0, from);
    }
    this.tail = this.holdBack === 0 ? '' : (this.tail + written).slice(-this.holdBack);
    return written;
  }

  /** A sentence that neither parrots the prompt nor repeats this reply, when one can be found. */
  private sentence(): string {
    let text = '';
    for (let attempt = 0; attempt < FRESH_SENTENCE_TRIES; attempt++) {
      text = this.walker.sentence(this.sentences + attempt).join(' ');
      const key = text.toLowerCase();
      if (text !== '' && !this.written.has(key) && !this.corpus.known.has(key)) break;
    }
    this.written.add(text.toLowerCase());
    return text;
  }
}
