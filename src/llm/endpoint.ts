import OpenAI from 'openai';
import { type BackoffOptions, defaultBackoff } from './backoff.js';
import { type FailureContext, modelError } from './errors.js';
import { displayUrl } from './redact.js';

export interface EndpointOptions {
  /** Includes the version path, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8000/v1`. */
  readonly baseUrl: string;
  /** Never logged or shown. Empty for local servers that need none (no Authorization is sent). */
  readonly apiKey: string;
  /** The model used when a request names none. */
  readonly model: string;
  /** Longest wait for the response headers of one attempt; 0 waits without limit. */
  readonly timeoutMs: number;
  /** Longest silence of the reply stream (before the first token or between two); 0 disables. */
  readonly stallTimeoutMs: number;
  /** Further attempts after the first, made only while no text has arrived. */
  readonly retries: number;
  /** The endpoint's label in messages, e.g. 'openai'; the base URL is always shown too. */
  readonly name?: string | undefined;
  /** The environment variable named when the key is rejected; OPENAI_API_KEY by default. */
  readonly apiKeyEnv?: string | undefined;
  readonly backoff?: BackoffOptions | undefined;
  /** Jitter source in [0, 1); injectable so tests can pin delays. */
  readonly random?: (() => number) | undefined;
  /** Waits between attempts; must resolve (or reject) promptly when `signal` aborts. */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** Sends the HTTP requests; the endpoint's shared limits wrap the global fetch here. */
  readonly fetch?:
    | ((input: string | URL | Request, init?: RequestInit) => Promise<Response>)
    | undefined;
}

/** What an endpoint turned out to accept; learned from its 400s, kept for its later requests. */
export interface Dialect {
  /** Off for servers that reject `stream_options`; their usage is then estimated. */
  streamOptions: boolean;
  /** OpenAI's reasoning models take only `max_completion_tokens`. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /**
   * The strongest `response_format` it takes: servers without structured outputs reject
   * `json_schema` (some take `json_object`), and some reject the field altogether.
   */
  responseFormat: 'json_schema' | 'json_object' | 'none';
}

export interface Endpoint {
  readonly client: OpenAI;
  readonly options: EndpointOptions;
  /** The endpoint as shown to people: label and credential-free base URL. */
  readonly where: string;
  readonly backoff: BackoffOptions;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly dialect: Dialect;
}

// setTimeout fires at once for anything above this, so larger waits mean "no limit".
export const MAX_TIMER_MS = 2_147_483_647;

// The openai client insists on a key; local servers get this and no Authorization header.
const NO_KEY_PLACEHOLDER = 'no-key';

const silentLogger = { error() {}, warn() {}, info() {}, debug() {} };

/** One client, and so one keep-alive connection pool, per endpoint. */
export function openEndpoint(options: EndpointOptions): Endpoint {
  const where = options.name
    ? `${options.name} (${displayUrl(options.baseUrl)})`
    : displayUrl(options.baseUrl);
  checkBaseUrl(options, where);
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || NO_KEY_PLACEHOLDER,
    // Only the key we were given may travel; never an admin key or secret from the environment.
    adminAPIKey: null,
    webhookSecret: null,
    defaultHeaders: options.apiKey ? undefined : { Authorization: null },
    timeout: timerMs(options.timeoutMs),
    // We retry ourselves so that every retry is visible as an event.
    maxRetries: 0,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    // OPENAI_LOG=debug would print requests into the terminal UI; we report through errors.
    logLevel: 'off',
    logger: silentLogger,
  });
  return {
    client,
    options,
    where,
    backoff: options.backoff ?? defaultBackoff,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleepUnlessAborted,
    dialect: { streamOptions: true, maxTokensField: 'max_tokens', responseFormat: 'json_schema' },
  };
}

function checkBaseUrl(options: EndpointOptions, where: string): void {
  const label = options.name ? `endpoint '${options.name}'` : 'the endpoint';
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw modelError(
      'bad-request',
      `the base URL of ${label} is not an http(s) URL — expected something like http://127.0.0.1:8000/v1`,
      true,
      options.apiKey,
    );
  }
  if (url.username || url.password) {
    // fetch refuses such URLs, and a key there would end up in messages.
    throw modelError(
      'bad-request',
      `the base URL of ${label} (${where}) contains credentials — remove them and put the key in the endpoint's key variable`,
      true,
      options.apiKey,
    );
  }
}

/** A timeout setting as a timer delay: 0 (or anything unusable) means no limit. */
export function timerMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TIMER_MS) : MAX_TIMER_MS;
}

export function failureContext(
  endpoint: Endpoint,
  model: string,
  operation: FailureContext['operation'],
): FailureContext {
  return {
    where: endpoint.where,
    apiKey: endpoint.options.apiKey,
    apiKeyEnv: endpoint.options.apiKeyEnv ?? 'OPENAI_API_KEY',
    model,
    operation,
    timeoutMs: endpoint.options.timeoutMs,
  };
}

export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
