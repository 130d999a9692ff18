// The built-in Markov model's own token count (test-server/tokens.ts), for plans of offline runs:
// its usage counts each message's text and nothing around it.
import { countTokens } from '../../test-server/tokens.js';
import type { CountedMessage, TokenCounter } from './counter.js';

export class MarkovCounter implements TokenCounter {
  readonly method = 'markov';
  readonly exact = true;

  count(messages: readonly CountedMessage[]): number {
    let total = 0;
    for (const message of messages) total += countTokens(message.content);
    return total;
  }

  countText(text: string): number {
    return countTokens(text);
  }

  observe(): void {
    // Exact already: there is nothing to learn.
  }
}
