import { failureContext, openEndpoint } from './endpoint.js';
import { classifyFailure, modelError } from './errors.js';

export interface ListModelsOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly name?: string | undefined;
  readonly apiKeyEnv?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The model ids the endpoint lists (GET /models): a reachability and key check that spends no
 * tokens. One attempt, no retries: `validate` wants a quick answer. Failures are ModelErrors
 * with the same messages as a chat request's.
 */
export async function listModels(options: ListModelsOptions): Promise<string[]> {
  const endpoint = openEndpoint({ ...options, model: '', stallTimeoutMs: 0, retries: 0 });
  const ids: string[] = [];
  try {
    const page = endpoint.client.models.list({
      signal: options.signal ?? null,
      maxRetries: 0,
    });
    for await (const model of page) ids.push(model.id);
    return ids;
  } catch (error) {
    if (options.signal?.aborted) {
      throw modelError(
        'unknown',
        `listing the models of ${endpoint.where} was cancelled`,
        false,
        options.apiKey,
      );
    }
    throw classifyFailure(error, failureContext(endpoint, '', 'models')).error;
  }
}
