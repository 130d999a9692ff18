import type { ReplyText } from './model/turn.js';
import { splitTokens } from './tokens.js';

export type FinishReason = 'stop' | 'length';

export interface ReplyOptions {
  /** Cut the reply after this many tokens (finish_reason 'length'). */
  readonly maxTokens: number;
  /** vLLM's `ignore_eos`: keep writing sentences until `maxTokens`, as load tests want. */
  readonly ignoreEos: boolean;
  /** OpenAI `stop` sequences: the reply ends just before the first one (finish_reason 'stop'). */
  readonly stop: readonly string[];
}

/**
 * Produces one reply as stream deltas (one token each, see tokens.ts): the composed text, then,
 * for a reply that runs on to max_tokens, more sentences generated only as the previous ones are
 * consumed, so a client that leaves stops the work.
 */
export class ReplyWriter {
  finishReason: FinishReason | undefined;
  tokens = 0;
  /** Pieces of text still to come: the reply, then more as it runs on. */
  private readonly runsOn: boolean;
  /** Longest stop sequence minus one: how much text may be part of a stop not yet complete. */
  private readonly holdBack: number;
  private pending: string[] = [];
  private next = 0;
  private started = false;
  /** The end of what was written, where a stop sequence may have begun. */
  private tail = '';
  /** Generated text not written yet because it may begin a stop sequence. */
  private held = '';

  constructor(
    private readonly reply: ReplyText,
    private readonly options: ReplyOptions,
  ) {
    this.runsOn = (options.ignoreEos || reply.runsOn) && reply.more !== undefined;
    this.holdBack = Math.max(0, ...options.stop.map((stop) => stop.length - 1));
  }

  /** There is text to come beyond what was generated so far. */
  private get moreToCome(): boolean {
    return !this.started || this.runsOn;
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
        (this.finishReason === undefined && (this.held !== '' || this.moreToCome));
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
    const more = this.moreToCome;
    if (more) {
      const piece = this.started ? this.reply.more?.() : this.reply.text;
      text += this.started ? ` ${piece ?? ''}` : (piece ?? '');
      this.started = true;
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
    } else if (this.moreToCome && this.holdBack > 0) {
      // Hold from a whitespace so no token is split between two deltas.
      let from = Math.max(0, text.length - this.holdBack);
      while (from > 0 && !/\s/.test(text.charAt(from))) from--;
      this.held = text.slice(from);
      written = text.slice(0, from);
    }
    this.tail = this.holdBack === 0 ? '' : (this.tail + written).slice(-this.holdBack);
    return written;
  }
}
