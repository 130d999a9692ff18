import type { Clock } from '../local-limiter.js';

/** A clock that moves only when the test says so; due timers fire in order. */
export class FakeClock implements Clock {
  #now = 0;
  #timers: { at: number; callback: () => void; id: number }[] = [];
  #next = 1;

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.push({ at: this.#now + ms, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  }

  /** Moves time on by `ms`, firing each timer that falls due at its own moment. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at);
      const due = this.#timers[0];
      if (due === undefined || due.at > end) break;
      this.#timers.shift();
      this.#now = due.at;
      due.callback();
      await Promise.resolve();
    }
    this.#now = end;
    await Promise.resolve();
  }
}
