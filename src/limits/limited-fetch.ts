import { estimatePromptTokens } from '../engine/usage.js';
import { retryAfterMs } from '../llm/backoff.js';
import type { Limiter, Permit } from './limiter.js';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** How long everyone waits after a 429 that does not say (the client's own retry waits too). */
export const DEFAULT_429_PAUSE_MS = 1_000;

/**
 * A fetch that asks the endpoint's limiter before each request and holds its permit until the
 * reply body has been read to the end (or cancelled, or failed), so a streaming reply counts as
 * in flight for as long as it streams. A 429 pauses the endpoint for everyone sharing the
 * limiter, for as long as the server asked.
 */
export function limitedFetch(limiter: Limiter, inner: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const permit = await limiter.acquire(requestTokens(init?.body), init?.signal ?? undefined);
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      permit.release();
      throw error;
    }
    if (response.status === 429) {
      limiter.pause(retryAfterMs(response.headers) ?? DEFAULT_429_PAUSE_MS);
    }
    if (response.body === null) {
      permit.release();
      return response;
    }
    return withBodyReleasing(response, permit);
  };
}

function withBodyReleasing(response: Response, held: Permit): Response {
  let released = false;
  const permit = {
    release: () => {
      if (released) return;
      released = true;
      held.release();
    },
  };
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          permit.release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        permit.release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      permit.release();
      await reader.cancel(reason);
    },
  });
  const wrapped = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(wrapped, 'url', { value: response.url });
  return wrapped;
}

/** What a chat request costs against a tokens-per-minute limit: prompt estimate + reply budget. */
export function requestTokens(body: unknown): number {
  if (typeof body !== 'string') return 0;
  try {
    const parsed = JSON.parse(body) as {
      messages?: { content?: unknown }[];
      max_tokens?: unknown;
      max_completion_tokens?: unknown;
    };
    const messages = Array.isArray(parsed.messages)
      ? parsed.messages.map((m) => ({
          role: 'user' as const,
          content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''),
        }))
      : [];
    const budget = Number(parsed.max_tokens ?? parsed.max_completion_tokens ?? 0);
    return (
      (messages.length > 0 ? estimatePromptTokens(messages) : 0) +
      (Number.isFinite(budget) ? budget : 0)
    );
  } catch {
    return 0;
  }
}
