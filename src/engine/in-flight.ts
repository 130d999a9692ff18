// One reply in flight while several stream at once: its own abort signal, its text filters,
// and the chunk it has pulled and not yet used.
import { ControlWordStream } from './control-words.js';
import type { ModelChunk, Usage } from './model.js';
import type { ReplyJob, StreamEnd } from './reply.js';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** One reply in flight. */
export class InFlight {
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
