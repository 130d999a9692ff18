import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { ChunkFormat, DONE, type Generation } from './generation.js';
import type { ReplyEnd } from './options.js';
import { dueAt, dueBy, pause } from './pacing.js';

/** Tokens written between two looks at the event loop (client gone? server closing?). */
const BATCH = 256;
/** Bytes a stream may queue in its socket beyond what the kernel took before it waits. */
const QUEUED_BYTES = 256 * 1024;

export interface Pace {
  readonly tokensPerSecond: number;
  readonly firstTokenMs: number;
}

/**
 * A signal that aborts when the client goes away before the response is complete. `res` emits
 * 'close' both then and after a normal end; `writableFinished` tells the two apart.
 */
export function clientGone(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

function totalTokens(generation: Generation): number {
  let tokens = 0;
  for (const writer of generation.writers) tokens += writer.tokens;
  return tokens;
}

/** The replies as far as one take each goes: `texts` of the writers done, then where to go on. */
export interface Taken {
  readonly texts: string[];
  /** The writer that is not done yet (past the last when every one is). */
  readonly writer: number;
  /** What that writer gave so far. */
  readonly text: string;
  readonly done: boolean;
}

/**
 * Takes each reply's first slice, in order, until a writer is not done after its slice. A reply
 * of a few hundred tokens is whole then, and needs no turn of the event loop (collectReplies).
 */
export function takeReplies(generation: Generation): Taken {
  const texts: string[] = [];
  const { writers } = generation;
  for (let index = 0; index < writers.length; index++) {
    const writer = writers[index] as Generation['writers'][number];
    const text = writer.take(BATCH * 8);
    if (!writer.done) return { texts, writer: index, text, done: false };
    texts.push(text);
  }
  return { texts, writer: writers.length, text: '', done: true };
}

/** The simulated latency of a whole reply: its first token's, then its tokens' at the pace. */
export function replyLatency(generation: Generation, pace: Pace): number {
  const pacing =
    pace.tokensPerSecond > 0 ? dueAt(totalTokens(generation), pace.tokensPerSecond) : 0;
  return pace.firstTokenMs + pacing;
}

/**
 * Generates the non-streamed replies in slices, yielding between them, so a huge `max_tokens`
 * neither blocks other requests nor outlives its client; then waits out the simulated latency.
 * Goes on from `taken` (takeReplies, which took the first slices). Returns the texts, or how the
 * request ended early.
 */
export async function collectReplies(
  generation: Generation,
  pace: Pace,
  gone: AbortSignal,
  shutdown: AbortSignal,
  taken: Taken = takeReplies(generation),
): Promise<string[] | 'aborted'> {
  const { texts } = taken;
  const { writers } = generation;
  for (let index = taken.writer; index < writers.length; index++) {
    const writer = writers[index] as Generation['writers'][number];
    let text = index === taken.writer ? taken.text : writer.take(BATCH * 8);
    while (!writer.done) {
      if (!(await pause(0, gone))) return 'aborted';
      text += writer.take(BATCH * 8);
    }
    texts.push(text);
  }
  const latency = replyLatency(generation, pace);
  // At shutdown the reply is ready: send it rather than make close() wait out the latency.
  if (latency > 0 && !(await pause(latency, AbortSignal.any([gone, shutdown])))) {
    if (gone.aborted) return 'aborted';
  }
  return texts;
}

export interface StreamOptions {
  readonly includeUsage: boolean;
  readonly pace: Pace;
  readonly gone: AbortSignal;
  readonly shutdown: AbortSignal;
  /** Told how many tokens each batch wrote. */
  readonly onWritten?: ((tokens: number) => void) | undefined;
}

/**
 * Writes the reply as server-sent events on a hijacked response: per choice a role chunk,
 * one chunk per token and a finish chunk; then the usage chunk if asked; then [DONE].
 * At shutdown the current choice is finished with 'length' (it was cut) and the stream closed
 * properly, so clients see a complete stream rather than a reset.
 */
export async function streamReplies(
  res: ServerResponse,
  generation: Generation,
  options: StreamOptions,
): Promise<ReplyEnd> {
  const { gone, shutdown, pace } = options;
  const stopped = AbortSignal.any([gone, shutdown]);
  const format = new ChunkFormat(generation);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    // No connection header of our own: Node keeps the socket for the next request unless the
    // client sent `Connection: close` (or spoke HTTP/1.0), and then closes it after [DONE].
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  if (pace.firstTokenMs > 0) await pause(pace.firstTokenMs, stopped);

  const started = performance.now();
  let sent = 0;
  let end: ReplyEnd | undefined;
  let finished: ReplyEnd = 'stop';
  for (let index = 0; index < generation.writers.length && end === undefined; index++) {
    const writer = generation.writers[index];
    if (writer === undefined) break;
    if (generation.endpoint === 'chat' && !gone.aborted) res.write(format.role(index));
    while (!writer.done) {
      if (stopped.aborted) {
        end = gone.aborted ? 'aborted' : 'shutdown';
        break;
      }
      const limit =
        pace.tokensPerSecond > 0
          ? dueBy(performance.now() - started, pace.tokensPerSecond) - sent
          : BATCH;
      // A batch of events is one write (one chunk of the chunked encoding): a write per token
      // cost more than making the token.
      let events = '';
      const before = sent;
      for (let i = 0; i < limit; i++) {
        const piece = writer.nextPiece();
        if (piece === undefined) break;
        events += format.content(index, piece);
        sent++;
      }
      if (events !== '') res.write(events);
      options.onWritten?.(sent - before);
      if (writer.done) break;
      // Backpressure from the socket itself (`res.writableNeedDrain` missed it when writes were
      // corked), and only once it holds more than a few batches: waiting for every batch to
      // drain made a reading client wait on each round trip.
      const socket = res.socket;
      if (socket !== null ? socket.writableLength >= QUEUED_BYTES : res.writableNeedDrain) {
        await once(socket ?? res, 'drain', { signal: stopped }).catch(() => undefined);
      } else {
        const wait =
          pace.tokensPerSecond > 0
            ? dueAt(sent, pace.tokensPerSecond) - (performance.now() - started)
            : 0;
        await pause(wait, stopped);
      }
    }
    if (end === 'aborted') break;
    finished = end === 'shutdown' ? 'length' : (writer.finishReason ?? 'stop');
    res.write(format.finish(index, finished));
  }
  if (end === 'aborted' || gone.aborted) return 'aborted';
  if (options.includeUsage) res.write(format.usage());
  res.end(DONE);
  return end ?? finished;
}
