// Streaming one reply: pulls the model's chunks, cleans the text as it arrives, yields its
// deltas, and lets skip, pause and the abort act between chunks.
import type { CleanedReply } from './clean-reply.js';
import type { DiscussionEvent, TurnStatus } from './events.js';
import {
  type ModelChunk,
  ModelError,
  type ModelErrorKind,
  type ModelRequest,
  type Usage,
} from './model.js';
import { applyPause, isImmediate, releasesPause, resumeIfPaused, wake } from './safe-point.js';
import type { DiscussionState, Seat } from './state.js';
import { addUsage, estimatePromptTokens, estimateTokens, noUsage } from './usage.js';

export interface Reply {
  readonly status: TurnStatus;
  readonly cleaned: CleanedReply;
  readonly usage: Usage;
  readonly failure?: Failure | undefined;
  /** Why the reply broke off, when its status is `cut-off`. */
  readonly cutOff?: string | undefined;
}

export interface Failure {
  readonly kind: ModelErrorKind;
  readonly message: string;
  readonly fatal: boolean;
}

type StreamEnd = 'done' | 'cut' | 'skipped' | 'interrupted' | { readonly error: unknown };
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function describeFailure(error: unknown): Failure {
  if (error instanceof ModelError) {
    return { kind: error.kind, message: error.message, fatal: error.fatal };
  }
  return {
    kind: 'unknown',
    message: error instanceof Error ? error.message : String(error),
    fatal: true,
  };
}

export async function* streamReply(
  state: DiscussionState,
  request: ModelRequest,
  turn: number,
  seat: Seat,
): AsyncGenerator<DiscussionEvent, Reply> {
  const { signal, controls } = state;
  // The request's own signal: aborted by the run's signal, a skip, or a cut, whichever first.
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  const filter = seat.cleaner.stream();
  let reported: Usage | undefined;
  /** Set when the model says the reply broke off: what arrived is all there is. */
  let cutOff: string | undefined;
  let end: StreamEnd | undefined;
  let iterator: AsyncIterator<ModelChunk> | undefined;
  let pending: Promise<Settled<IteratorResult<ModelChunk>>> | undefined;
  let held: Settled<IteratorResult<ModelChunk>> | undefined;
  try {
    iterator = state.model(request, controller.signal)[Symbol.asyncIterator]();
    while (end === undefined) {
      if (signal.aborted) {
        end = 'interrupted';
        break;
      }
      for (const command of controls.takeWhere(isImmediate)) {
        if (command.type === 'skip') {
          yield { type: 'command', command };
          end = 'skipped';
          break;
        }
        yield* applyPause(state, command);
      }
      if (end !== undefined) break;
      if (state.paused && controls.has(releasesPause)) yield* resumeIfPaused(state);
      if (state.paused) {
        // Hold the stream: pull nothing until a command (resume, skip) or the abort.
        await wake(state);
        continue;
      }
      if (held === undefined) {
        pending ??= settle(iterator.next());
        if ((await wake(state, pending)) === 'chunk') {
          held = await pending;
          pending = undefined;
        }
        // Commands and the abort are looked at again before the chunk is used.
        continue;
      }
      const settled = held;
      held = undefined;
      if (!settled.ok) throw settled.error;
      if (settled.value.done === true) {
        end = 'done';
        break;
      }
      const chunk = settled.value.value;
      switch (chunk.type) {
        case 'text': {
          const text = filter.push(chunk.text);
          if (text.length > 0) yield { type: 'text-delta', turn, text };
          // The model began speaking for someone else: nothing more of this reply is used.
          if (filter.cut) end = 'cut';
          break;
        }
        case 'usage':
          reported = reported === undefined ? chunk.usage : addUsage(reported, chunk.usage);
          break;
        case 'cut-off':
          cutOff = chunk.reason;
          break;
        case 'retry':
          yield {
            type: 'retry',
            turn,
            attempt: chunk.attempt,
            delayMs: chunk.delayMs,
            reason: chunk.reason,
          };
          break;
      }
    }
  } catch (error) {
    end = signal.aborted ? 'interrupted' : { error };
  } finally {
    signal.removeEventListener('abort', forwardAbort);
    if (end !== 'done') {
      // Stops the request in flight; also runs when the consumer stops iterating mid-turn.
      controller.abort();
      if (iterator?.return !== undefined) {
        // Not awaited: an adapter stuck in a pending read must not hold the discussion.
        settle(Promise.resolve().then(() => iterator?.return?.()));
      }
    }
  }
  // The openai client ends a stream silently when aborted, so a clean end may be an abort.
  if (end === 'done' && signal.aborted) end = 'interrupted';
  const failed = typeof end === 'object';
  if (!failed) {
    const tail = filter.end();
    if (tail.length > 0) yield { type: 'text-delta', turn, text: tail };
  }
  const raw = filter.raw;
  const cleaned: CleanedReply = failed ? { text: '' } : seat.cleaner.clean(raw);
  const status = statusOf(end, cleaned.text, cutOff);
  return {
    status,
    cleaned,
    usage: reported ?? estimate(request, raw, end),
    failure: typeof end === 'object' ? describeFailure(end.error) : undefined,
    cutOff: status === 'cut-off' ? cutOff : undefined,
  };
}

function statusOf(end: StreamEnd, text: string, cutOff: string | undefined): TurnStatus {
  if (typeof end === 'object') return 'failed';
  switch (end) {
    case 'interrupted':
      return 'interrupted';
    case 'skipped':
      return 'skipped';
    case 'done':
    case 'cut':
      if (text.length === 0) return 'passed';
      return cutOff === undefined ? 'complete' : 'cut-off';
  }
}

function estimate(request: ModelRequest, raw: string, end: StreamEnd): Usage {
  // A request cut short (failed, skipped, interrupted) before any text most likely cost
  // nothing; one that finished empty was still read by the model.
  if (raw.length === 0 && end !== 'done') return noUsage;
  return {
    promptTokens: estimatePromptTokens(request.messages),
    completionTokens: estimateTokens(raw),
    estimated: true,
  };
}
