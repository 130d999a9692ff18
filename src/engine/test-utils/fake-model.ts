import type { DiscussionEvent, EventOf } from '../events.js';
import type { Model, ModelChunk, ModelRequest, Usage } from '../model.js';

/** What one scripted request does. A plain string is `{ chunks: splitIntoChunks(text) }`. */
export interface ScriptedReply {
  readonly chunks?: readonly string[];
  readonly usage?: Usage | undefined;
  readonly retries?: readonly {
    readonly attempt: number;
    readonly delayMs: number;
    readonly reason: string;
  }[];
  /** Thrown after the chunks. */
  readonly error?: unknown;
  /** After the chunks: the reply broke off, for this reason (as the client reports it). */
  readonly cutOff?: string | undefined;
  /**
   * After the chunks, wait until the request is aborted, then end silently (as the openai
   * client does) or throw an AbortError ('throw').
   */
  readonly stall?: 'silent' | 'throw';
}

export type Script = (request: ModelRequest, call: number) => ScriptedReply | string;

/** Splits text into a few chunks at spaces, the way a server streams it. */
export function splitIntoChunks(text: string, size = 3): string[] {
  const words = text.split(/(?<= )/u);
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += size) chunks.push(words.slice(i, i + size).join(''));
  return chunks;
}

/** An in-process model that replays a script and records what it was asked. */
export class FakeModel {
  readonly requests: ModelRequest[] = [];
  readonly signals: AbortSignal[] = [];
  /** Chunks handed to the engine so far (a pull the engine never made is not counted). */
  pulled = 0;
  readonly #script: Script;

  constructor(script: Script) {
    this.#script = script;
  }

  /** The `call`-th request (0-based); throws when there was none, so tests fail clearly. */
  request(call: number): ModelRequest {
    const request = this.requests[call];
    if (request === undefined) throw new Error(`the model got no request #${call}`);
    return request;
  }

  /** Records the request when called (not on the first pull), like a client sending it. */
  readonly model: Model = (request, signal) => {
    const call = this.requests.length;
    this.requests.push(request);
    this.signals.push(signal);
    const scripted = this.#script(request, call);
    return this.#reply(
      typeof scripted === 'string' ? { chunks: splitIntoChunks(scripted) } : scripted,
      signal,
    );
  };

  async *#reply(reply: ScriptedReply, signal: AbortSignal): AsyncGenerator<ModelChunk> {
    for (const retry of reply.retries ?? []) yield { type: 'retry', ...retry };
    for (const text of reply.chunks ?? []) {
      this.pulled += 1;
      yield { type: 'text', text };
    }
    if (reply.cutOff !== undefined) yield { type: 'cut-off', reason: reply.cutOff };
    if (reply.usage !== undefined) yield { type: 'usage', usage: reply.usage };
    if (reply.stall !== undefined) {
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      if (reply.stall === 'throw')
        throw new DOMException('The operation was aborted', 'AbortError');
      return;
    }
    if (reply.error !== undefined) throw reply.error;
  }
}

export async function collect(events: AsyncIterable<DiscussionEvent>): Promise<DiscussionEvent[]> {
  const all: DiscussionEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export function ofType<T extends DiscussionEvent['type']>(
  events: readonly DiscussionEvent[],
  type: T,
): EventOf<T>[] {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

/** The text of the last user message of a request (the guidance sits at its end). */
export function lastUserMessage(request: ModelRequest): string {
  const last = request.messages.at(-1);
  if (last?.role !== 'user') throw new Error('the request does not end with a user message');
  return last.content;
}

/** Lets pending promise callbacks and I/O callbacks run (no clock involved). */
export function settleCallbacks(rounds = 5): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < rounds; i++) chain = chain.then(() => new Promise((r) => setImmediate(r)));
  return chain;
}
