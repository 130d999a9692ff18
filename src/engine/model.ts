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

/**
 * Asks for a structured reply. `json_schema` constrains it to a schema where the endpoint
 * supports that; `json_object` asks only for JSON. The client sends it as `response_format` and
 * drops it for an endpoint that rejects it, so the request must also ask for the JSON in words,
 * and the reply must be validated either way.
 */
export type ResponseFormat =
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      /** a-z, A-Z, 0-9, _ and -, at most 64 characters (OpenAI's rule). */
      readonly name: string;
      readonly schema: Readonly<Record<string, unknown>>;
      /** Ask the server to follow the schema exactly (OpenAI's `strict`). */
      readonly strict?: boolean | undefined;
    };

export interface ModelRequest {
  /** The seat asked; 0 for the LLM moderator, which holds no seat. */
  readonly seat: number;
  readonly speaker: string;
  /**
   * A turn, the closing summary, (with a context budget's summarize strategy) a seat's running
   * notes of the turns that left its window, the LLM moderator's choice of the next speaker, or
   * a seat's bid for the floor. Only turns and the summary are heard by the table.
   */
  readonly purpose: 'turn' | 'summary' | 'context-summary' | 'moderator' | 'bid';
  /** The seat's own model; the adapter's default applies when absent. */
  readonly model?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly messages: readonly ChatMessage[];
  readonly temperature: number;
  readonly maxTokens: number;
  readonly responseFormat?: ResponseFormat | undefined;
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
