import type { UsageTotals } from './events.js';
import type { ChatMessage, Usage } from './model.js';

// Used only when the server reports no usage: about four characters a token for English text
// (OpenAI's rule of thumb), plus the few special tokens chat formats wrap around each message.
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 3;
const TOKENS_REPLY_PRIMING = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  let total = TOKENS_REPLY_PRIMING;
  for (const message of messages) total += TOKENS_PER_MESSAGE + estimateTokens(message.content);
  return total;
}

export const noUsage: Usage = { promptTokens: 0, completionTokens: 0, estimated: false };

export function addUsage(a: UsageTotals, b: Usage): UsageTotals {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimated: a.estimated || b.estimated,
  };
}
