// Streaming replies: pulls each model's chunks, cleans the text as it arrives and yields its
// deltas, and lets skip, pause and the abort act between chunks. Several replies (a parallel
// phase) stream at once, within each endpoint's concurrency limit; their deltas interleave,
// each carrying its turn.
import type { CleanedReply } from './clean-reply.js';
import { ControlWordStream } from './control-words.js';
import type { DiscussionEvent, TurnStatus } from './events.js';
import {
  type ModelChunk,
  ModelError,
  type ModelErrorKind,
  type ModelRequest,
  type Usage,
} from './model.js';
import { applyPause, isImmediate, releasesPause, resumeIfPaused, wake } from './safe-point.js';
import type { Seat } from './seats.js';
import type { DiscussionState } from './state.js';
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

export interface ReplyJob {
  readonly request: ModelRequest;
  readonly turn: number;
  readonly seat: Seat;
  /** A reply nobody hears as speech (a bid, the moderator's JSON): no deltas, no cleaning. */
  readonly quiet?: boolean | undefined;
  /** Hold back what may become a control word at the end ([pass], [leave], [end]). */
  readonly controlWords?: boolean | undefined;
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

/** One reply in flight. */
class InFlight {
  // The request's own signal: aborted by the run's signal, a skip, or a cut, whichever first.
  readonly controller = new AbortController();
  readonly filter;
  readonly words: ControlWordStream | undefined;
  readonly endpoint: string;
  started = false;
  finished = false;
  end: StreamEnd | undefined;
  iterator: AsyncIterator<ModelChunk> | undefined;
  pending: Promise<Settled<IteratorResult<ModelChunk>>> | undefined;
  ready = false;
  held: Settled<IteratorResult<ModelChunk>> | undefined;
  reported: Usage | undefined;
  /** Set when the model says the reply broke off: what arrived is all there is. */
  cutOff: string | undefined;

  constructor(readonly job: ReplyJob) {
    this.filter = job.seat.cleaner.stream();
    this.words = job.controlWords === true ? new ControlWordStream() : undefined;
    this.endpoint = job.request.endpoint ?? '';
  }
}

/** Streams one reply; see `streamReplies`. */
export async function* streamReply(
  state: DiscussionState,
  request: ModelRequest,
  turn: number,
  seat: Seat,
  options: Pick<ReplyJob, 'controlWords'> = {},
): AsyncGenerator<DiscussionEvent, Reply> {
  const [reply] = yield* streamReplies(state, [{ request, turn, seat, ...options }]);
  if (reply === undefined) throw new Error('streamReplies returned no reply');
  return reply;
}

/**
 * Streams every job's reply at once (as far as the endpoints' concurrency limits allow, starting
 * in job order) and returns their replies in job order. A skip ends every reply in flight.
 */
export async function* streamReplies(
  state: DiscussionState,
  jobs: readonly ReplyJob[],
  /** Called as each reply ends (in the order they end), for its own events. */
  onReply?: (job: ReplyJob, reply: Reply) => AsyncGenerator<DiscussionEvent, void>,
): AsyncGenerator<DiscussionEvent, Reply[]> {
  const { signal, controls } = state;
  const flights = jobs.map((job) => new InFlight(job));
  const replies: Reply[] = [];
  const forwardAbort = (): void => {
    for (const flight of flights) flight.controller.abort(signal.reason);
  };
  signal.addEventListener('abort', forwardAbort, { once: true });

  const start = (flight: InFlight): void => {
    flight.started = true;
    try {
      flight.iterator = state
        .model(flight.job.request, flight.controller.signal)
        [Symbol.asyncIterator]();
    } catch (error) {
      flight.end = signal.aborted ? 'interrupted' : { error };
    }
  };
  const stop = (flight: InFlight): void => {
    if (flight.finished) return;
    flight.finished = true;
    if (flight.started) state.slots.release(flight.endpoint);
    if (flight.end !== 'done') {
      // Stops the request in flight; also runs when the consumer stops iterating mid-turn.
      flight.controller.abort();
      const iterator = flight.iterator;
      if (iterator?.return !== undefined) {
        // Not awaited: an adapter stuck in a pending read must not hold the discussion.
        settle(Promise.resolve().then(() => iterator.return?.()));
      }
    }
  };
  async function* finish(flight: InFlight): AsyncGenerator<DiscussionEvent, void> {
    stop(flight);
    let end = flight.end ?? 'interrupted';
    // The openai client ends a stream silently when aborted, so a clean end may be an abort.
    if (end === 'done' && signal.aborted) end = 'interrupted';
    const failed = typeof end === 'object';
    const { job, filter } = flight;
    if (!failed) {
      const rest = filter.end();
      const tail = flight.words === undefined ? rest : flight.words.push(rest) + flight.words.end();
      if (tail.length > 0 && job.quiet !== true) {
        yield { type: 'text-delta', turn: job.turn, text: tail };
      }
    }
    const raw = filter.raw;
    const cleaned: CleanedReply = failed
      ? { text: '' }
      : job.quiet === true
        ? { text: raw.trim() }
        : job.seat.cleaner.clean(raw);
    const status = statusOf(end, cleaned.text, flight.cutOff);
    const reply: Reply = {
      status,
      cleaned,
      usage: flight.reported ?? estimate(job.request, raw, end),
      failure: typeof end === 'object' ? describeFailure(end.error) : undefined,
      cutOff: status === 'cut-off' ? flight.cutOff : undefined,
    };
    replies[jobs.indexOf(job)] = reply;
    if (onReply !== undefined) yield* onReply(job, reply);
  }

  try {
    for (;;) {
      for (const flight of flights) {
        if (flight.end !== undefined && !flight.finished) yield* finish(flight);
      }
      const open = flights.filter((flight) => flight.end === undefined);
      if (open.length === 0) break;
      // Requests go out in job order as their endpoints have room; one that ends frees a slot.
      for (const flight of open) {
        if (!flight.started && state.slots.acquire(flight.endpoint)) start(flight);
      }
      if (open.some((flight) => flight.end !== undefined)) continue;
      if (signal.aborted) {
        for (const flight of open) flight.end = 'interrupted';
        continue;
      }
      let skipped = false;
      for (const command of controls.takeWhere(isImmediate)) {
        if (command.type === 'skip') {
          yield { type: 'command', command };
          skipped = true;
          break;
        }
        yield* applyPause(state, command);
      }
      if (skipped) {
        for (const flight of open) flight.end = 'skipped';
        continue;
      }
      if (state.paused && controls.has(releasesPause)) yield* resumeIfPaused(state);
      if (state.paused) {
        // Hold the streams: pull nothing until a command (resume, skip) or the abort.
        await wake(state);
        continue;
      }
      const next = open.find((flight) => flight.held !== undefined);
      if (next === undefined) {
        const pulling: InFlight[] = [];
        for (const flight of open) {
          if (!flight.started || flight.end !== undefined || flight.iterator === undefined)
            continue;
          if (flight.pending === undefined) {
            flight.ready = false;
            const pending = settle(flight.iterator.next());
            flight.pending = pending;
            pending.then(() => {
              flight.ready = true;
            });
          }
          pulling.push(flight);
        }
        if (pulling.length === 0) continue;
        const only = pulling.length === 1 ? pulling[0] : undefined;
        const pulled = only?.pending ?? Promise.race(pulling.map((flight) => flight.pending));
        if ((await wake(state, pulled)) === 'chunk') {
          for (const flight of pulling) {
            if (flight.pending === undefined || !(flight.ready || flight === only)) continue;
            flight.held = await flight.pending;
            flight.pending = undefined;
          }
        }
        // Commands and the abort are looked at again before a chunk is used.
        continue;
      }
      const event = use(next);
      if (event !== undefined) yield event;
    }
  } finally {
    signal.removeEventListener('abort', forwardAbort);
    for (const flight of flights) stop(flight);
  }
  return replies;

  /** Takes in one held chunk; the event it makes, if any. */
  function use(flight: InFlight): DiscussionEvent | undefined {
    const settled = flight.held;
    flight.held = undefined;
    if (settled === undefined) return undefined;
    if (!settled.ok) {
      flight.end = signal.aborted ? 'interrupted' : { error: settled.error };
      return undefined;
    }
    if (settled.value.done === true) {
      flight.end = 'done';
      return undefined;
    }
    const { job } = flight;
    const chunk = settled.value.value;
    switch (chunk.type) {
      case 'text': {
        const cleaned = flight.filter.push(chunk.text);
        const text = flight.words === undefined ? cleaned : flight.words.push(cleaned);
        // The model began speaking for someone else: nothing more of this reply is used.
        if (flight.filter.cut && job.quiet !== true) flight.end = 'cut';
        return text.length > 0 && job.quiet !== true
          ? { type: 'text-delta', turn: job.turn, text }
          : undefined;
      }
      case 'usage':
        flight.reported =
          flight.reported === undefined ? chunk.usage : addUsage(flight.reported, chunk.usage);
        return undefined;
      case 'retry':
        return {
          type: 'retry',
          turn: job.turn,
          attempt: chunk.attempt,
          delayMs: chunk.delayMs,
          reason: chunk.reason,
        };
      case 'cut-off':
        flight.cutOff = chunk.reason;
        return undefined;
    }
  }
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
