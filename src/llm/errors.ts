import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { ModelError, type ModelErrorKind } from '../engine/model.js';
import { retryAfterMs } from './backoff.js';
import { redactSecrets } from './redact.js';

/** What the adapter knows when it explains a failure; `where` is already safe to show. */
export interface FailureContext {
  /** The endpoint as shown to people: label and credential-free base URL. */
  readonly where: string;
  readonly apiKey: string;
  /** Environment variable that holds the key, for the hint on a rejected key. */
  readonly apiKeyEnv: string;
  readonly model: string;
  readonly operation: 'chat' | 'models';
  readonly timeoutMs: number;
}

export interface Failure {
  readonly error: ModelError;
  /** Present when another attempt may succeed; `afterMs` is the server's own Retry-After. */
  readonly retry?: { readonly afterMs?: number | undefined } | undefined;
}

const MAX_DETAIL = 300;

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** A ModelError whose message has been through redaction, whatever went into it. */
export function modelError(
  kind: ModelErrorKind,
  message: string,
  fatal: boolean,
  apiKey: string,
  status?: number,
): ModelError {
  return new ModelError(kind, redactSecrets(message, apiKey), fatal, status);
}

/** Maps anything the openai client throws to a ModelError that says what to do. */
export function classifyFailure(error: unknown, ctx: FailureContext): Failure {
  const { where, apiKey } = ctx;
  const make = (kind: ModelErrorKind, message: string, fatal: boolean, status?: number) =>
    modelError(kind, message, fatal, apiKey, status);

  // Subclass first: a timeout is also a connection error.
  if (error instanceof APIConnectionTimeoutError) {
    return {
      error: make(
        'timeout',
        `no response from ${where} within ${formatMs(ctx.timeoutMs)} (request timeout) — the server may be overloaded or the model still loading; raise the request timeout if it is just slow`,
        false,
      ),
      retry: {},
    };
  }
  if (error instanceof APIConnectionError) {
    return { error: make('connection', connectionMessage(error, where), false), retry: {} };
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return {
      error: make(
        'auth',
        `${where} rejected the API key (HTTP ${error.status}) — set ${ctx.apiKeyEnv} to a valid key for this endpoint${said(error)}`,
        true,
        error.status,
      ),
    };
  }
  if (error instanceof NotFoundError) {
    const what =
      ctx.operation === 'chat'
        ? `model '${ctx.model}' was not found at ${where}`
        : `${where} has no model list (GET /models)`;
    return {
      error: make(
        'not-found',
        `${what} (HTTP 404) — check the model name (GET /models lists them) and that the base URL is right (it usually ends in /v1)${said(error)}`,
        true,
        404,
      ),
    };
  }
  if (error instanceof RateLimitError) {
    if (errorCode(error) === 'insufficient_quota') {
      return {
        error: make(
          'rate-limit',
          `${where} says the account's quota is used up (HTTP 429) — check the plan and billing for this key${said(error)}`,
          true,
          429,
        ),
      };
    }
    return {
      error: make(
        'rate-limit',
        `${where} is rate limiting requests (HTTP 429)${said(error)}`,
        false,
        429,
      ),
      retry: { afterMs: retryAfterMs(error.headers) },
    };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status >= 500) {
      return {
        error: make(
          'server',
          `${where} failed with HTTP ${status}${detail(error, ': ')}`,
          false,
          status,
        ),
        retry: { afterMs: retryAfterMs(error.headers) },
      };
    }
    if (status === 408) {
      return {
        error: make(
          'timeout',
          `${where} timed out the request (HTTP 408)${said(error)}`,
          false,
          status,
        ),
        retry: { afterMs: retryAfterMs(error.headers) },
      };
    }
    return {
      error: make(
        'bad-request',
        `${where} rejected the request (HTTP ${status}) — check the settings sent to this model (max_tokens, temperature, context length)${said(error)}`,
        true,
        status,
      ),
    };
  }
  if (error instanceof APIError) {
    // A status-less APIError is an error event inside an SSE stream that had already begun.
    return {
      error: make(
        'server',
        `${where} sent an error in the reply stream${detail(error, ': ')}`,
        false,
      ),
      retry: {},
    };
  }
  if (error instanceof SyntaxError) {
    return {
      error: make('protocol', `${where} sent a malformed reply stream (${error.message})`, false),
      retry: {},
    };
  }
  // What is left is the transport failing under a stream that had begun ("terminated",
  // "other side closed"), or something unexpected that the next turn may not hit.
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError) {
    return {
      error: make(
        'connection',
        `the connection to ${where} broke before any text arrived (${message})`,
        false,
      ),
      retry: {},
    };
  }
  return { error: make('unknown', `request to ${where} failed: ${message}`, false) };
}

function connectionMessage(error: APIConnectionError, where: string): string {
  const code = findCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `could not connect to ${where} (connection refused) — is the server running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve the host of ${where} (${code}) — check the base URL and the network`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection to ${where} was closed by the server (${code})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${where} timed out (${code}) — is the host reachable?`;
    case undefined:
      return `could not connect to ${where} (${error.message}) — is the server running?`;
    default:
      return `could not connect to ${where} (${code}) — is the server running and the URL right?`;
  }
}

/** The system error code somewhere down a fetch failure's cause chain (undici nests them). */
function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  const fromCause = findCode(record.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = findCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return undefined;
}

function errorCode(error: APIError): string | undefined {
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * The server's own explanation, after ours and outside any parentheses: it often ends in a URL
 * ("…find your API key at https://…/api-keys."), which a terminal would otherwise make a link of
 * with our closing parenthesis stuck to it.
 */
function said(error: APIError): string {
  return detail(error, '; the server said: ');
}

/** The server's own explanation, short, prefixed for splicing after "HTTP 500". */
function detail(error: APIError, prefix = ': '): string {
  const body = error.error as { message?: unknown } | undefined;
  let text: string | undefined;
  if (body && typeof body.message === 'string') text = body.message;
  else if (body !== undefined) text = JSON.stringify(body);
  if (!text) return '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `${prefix}${oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL)}…` : oneLine}`;
}
