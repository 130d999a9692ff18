// From a request body to a Generation, with no socket in sight: the HTTP routes call these, and
// so does the offline model adapter that runs without HTTP (src/llm/offline-model.ts), so the
// two cannot drift. Bad input throws an ApiError (OpenAI's 400 shape).
import { runNow, type Task } from './after-reply.js';
import { type Generation, startGeneration } from './generation.js';
import { jsonFormatOf } from './json/json-reply.js';
import type { ViewTrail } from './model/chain/conversation-cache.js';
import { knobsOf } from './model/knobs.js';
import { MarkovModel } from './model/markov-model.js';
import { type MessageReading, promptFacts } from './model/message-memo.js';
import {
  type ChatReading,
  type MessageInput,
  readChatOn,
  readChatWhole,
  readPrompt,
} from './model/read-request.js';
import { type Carried, factsOn, ReadRequestRecord } from './model/request-memo.js';
import { type DummyServerOptions, type ResolvedOptions, resolveOptions } from './options.js';
import {
  type ChatMessageInput,
  type ChatRequest,
  type CompletionRequest,
  completionRequestSchema,
  messageText,
} from './schemas.js';
import { consistent, validate, validateChat } from './validate.js';

/** Where a request's bookkeeping runs: after its reply (see after-reply.ts), or at once. */
export interface Later {
  readonly defer: (task: Task) => void;
  /** Runs what earlier requests left, before a request is read. */
  readonly flush: () => void;
}

const AT_ONCE: Later = { defer: runNow, flush: () => {} };

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

  constructor(
    readonly settings: ResolvedOptions,
    private readonly later: Later = AT_ONCE,
  ) {
    this.model = new MarkovModel({
      contextWords: this.settings.contextWords,
      cacheBytes: this.settings.cacheBytes,
      defer: this.later.defer,
    });
  }

  /** POST /v1/chat/completions: `body` as the openai client sends it. */
  chat(raw: unknown): Generated<ChatRequest> {
    this.later.flush();
    const body = consistent(validateChat(raw));
    const inputs = (raw as { readonly messages: readonly unknown[] }).messages;
    const { messages } = body;
    const first = messages.length > 0 ? this.readingOf(messages, inputs, 0) : undefined;
    // The seat's last request, when this one repeats its first messages: what was read of them
    // is taken as it was, and only the messages after them are read.
    const found =
      first === undefined
        ? undefined
        : this.model.requests.find(first, messages, (message) =>
            messageText(message as ChatMessageInput),
          );
    const kept = found?.kept ?? 0;
    const readings: MessageReading[] =
      found === undefined ? [] : found.record.readings.slice(0, kept);
    const roles: string[] = found === undefined ? [] : found.record.roles.slice(0, kept);
    for (let i = kept; i < messages.length; i++) {
      readings.push(this.readingOf(messages, inputs, i));
      roles.push((messages[i] as ChatMessageInput).role);
    }
    const inputOf = (i: number): MessageInput => {
      const reading = readings[i] as MessageReading;
      return { role: roles[i] as string, text: reading.text, reading };
    };
    let carried: Carried | undefined = found;
    let reading: ChatReading | undefined;
    if (found !== undefined) {
      const added: MessageInput[] = [];
      for (let i = kept; i < messages.length; i++) added.push(inputOf(i));
      reading = readChatOn(found.record.reading, kept, added);
    }
    if (reading === undefined) {
      carried = undefined;
      reading = readChatWhole(messages.map((_, i) => inputOf(i)));
      this.model.requests.stats.whole++;
    } else {
      this.model.requests.stats.carried++;
      this.model.requests.stats.keptMessages += kept;
    }
    const { prompt, tokensBefore } = factsOn(carried, readings);
    const trail: ViewTrail = {
      from: undefined,
      same: 0,
      made: undefined,
      defer: this.later.defer,
    };
    if (carried !== undefined) {
      const previous = carried.record;
      trail.from = previous.view;
      // The turns of the messages both hold, short of either's ask.
      trail.same = Math.min(
        reading.unitsBefore[carried.kept] as number,
        previous.reading.read.units.length,
        reading.read.units.length,
      );
    }
    const generation = startGeneration(this.settings, this.model, this.later.defer, {
      endpoint: 'chat',
      model: body.model,
      prompt,
      read: reading.read,
      knobs: knobsOf(body.model),
      json: jsonFormatOf(body.response_format),
      temperature: body.temperature,
      maxTokens: body.max_completion_tokens ?? body.max_tokens,
      n: body.n,
      stop: body.stop,
      ignoreEos: body.ignore_eos,
      seed: body.seed,
      trail,
    });
    // Kept for the seat's next request, which flushes it first if it comes before then.
    if (first !== undefined) {
      const read = reading;
      this.later.defer(() => {
        const record = new ReadRequestRecord(
          messages,
          roles,
          readings,
          prompt.facts,
          tokensBefore,
          read,
          carried,
        );
        record.view = trail.made;
        this.model.requests.keep(first, record, carried);
      });
    }
    return { generation, body };
  }

  /**
   * A message's reading. A message the server's body memo gave before is the same object
   * (JsonBodyMemo): its reading is found by it, without looking its text up.
   */
  private readingOf(
    messages: readonly ChatMessageInput[],
    inputs: readonly unknown[],
    i: number,
  ): MessageReading {
    const message = messages[i] as ChatMessageInput;
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
  }

  /** POST /v1/completions. */
  completion(raw: unknown): Generated<CompletionRequest> {
    this.later.flush();
    const body = consistent(validate(completionRequestSchema(), raw));
    const prompt = body.prompt;
    // Token-id prompts carry no words for the chain: the built-in talk answers them.
    const texts =
      typeof prompt === 'string'
        ? [prompt]
        : Array.isArray(prompt)
          ? prompt.filter((item): item is string => typeof item === 'string')
          : [];
    const generation = startGeneration(this.settings, this.model, this.later.defer, {
      endpoint: 'text',
      model: body.model,
      prompt: promptFacts(texts.map((text) => this.model.messages.read(text))),
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
