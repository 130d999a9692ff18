import { type Model, type ModelChunk, ModelError, type ModelRequest } from '../engine/model.js';
import { attemptReply } from './attempt.js';
import { backoffDelay } from './backoff.js';
import { type Endpoint, type EndpointOptions, openEndpoint } from './endpoint.js';
import { formatMs } from './errors.js';

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

function withSuffix(error: ModelError, suffix: string): ModelError {
  return new ModelError(error.kind, `${error.message}${suffix}`, error.fatal, error.status);
}

function assertNever(value: never): never {
  throw new Error(`unexpected outcome ${JSON.stringify(value)}`);
}
