// A worker's events of one run on their way to Redis, sent a batch at a time: whatever is held
// goes in one script call just before the engine asks the model for something new (a turn or a
// phase starts), at the run's end, and once the first held event has waited `holdMs`. The owner
// fence is checked by that call, so a worker that lost the run sends no further request; and the
// events of a turn reach Redis in one round trip rather than one each (those round trips were a
// tenth of an offline worker's CPU, on cores Redis and the coordinator share; docs/benchmarks.md,
// "Queue").
import type { DiscussionEvent, DiscussionEventType } from '../engine/events.js';
import type { LogEntry } from './protocol.js';
import type { RunLog } from './run-log.js';

/** Sent with everything held before them, and waited for. */
const SEND_AT_ONCE: ReadonlySet<DiscussionEventType> = new Set([
  'turn-started',
  'phase-started',
  'discussion-ended',
]);
/** A batch never grows past this many entries (a script's arguments stay small). */
const MAX_HELD = 64;

export class EventRelay {
  readonly #log: RunLog;
  readonly #owner: string;
  readonly #holdMs: number;
  #held: LogEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The batches in flight, in order. */
  #sent: Promise<void> = Promise.resolve();
  /** False once a batch was refused: the run is another worker's now. */
  #owned = true;
  #failure: unknown;

  constructor(log: RunLog, owner: string, holdMs = 200) {
    this.#log = log;
    this.#owner = owner;
    this.#holdMs = holdMs;
  }

  /**
   * Takes an entry. Resolves false once the run turned out to be another worker's (stop at
   * once); rejects when Redis failed.
   */
  async add(entry: LogEntry): Promise<boolean> {
    this.#held.push(entry);
    const event: DiscussionEvent | undefined = entry.kind === 'event' ? entry.event : undefined;
    if (event === undefined || SEND_AT_ONCE.has(event.type) || this.#held.length >= MAX_HELD) {
      return this.flush();
    }
    // A failure here is kept and given to the next `add` or `flush`.
    this.#timer ??= setTimeout(() => this.flush().catch(() => undefined), this.#holdMs);
    return this.#state();
  }

  /** Sends what is held; resolves as `add` does once every batch so far is in Redis. */
  flush(): Promise<boolean> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#held.splice(0);
    this.#sent = this.#sent.then(async () => {
      if (!this.#owned || batch.length === 0 || this.#failure !== undefined) return;
      try {
        this.#owned = await this.#log.append(this.#owner, ...batch);
      } catch (error) {
        this.#failure = error;
      }
    });
    return this.#sent.then(() => this.#state());
  }

  #state(): Promise<boolean> {
    return this.#failure === undefined
      ? Promise.resolve(this.#owned)
      : Promise.reject(this.#failure);
  }

  /** Stops the timer; what is still held is dropped (the run ended without it being sent). */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#held = [];
  }
}
