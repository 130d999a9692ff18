// Streaming replies: pulls each model's chunks, cleans the text as it arrives and yields its
// deltas, and lets skip, pause and the abort act between chunks. Several replies (a parallel
// phase) stream at once, within each endpoint's concurrency limit; their deltas interleave,
// each carrying its turn.
import type { CleanedReply } from './clean-reply.js';
import type { DiscussionEvent } from './events.js';
import { InFlight, settle } from './in-flight.js';
import type { ModelRequest } from './model.js';
import { describeFailure, estimate, type Reply, type ReplyJob, statusOf } from './reply.js';
import { applyPause, isImmediate, releasesPause, resumeIfPaused, wake } from './safe-point.js';
import type { Seat } from './seats.js';
import type { DiscussionState } from './state.js';
import { addUsage } from './usage.js';

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
