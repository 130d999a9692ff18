import type { ChatMessage } from '../engine/model.js';

// A stand-in for servers that report no usage: about four characters a token for English text,
// which is what OpenAI's own rule of thumb says. Good enough for totals marked "estimated".
const CHARS_PER_TOKEN = 4;
// Chat formats wrap every message in a few special tokens (role, separators) and prime the
// reply with a few more; OpenAI documents 3 and 3 for its models.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_REPLY_PRIMING = 3;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  let total = TOKENS_REPLY_PRIMING;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + estimateTextTokens(message.content);
  }
  return total;
}
