// The engine's only window on the outside world: it asks a Model for a reply and reads chunks.
// Adapters (the OpenAI-compatible client, a human at the keyboard, a replay of a transcript)
// implement it; the engine never knows which one it talks to.

export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  readonly role: Role;
  readonly content: string;
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when any part was estimated locally rather than reported by the server. */
  readonly estimated: boolean;
}

export interface ModelRequest {
  readonly seat: number;
  readonly speaker: string;
  /**
   * A turn, the closing summary, or (with a context budget's summarize strategy) a seat's
   * running notes of the turns that left its window, which nobody else hears.
   */
  readonly purpose: 'turn' | 'summary' | 'context-summary';
  /** The seat's own model; the adapter's default applies when absent. */
  readonly model?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly messages: readonly ChatMessage[];
  readonly temperature: number;
  readonly maxTokens: number;
}

export type ModelChunk =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'usage'; readonly usage: Usage }
  | {
      readonly type: 'retry';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  /**
   * The reply broke off after some text (a dropped connection, a stall, a malformed event, no
   * finish_reason, its token budget or the timeout ran out): what arrived is all there is.
   */
  | { readonly type: 'cut-off'; readonly reason: string };

/**
 * Streams one reply. Must stop promptly when `signal` aborts (returning or throwing is fine).
 * Failures are thrown as `ModelError` so the engine can tell a dead endpoint from a bad turn.
 */
export type Model = (request: ModelRequest, signal: AbortSignal) => AsyncIterable<ModelChunk>;

export type ModelErrorKind =
  | 'connection'
  | 'auth'
  | 'not-found'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'bad-request'
  | 'protocol'
  | 'unknown';

export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** Fatal errors (bad key, unknown model) cannot succeed on another turn either. */
    readonly fatal: boolean,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
