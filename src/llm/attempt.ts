// One HTTP request of a reply: sends it, reads the event stream, and says how it ended. Before
// the first text a failure can be retried; after it, nothing can (the listener already heard the
// start), so the reply ends with what arrived and is marked cut off, with the reason. A reply is
// bounded three ways: `stallTimeout` (silence), `timeout` (the whole reply, start to last token)
// and its token budget (max_tokens with a margin), so an endless stream cannot hold a turn.
import type { ModelChunk, ModelError, ModelRequest, Usage } from '../engine/model.js';
import { estimateTokens } from '../engine/usage.js';
import { chatRequestBody } from './chat-request.js';
import { type Endpoint, failureContext, timerMs } from './endpoint.js';
import { classifyFailure, type Failure, formatMs, modelError } from './errors.js';
import { type Progress, parseEvent, take, usageOf } from './reply-events.js';
import { sseData } from './sse.js';

export type Outcome =
  | { readonly type: 'done'; readonly usage: Usage }
  | { readonly type: 'aborted' }
  | { readonly type: 'failed'; readonly failure: Failure };

/**
 * The most a reply may run past its max_tokens, in estimated tokens (four characters each), before
 * it is cut: twice the budget and a little, since our estimate and the server's tokenizer differ
 * and a cut of a reply the server would have ended is worse than a few hundred tokens too many.
 */
export function tokenCeiling(maxTokens: number): number {
  return 2 * maxTokens + 32;
}

/** Why reading stopped early, when it did. */
type Stop = 'stall' | 'timeout' | 'budget';

export async function* attemptReply(
  endpoint: Endpoint,
  request: ModelRequest,
  model: string,
  signal: AbortSignal,
): AsyncGenerator<ModelChunk, Outcome, undefined> {
  const { where, options } = endpoint;
  const context = failureContext(endpoint, model, 'chat');
  const failed = (error: unknown): Outcome => ({
    type: 'failed',
    failure: classifyFailure(error, context),
  });
  const retryable = (kind: ModelError['kind'], message: string): Outcome => ({
    type: 'failed',
    failure: { error: modelError(kind, message, false, options.apiKey), retry: {} },
  });
  const controller = new AbortController();
  let stop: Stop | undefined;
  const halt = (why: Stop) => {
    stop ??= why;
    controller.abort();
  };
  const forwardAbort = () => controller.abort();
  signal.addEventListener('abort', forwardAbort, { once: true });
  // The whole reply, from the request to its last token, not only the wait for its headers.
  const deadline = setTimeout(() => halt('timeout'), timerMs(options.timeoutMs));
  let stallTimer: NodeJS.Timeout | undefined;
  const disarm = () => clearTimeout(stallTimer);
  const arm = () => {
    disarm();
    if (options.stallTimeoutMs > 0) {
      stallTimer = setTimeout(() => halt('stall'), timerMs(options.stallTimeoutMs));
    }
  };
  const progress: Progress = {
    text: '',
    finishReason: undefined,
    usage: undefined,
    cutOff: undefined,
  };
  const ceiling = tokenCeiling(request.maxTokens);
  let finished = false;
  try {
    let response: Response;
    try {
      response = await endpoint.client.chat.completions
        .create(chatRequestBody(endpoint, request, model), {
          signal: controller.signal,
          maxRetries: 0,
        })
        .asResponse();
    } catch (error) {
      if (signal.aborted) return { type: 'aborted' };
      if (stop === 'timeout') {
        return retryable(
          'timeout',
          `no response from ${where} within ${formatMs(options.timeoutMs)} (request timeout) — the server may be overloaded or the model still loading; raise the timeout setting if it is just slow`,
        );
      }
      return failed(error);
    }
    if (response.body === null) return retryable('protocol', `${where} sent no reply stream`);
    try {
      arm();
      for await (const data of sseData(response.body)) {
        // The clock measures the server, not how fast our consumer pulls.
        disarm();
        if (data === '[DONE]') break;
        const event = parseEvent(data);
        if (event.type === 'malformed') {
          // Before any text, a fresh request is cleaner; after it, the text that follows is kept.
          if (progress.text === '')
            return retryable('protocol', `${where} sent a malformed reply stream (${event.why})`);
          if (progress.finishReason === undefined) {
            progress.cutOff ??= `${where} sent a malformed event in the reply stream`;
          }
        } else if (event.type === 'error') {
          if (progress.text === '')
            return retryable(
              'server',
              `${where} sent an error in the reply stream: ${event.message}`,
            );
          if (progress.finishReason === undefined) {
            progress.cutOff ??= `${where} sent an error in the reply stream: ${event.message}`;
          }
          break;
        } else {
          const delta = take(event.chunk, progress);
          if (delta !== '') {
            progress.text += delta;
            yield { type: 'text', text: delta };
            if (estimateTokens(progress.text) > ceiling && progress.finishReason === undefined) {
              halt('budget');
              break;
            }
          }
        }
        arm();
      }
      finished = stop === undefined;
      // Nothing after [DONE] is read; letting the body go ends the request for whoever holds it
      // open (an endpoint's concurrency permit is released when its body ends or is cancelled).
      await response.body.cancel().catch(() => undefined);
    } catch (error) {
      if (signal.aborted) return { type: 'aborted' };
      if (stop === undefined) {
        if (progress.text === '') return failed(error);
        // After its finish_reason the reply is whole: a connection lost then loses nothing.
        if (progress.finishReason === undefined) {
          progress.cutOff ??= `the connection to ${where} broke (${describe(error)})`;
        }
      }
    } finally {
      disarm();
    }

    if (signal.aborted) return { type: 'aborted' };
    const { text } = progress;
    if (text === '') {
      if (stop === 'stall') {
        return retryable(
          'timeout',
          `no token from ${where} for ${formatMs(options.stallTimeoutMs)} (stall timeout)`,
        );
      }
      if (stop === 'timeout') {
        return retryable(
          'timeout',
          `no reply from ${where} within ${formatMs(options.timeoutMs)} (request timeout)`,
        );
      }
      if (progress.finishReason === undefined) {
        return retryable(
          'protocol',
          `the reply stream from ${where} ended without text and without a finish_reason`,
        );
      }
    } else if (progress.finishReason === undefined || progress.cutOff !== undefined) {
      yield { type: 'cut-off', reason: cutOffReason(stop, progress, endpoint, request) };
    }
    return { type: 'done', usage: usageOf(progress.usage, request, text) };
  } finally {
    clearTimeout(deadline);
    disarm();
    signal.removeEventListener('abort', forwardAbort);
    // Leaving early (consumer stopped, a stop, an error) must not leave the request running.
    if (!finished) controller.abort();
  }
}

function cutOffReason(
  stop: Stop | undefined,
  progress: Progress,
  endpoint: Endpoint,
  request: ModelRequest,
): string {
  const { where, options } = endpoint;
  switch (stop) {
    case 'stall':
      return `no token from ${where} for ${formatMs(options.stallTimeoutMs)} (stall timeout)`;
    case 'timeout':
      return `the reply took longer than the ${formatMs(options.timeoutMs)} timeout`;
    case 'budget':
      return `the reply ran far past its ${request.maxTokens}-token budget (${where} ignored max_tokens)`;
    case undefined:
      return progress.cutOff ?? `the reply stream from ${where} ended without a finish_reason`;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
