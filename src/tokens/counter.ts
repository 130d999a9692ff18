// Counting prompt tokens before a request is sent, so a seat's context budget can be kept.
import { createBpeCounter } from './bpe.js';
import { EstimateCounter } from './estimate.js';
import { bpeFamilyFor } from './families.js';

/** A chat message as counted: role and text (the engine's ChatMessage fits). */
export interface CountedMessage {
  readonly role: string;
  readonly content: string;
}

export interface TokenCounter {
  /** How it counts: a BPE encoding name (`o200k_base`, `cl100k_base`) or `estimate`. */
  readonly method: string;
  /** True when the count is the tokenizer's own; false for an estimate. */
  readonly exact: boolean;
  /** The prompt tokens of a chat request: each message with its chat-format overhead, plus the reply priming. */
  count(messages: readonly CountedMessage[]): number;
  countText(text: string): number;
  /** Learns from the prompt tokens a server reported for exactly these messages. */
  observe(messages: readonly CountedMessage[], reportedPromptTokens: number): void;
}

/**
 * A counter for `model`: the real BPE tokenizer for OpenAI model families, a calibrated estimate
 * for everything else (and for no model name). Cheap to create: the tokenizer's encoding tables
 * are loaded on the first count, not here, so the CLI starts fast.
 */
export function createTokenCounter(model: string | undefined): TokenCounter {
  const family = bpeFamilyFor(model);
  return family === undefined ? new EstimateCounter() : createBpeCounter(family);
}
