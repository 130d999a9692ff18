// How many requests may be in flight at once per endpoint: a parallel phase sends its requests
// together, but a local server that serves one at a time should not get twenty.

/** The concurrency limit for an endpoint name ('' for the table's default endpoint). */
export type ConcurrencyLimit = (endpoint: string) => number;

export class Slots {
  readonly #limit: ConcurrencyLimit;
  readonly #busy = new Map<string, number>();

  constructor(limit: ConcurrencyLimit = () => Number.POSITIVE_INFINITY) {
    this.#limit = limit;
  }

  /** Takes a slot when one is free. */
  acquire(endpoint: string): boolean {
    const busy = this.#busy.get(endpoint) ?? 0;
    if (busy >= Math.max(1, this.#limit(endpoint))) return false;
    this.#busy.set(endpoint, busy + 1);
    return true;
  }

  release(endpoint: string): void {
    const busy = this.#busy.get(endpoint) ?? 0;
    if (busy <= 1) this.#busy.delete(endpoint);
    else this.#busy.set(endpoint, busy - 1);
  }
}
