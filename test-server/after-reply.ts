// Work a request leaves that its reply does not wait for: what is kept for the next request (the
// seat's read request, the seat cache's measure of what composing grew) and the log line. One
// client sends a request only once it has read the last reply, so a server answering it is idle
// while the client makes and sends the next one (~40% of the time on the replay): work run then
// is off the request's path. It runs right after the reply is written (setImmediate), and in any
// case before the next request is read (`flush`), so what a request finds is what it would have
// found had the work run at once: replies do not depend on when it ran.

export type Task = () => void;

/** Runs a task now: where nothing answers between requests (the offline model in-process). */
export const runNow = (task: Task): void => task();

export class AfterReply {
  private tasks: Task[] = [];
  private scheduled = false;

  /** `onError`: told of a task that threw (the others still run). */
  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `task` after the reply being made is written, or before the next request is read. */
  readonly defer = (task: Task): void => {
    this.tasks.push(task);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  };

  /** Runs what is waiting, in the order it was deferred. */
  readonly flush = (): void => {
    this.scheduled = false;
    // A task that defers another: that one runs in this flush too.
    while (this.tasks.length > 0) {
      const tasks = this.tasks;
      this.tasks = [];
      for (const task of tasks) {
        try {
          task();
        } catch (error) {
          this.onError(error);
        }
      }
    }
  };
}
