// What the events of a reply's stream say: a chunk of the reply (its text, its usage, its finish
// reason), an error the server sent mid-stream, or something that is not a chunk at all; and the
// reply's usage as the server counted it, or estimated when it did not.
import type OpenAI from 'openai';
import type { ModelRequest, Usage } from '../engine/model.js';
import { estimatePromptTokens, estimateTokens } from '../engine/usage.js';

/** What a reply's stream has brought so far. */
export interface Progress {
  text: string;
  finishReason: string | undefined;
  usage: OpenAI.CompletionUsage | undefined;
  /** Why the reply is incomplete, once it is known to be. */
  cutOff: string | undefined;
}

export type ReplyEvent =
  | { readonly type: 'chunk'; readonly chunk: OpenAI.ChatCompletionChunk }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'malformed'; readonly why: string };

export function parseEvent(data: string): ReplyEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    return { type: 'malformed', why: (error as Error).message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { type: 'malformed', why: 'an event that is not a JSON object' };
  }
  const { error } = value as { error?: unknown };
  if (error !== undefined && error !== null) {
    const message = (error as { message?: unknown }).message;
    return {
      type: 'error',
      message: typeof message === 'string' ? message : JSON.stringify(error),
    };
  }
  return { type: 'chunk', chunk: value as OpenAI.ChatCompletionChunk };
}

/** Records the chunk's usage and finish reason; returns its text. */
export function take(chunk: OpenAI.ChatCompletionChunk, progress: Progress): string {
  if (chunk.usage) progress.usage = chunk.usage;
  const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
  if (choice?.finish_reason) progress.finishReason = choice.finish_reason;
  const content = choice?.delta?.content;
  return typeof content === 'string' ? content : '';
}

export function usageOf(
  server: OpenAI.CompletionUsage | undefined,
  request: ModelRequest,
  text: string,
): Usage {
  if (
    server &&
    Number.isFinite(server.prompt_tokens) &&
    Number.isFinite(server.completion_tokens)
  ) {
    return {
      promptTokens: server.prompt_tokens,
      completionTokens: server.completion_tokens,
      estimated: false,
    };
  }
  return {
    promptTokens: estimatePromptTokens(request.messages),
    completionTokens: estimateTokens(text),
    estimated: true,
  };
}
