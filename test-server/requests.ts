// From a request body to a Generation, with no socket in sight: the HTTP routes call these, and
// so does the offline model adapter that runs without HTTP (src/llm/offline-model.ts), so the
// two cannot drift. Bad input throws an ApiError (OpenAI's 400 shape).
import { type Generation, startGeneration } from './generation.js';
import { jsonFormatOf } from './json/json-reply.js';
import { knobsOf } from './model/knobs.js';
import { MarkovModel } from './model/markov-model.js';
import type { MessageReading } from './model/message-memo.js';
import { readChat, readPrompt } from './model/read-request.js';
import { type DummyServerOptions, type ResolvedOptions, resolveOptions } from './options.js';
import {
  type ChatRequest,
  type CompletionRequest,
  completionRequestSchema,
  messageText,
} from './schemas.js';
import { consistent, validate, validateChat } from './validate.js';

export interface Generated<Body> {
  readonly generation: Generation;
  /** The validated body (its `stream` and `stream_options` decide how the reply is sent). */
  readonly body: Body;
}

/**
 * Answers request bodies with the model (and the caches) it keeps: one per server, or per
 * offline adapter (`MarkovEndpoint.from(options)`).
 */
export class MarkovEndpoint {
  readonly model: MarkovModel;
  /**
   * Readings by the message objects a body memo shares between requests (frozen ones only):
   * what a text reads as depends on the text alone, so any reading of it serves.
   */
  private readonly readings = new WeakMap<object, MessageReading>();

  static from(options: DummyServerOptions = {}): MarkovEndpoint {
    return new MarkovEndpoint(resolveOptions(options));
  }

  constructor(readonly settings: ResolvedOptions) {
    this.model = new MarkovModel({
      contextWords: this.settings.contextWords,
      cacheBytes: this.settings.cacheBytes,
    });
  }

  /** POST /v1/chat/completions: `body` as the openai client sends it. */
  chat(raw: unknown): Generated<ChatRequest> {
    const body = consistent(validateChat(raw));
    // Each message looked up once in the model's memo: what it was read as before is reused.
    // A message the server's body memo gave before is the same object (JsonBodyMemo): its
    // reading is found by it, without looking its text up.
    const inputs = (raw as { readonly messages: readonly unknown[] }).messages;
    const prompt = body.messages.map((message, i) => {
      const input = inputs[i];
      const shared =
        typeof input === 'object' &&
        input !== null &&
        Object.isFrozen(input) &&
        typeof message.content === 'string';
      let reading = shared ? this.readings.get(input) : undefined;
      if (reading === undefined) {
        reading = this.model.messages.read(messageText(message));
        if (shared) this.readings.set(input, reading);
      }
      return reading;
    });
    const read = readChat(
      body.messages.map((message, i) => {
        const reading = prompt[i] as MessageReading;
        return { role: message.role, text: reading.text, reading };
      }),
    );
    const generation = startGeneration(this.settings, this.model, {
      endpoint: 'chat',
      model: body.model,
      prompt,
      read,
      knobs: knobsOf(body.model),
      json: jsonFormatOf(body.response_format),
      temperature: body.temperature,
      maxTokens: body.max_completion_tokens ?? body.max_tokens,
      n: body.n,
      stop: body.stop,
      ignoreEos: body.ignore_eos,
      seed: body.seed,
    });
    return { generation, body };
  }

  /** POST /v1/completions. */
  completion(raw: unknown): Generated<CompletionRequest> {
    const body = consistent(validate(completionRequestSchema(), raw));
    const prompt = body.prompt;
    // Token-id prompts carry no words for the chain: the built-in talk answers them.
    const texts =
      typeof prompt === 'string'
        ? [prompt]
        : Array.isArray(prompt)
          ? prompt.filter((item): item is string => typeof item === 'string')
          : [];
    const generation = startGeneration(this.settings, this.model, {
      endpoint: 'text',
      model: body.model,
      prompt: texts.map((text) => this.model.messages.read(text)),
      read: readPrompt(texts),
      knobs: knobsOf(body.model),
      json: undefined,
      temperature: body.temperature,
      maxTokens: body.max_tokens,
      n: body.n,
      stop: body.stop,
      ignoreEos: body.ignore_eos,
      seed: body.seed,
    });
    return { generation, body };
  }
}
