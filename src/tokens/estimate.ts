import type { CountedMessage, TokenCounter } from './counter.js';

// The starting guess: about four characters a token for English (OpenAI's rule of thumb), and
// the few tokens chat templates wrap around each message and the reply. Servers' reports then
// correct the characters-per-token ratio for the model actually answering.
export const INITIAL_CHARS_PER_TOKEN = 4;
const PER_MESSAGE = 4;
const PRIMING = 3;
// The first reports are averaged, later ones weigh a fifth: a few turns calibrate the counter,
// and one odd report cannot swing it.
const MIN_WEIGHT = 0.2;
// Tiny prompts say more about the template overhead than about the text.
const MIN_CHARS = 200;
// Outside this band a report is about something else (cached or hidden tokens, a bad server).
const MIN_RATIO = 0.5;
const MAX_RATIO = 10;

export class EstimateCounter implements TokenCounter {
  readonly method = 'estimate';
  readonly exact = false;
  #charsPerToken = INITIAL_CHARS_PER_TOKEN;
  #observations = 0;

  get charsPerToken(): number {
    return this.#charsPerToken;
  }

  count(messages: readonly CountedMessage[]): number {
    let total = PRIMING;
    for (const message of messages) total += PER_MESSAGE + this.countText(message.content);
    return total;
  }

  countText(text: string): number {
    return Math.ceil(text.length / this.#charsPerToken);
  }

  observe(messages: readonly CountedMessage[], reportedPromptTokens: number): void {
    let chars = 0;
    for (const message of messages) chars += message.content.length;
    const textTokens = reportedPromptTokens - PRIMING - PER_MESSAGE * messages.length;
    if (chars < MIN_CHARS || textTokens <= 0 || !Number.isFinite(textTokens)) return;
    const observed = chars / textTokens;
    if (observed < MIN_RATIO || observed > MAX_RATIO) return;
    this.#observations += 1;
    const weight = Math.max(MIN_WEIGHT, 1 / this.#observations);
    this.#charsPerToken += weight * (observed - this.#charsPerToken);
  }
}
