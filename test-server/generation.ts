import { randomUUID } from 'node:crypto';
import type { Task } from './after-reply.js';
import type { JsonFormat } from './json/json-reply.js';
import type { ViewTrail } from './model/chain/conversation-cache.js';
import type { Knobs } from './model/knobs.js';
import type { MarkovModel } from './model/markov-model.js';
import type { PromptFacts } from './model/message-memo.js';
import type { ReadRequest } from './model/read-request.js';
import { seatKey } from './model/seat-material.js';
import type { ResolvedOptions } from './options.js';
import { randomFrom } from './prng.js';

import { type FinishReason, ReplyWriter } from './reply.js';

export type Endpoint = 'chat' | 'text';

/** What both endpoints need from a validated request. */
export interface GenerationRequest {
  readonly endpoint: Endpoint;
  readonly model: string;
  /**
   * The prompt's texts in order (message contents, or the completion prompt), as the model's
   * memo read them: for usage and the seed.
   */
  readonly prompt: PromptFacts;
  /** The prompt as read into its parts. */
  readonly read: ReadRequest;
  readonly knobs: Knobs;
  /** A structured answer (response_format), checked already; undefined for text. */
  readonly json: JsonFormat | undefined;
  readonly temperature: number | null | undefined;
  readonly maxTokens: number | null | undefined;
  readonly n: number | null | undefined;
  readonly stop: string | readonly string[] | null | undefined;
  readonly ignoreEos: boolean | null | undefined;
  /** The request's own `seed` field (OpenAI's), mixed in with the server's. */
  readonly seed: number | null | undefined;
  /** The way from the seat's previous request to this one's view (see ConversationCache.view). */
  readonly trail?: ViewTrail | undefined;
}

export interface Generation {
  readonly id: string;
  readonly endpoint: Endpoint;
  readonly created: number;
  readonly model: string;
  readonly promptTokens: number;
  /** One per choice (`n`). */
  readonly writers: readonly ReplyWriter[];
}

const PROCESS_SEED = randomUUID();

/** OpenAI's defaults: temperature 1; legacy completions stop at 16 tokens unless told otherwise. */
const DEFAULT_TEMPERATURE = 1;
const DEFAULT_TEXT_MAX_TOKENS = 16;
/**
 * A reply that runs on (ignore_eos, or the ramble knob) with no max_tokens needs some end: a
 * typical model's output cap.
 */
const DEFAULT_RUN_ON_MAX_TOKENS = 4096;

export function startGeneration(
  options: ResolvedOptions,
  model: MarkovModel,
  /** Runs what the reply does not wait for (see after-reply.ts). */
  defer: (task: Task) => void,
  request: GenerationRequest,
): Generation {
  const temperature = request.temperature ?? DEFAULT_TEMPERATURE;
  const ignoreEos = request.ignoreEos ?? options.ignoreEos;
  const maxTokens =
    request.maxTokens ??
    (request.endpoint === 'text'
      ? DEFAULT_TEXT_MAX_TOKENS
      : ignoreEos
        ? DEFAULT_RUN_ON_MAX_TOKENS
        : Number.POSITIVE_INFINITY);
  const stop =
    request.stop === null || request.stop === undefined
      ? []
      : (typeof request.stop === 'string' ? [request.stop] : request.stop).filter((s) => s !== '');

  const { facts, tokens: promptTokens } = request.prompt;
  const prepared = model.prepare(request.read, request.trail);
  // Without a server seed, a request's own `seed` makes it reproducible as OpenAI's does; and
  // greedy decoding needs no randomness, so temperature 0 is reproducible anyway.
  const seed = options.seed ?? request.seed ?? (temperature === 0 ? 'greedy' : randomUUID());
  const n = request.n ?? 1;
  // What decides a reply besides the server seed: the prompt and the effective sampling settings
  // (defaults applied, so sending `temperature: 1` or leaving it out is the same request), but
  // not `stream` or `stream_options`, so a streamed reply is the same text as a non-streamed one
  // (clients and tests compare the two), nor the model name (its knobs are in the settings).
  const digest = model.digests.digest(facts, [
    request.endpoint,
    temperature,
    maxTokens,
    n,
    stop,
    ignoreEos,
    request.seed ?? null,
    request.knobs,
    request.json ?? null,
  ]);
  // The pools of sentences a state keeps are seeded like the reply, but by the seed alone (not
  // the request): requests that share a state share them. Unseeded, a process has one seed.
  const poolSeed = String(
    options.seed ?? request.seed ?? (temperature === 0 ? 'greedy' : PROCESS_SEED),
  );
  const writers: ReplyWriter[] = [];
  for (let index = 0; index < n; index++) {
    const random = randomFrom(`${seed}\u0000${digest}\u0000${index}`);
    const reply = model.reply(
      prepared,
      request.knobs,
      temperature,
      random,
      request.json,
      poolSeed,
      maxTokens,
    );
    // A ramble decides per reply whether it runs on: only one that does gets the cap (without
    // it a chat reply with no max_tokens streamed for ever; the others are unchanged).
    const cap = reply.runsOn && maxTokens === Number.POSITIVE_INFINITY;
    writers.push(
      new ReplyWriter(reply, {
        maxTokens: cap ? DEFAULT_RUN_ON_MAX_TOKENS : maxTokens,
        ignoreEos,
        stop,
      }),
    );
  }
  // Composing grew the seat's material (its sentence banks, its mix's memo): the seat cache
  // measures it again, so that its bound holds what the seats hold now.
  // (After the reply: the next request flushes it first; see after-reply.ts.)
  defer(() => model.seats.set(seatKey(request.read), prepared.seat));
  const prefix = request.endpoint === 'chat' ? 'chatcmpl-' : 'cmpl-';
  return {
    id: `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    endpoint: request.endpoint,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    promptTokens,
    writers,
  };
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export function usageOf(generation: Generation): Usage {
  let completion = 0;
  for (const writer of generation.writers) completion += writer.tokens;
  return {
    prompt_tokens: generation.promptTokens,
    completion_tokens: completion,
    total_tokens: generation.promptTokens + completion,
  };
}

const FINGERPRINT = 'fp_markov';

/** The non-streamed response: a chat.completion or a text_completion object. */
export function completionBody(generation: Generation, texts: readonly string[]): object {
  const finish = (index: number): FinishReason => generation.writers[index]?.finishReason ?? 'stop';
  const base = {
    id: generation.id,
    created: generation.created,
    model: generation.model,
    system_fingerprint: FINGERPRINT,
  };
  if (generation.endpoint === 'chat') {
    return {
      ...base,
      object: 'chat.completion',
      choices: texts.map((content, index) => ({
        index,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: finish(index),
      })),
      usage: usageOf(generation),
    };
  }
  return {
    ...base,
    object: 'text_completion',
    choices: texts.map((text, index) => ({
      text,
      index,
      logprobs: null,
      finish_reason: finish(index),
    })),
    usage: usageOf(generation),
  };
}

/**
 * Stream chunks, pre-serialized around the one part that changes: a 20,000-token stream would
 * otherwise spend most of its time in JSON.stringify.
 */
export class ChunkFormat {
  private readonly head: string;
  private readonly object: string;

  constructor(private readonly generation: Generation) {
    this.object = generation.endpoint === 'chat' ? 'chat.completion.chunk' : 'text_completion';
    this.head = `data: {"id":"${generation.id}","object":"${this.object}","created":${generation.created},"model":${JSON.stringify(generation.model)},"system_fingerprint":"${FINGERPRINT}","choices":[`;
  }

  /** The chat stream's first chunk for a choice: the role, with empty content. */
  role(index: number): string {
    return `${this.head}{"index":${index},"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`;
  }

  content(index: number, piece: string): string {
    const text = JSON.stringify(piece);
    return this.generation.endpoint === 'chat'
      ? `${this.head}{"index":${index},"delta":{"content":${text}},"logprobs":null,"finish_reason":null}]}\n\n`
      : `${this.head}{"text":${text},"index":${index},"logprobs":null,"finish_reason":null}]}\n\n`;
  }

  finish(index: number, reason: FinishReason): string {
    return this.generation.endpoint === 'chat'
      ? `${this.head}{"index":${index},"delta":{},"logprobs":null,"finish_reason":"${reason}"}]}\n\n`
      : `${this.head}{"text":"","index":${index},"logprobs":null,"finish_reason":"${reason}"}]}\n\n`;
  }

  /** The usage chunk of stream_options.include_usage: no choices, just the counts. */
  usage(): string {
    return `${this.head}],"usage":${JSON.stringify(usageOf(this.generation))}}\n\n`;
  }
}

export const DONE = 'data: [DONE]\n\n';
