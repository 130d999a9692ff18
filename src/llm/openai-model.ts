import type OpenAI from 'openai';
import {
  type Model,
  type ModelChunk,
  ModelError,
  type ModelRequest,
  type Usage,
} from '../engine/model.js';
import { estimatePromptTokens, estimateTokens } from '../engine/usage.js';
import { backoffDelay } from './backoff.js';
import {
  type Endpoint,
  type EndpointOptions,
  failureContext,
  openEndpoint,
  timerMs,
} from './endpoint.js';
import { classifyFailure, type Failure, formatMs, modelError } from './errors.js';

export type { EndpointOptions } from './endpoint.js';
export { type ListModelsOptions, listModels } from './list-models.js';

/**
 * The longest Retry-After we sit out. A server asking for more (a daily quota, maintenance) is
 * answered with an error at once rather than a discussion that silently hangs for an hour.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * A `Model` over any OpenAI-compatible chat completions endpoint. One client (and so one
 * keep-alive connection pool) serves every request to the endpoint. Throws a fatal ModelError
 * at once for a base URL that is not http(s) or that carries credentials.
 */
export function createOpenAIModel(options: EndpointOptions): Model {
  const endpoint = openEndpoint(options);
  return (request, signal) => streamReply(endpoint, request, signal);
}

type Outcome =
  | { readonly type: 'done'; readonly usage: Usage }
  | { readonly type: 'aborted' }
  | { readonly type: 'failed'; readonly failure: Failure };

async function* streamReply(
  endpoint: Endpoint,
  request: ModelRequest,
  signal: AbortSignal,
): AsyncGenerator<ModelChunk, void, undefined> {
  const model = request.model ?? endpoint.options.model;
  let attempts = 0;
  while (!signal.aborted) {
    attempts += 1;
    const outcome = yield* attemptReply(endpoint, request, model, signal);
    switch (outcome.type) {
      case 'done':
        yield { type: 'usage', usage: outcome.usage };
        return;
      case 'aborted':
        return;
      case 'failed': {
        const { error, retry } = outcome.failure;
        if (adaptDialect(endpoint, error)) {
          // The server told us which field it wants: ask again at once. Negotiation, not a retry.
          attempts -= 1;
          continue;
        }
        if (!retry) throw error;
        if (attempts > endpoint.options.retries) {
          throw attempts === 1 ? error : withSuffix(error, ` (gave up after ${attempts} attempts)`);
        }
        if (retry.afterMs !== undefined && retry.afterMs > MAX_RETRY_AFTER_MS) {
          throw withSuffix(
            error,
            `; it asks to wait ${formatMs(retry.afterMs)}, longer than the ${formatMs(MAX_RETRY_AFTER_MS)} roundtable waits — try again later`,
          );
        }
        const delayMs = retry.afterMs ?? backoffDelay(attempts, endpoint.backoff, endpoint.random);
        yield { type: 'retry', attempt: attempts, delayMs, reason: error.message };
        try {
          await endpoint.sleep(delayMs, signal);
        } catch (sleepError) {
          if (!signal.aborted) throw sleepError;
        }
        break;
      }
      default:
        return assertNever(outcome);
    }
  }
}

/**
 * One HTTP request. Yields text as it arrives; once any text is out, nothing can be retried
 * (the listener already heard it), so every later failure ends the reply with what arrived.
 */
async function* attemptReply(
  endpoint: Endpoint,
  request: ModelRequest,
  model: string,
  signal: AbortSignal,
): AsyncGenerator<ModelChunk, Outcome, undefined> {
  const context = failureContext(endpoint, model, 'chat');
  const failed = (error: unknown): Outcome => ({
    type: 'failed',
    failure: classifyFailure(error, context),
  });
  const controller = new AbortController();
  const forwardAbort = () => controller.abort();
  signal.addEventListener('abort', forwardAbort, { once: true });

  const stallMs = endpoint.options.stallTimeoutMs;
  let stalled = false;
  let stallTimer: NodeJS.Timeout | undefined;
  const disarm = () => clearTimeout(stallTimer);
  const arm = () => {
    disarm();
    if (!(stallMs > 0)) return;
    stallTimer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, timerMs(stallMs));
  };

  let text = '';
  let finishReason: string | undefined;
  let serverUsage: OpenAI.CompletionUsage | undefined;
  let streamEnded = false;
  try {
    let stream: AsyncIterable<OpenAI.ChatCompletionChunk>;
    try {
      stream = await endpoint.client.chat.completions.create(
        requestBody(endpoint, request, model),
        {
          signal: controller.signal,
          maxRetries: 0,
        },
      );
    } catch (error) {
      return signal.aborted ? { type: 'aborted' } : failed(error);
    }

    try {
      arm();
      for await (const chunk of stream) {
        // The clock measures the server, not how fast our consumer pulls.
        disarm();
        if (chunk.usage) serverUsage = chunk.usage;
        const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          yield { type: 'text', text: delta };
        }
        arm();
      }
      streamEnded = true;
    } catch (error) {
      // The openai stream ends quietly when aborted, but a read racing the abort can throw.
      if (signal.aborted) return { type: 'aborted' };
      if (text === '' && !stalled) return failed(error);
    } finally {
      disarm();
    }

    if (signal.aborted) return { type: 'aborted' };
    if (text === '' && stalled) {
      return retryable(
        modelError(
          'timeout',
          `no token from ${endpoint.where} for ${formatMs(stallMs)} (stall timeout)`,
          false,
          endpoint.options.apiKey,
        ),
      );
    }
    if (text === '' && finishReason === undefined) {
      return retryable(
        modelError(
          'protocol',
          `the reply stream from ${endpoint.where} ended without text and without a finish_reason`,
          false,
          endpoint.options.apiKey,
        ),
      );
    }
    return { type: 'done', usage: usageOf(serverUsage, request, text) };
  } finally {
    disarm();
    signal.removeEventListener('abort', forwardAbort);
    // Leaving early (consumer stopped, stall, error) must not leave the request running.
    if (!streamEnded) controller.abort();
  }
}

function requestBody(
  endpoint: Endpoint,
  request: ModelRequest,
  model: string,
): OpenAI.ChatCompletionCreateParamsStreaming {
  const { dialect } = endpoint;
  return {
    model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    temperature: request.temperature,
    [dialect.maxTokensField]: request.maxTokens,
    stream: true,
    ...(dialect.streamOptions ? { stream_options: { include_usage: true } } : {}),
    ...responseFormatField(request.responseFormat, dialect.responseFormat),
  };
}

/** `response_format` as far as the endpoint takes it: a schema may fall back to plain JSON mode. */
function responseFormatField(
  format: ModelRequest['responseFormat'],
  accepted: Endpoint['dialect']['responseFormat'],
): Pick<OpenAI.ChatCompletionCreateParamsStreaming, 'response_format'> {
  if (format === undefined || accepted === 'none') return {};
  if (format.type === 'json_object' || accepted === 'json_object') {
    return { response_format: { type: 'json_object' } };
  }
  return {
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: format.name,
        schema: { ...format.schema },
        ...(format.strict === undefined ? {} : { strict: format.strict }),
      },
    },
  };
}

/**
 * Learns from a 400 that names a field we sent: older servers (early vLLM, llama.cpp builds)
 * reject `stream_options`; OpenAI's reasoning models reject `max_tokens` and ask for
 * `max_completion_tokens`. True when the dialect changed and the request is worth repeating.
 */
function adaptDialect(endpoint: Endpoint, error: ModelError): boolean {
  if (error.kind !== 'bad-request') return false;
  const { dialect } = endpoint;
  if (dialect.streamOptions && /stream_options|include_usage/i.test(error.message)) {
    dialect.streamOptions = false;
    return true;
  }
  if (dialect.maxTokensField === 'max_tokens' && /max_completion_tokens/.test(error.message)) {
    dialect.maxTokensField = 'max_completion_tokens';
    return true;
  }
  if (
    dialect.responseFormat !== 'none' &&
    /response_format|json_schema|json_object/i.test(error.message)
  ) {
    // The request asks for its JSON in words too, and the engine validates what comes back.
    dialect.responseFormat = dialect.responseFormat === 'json_schema' ? 'json_object' : 'none';
    return true;
  }
  return false;
}

function usageOf(
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

function retryable(error: ModelError): Outcome {
  return { type: 'failed', failure: { error, retry: {} } };
}

function withSuffix(error: ModelError, suffix: string): ModelError {
  return new ModelError(error.kind, `${error.message}${suffix}`, error.fatal, error.status);
}

function assertNever(value: never): never {
  throw new Error(`unexpected outcome ${JSON.stringify(value)}`);
}
