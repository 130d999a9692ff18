import type { LogStream } from './options.js';

/** Characters a pipe writes whole: PIPE_BUF (4096 bytes on Linux) at 3 UTF-8 bytes a character. */
export const ATOMIC_WRITE = Math.floor(4096 / 3);
/** How long lines wait for company before they are written. */
const BATCH_MS = 25;
/** Written at once past this many characters, however soon. */
const BATCH_CHARS = 64 * 1024;

/**
 * A worker's log lines, gathered for a few milliseconds and written at once (to the primary's
 * pipe, or to its stderr itself: see server.ts): a write per request cost a busy server more
 * CPU than its Fastify routing did. Each write holds whole lines and, where the lines allow, at
 * most PIPE_BUF bytes: workers may share one stderr, and such a write is never interleaved with
 * another's. `flush` before the process exits.
 */
export class BatchedLines implements LogStream {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly writeOut: (text: string) => void) {}

  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length > BATCH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
    return true;
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    let text = this.pending;
    this.pending = '';
    while (text !== '') {
      let end = text.length;
      if (end > ATOMIC_WRITE) {
        const cut = text.lastIndexOf('\n', ATOMIC_WRITE - 1);
        end = cut !== -1 ? cut + 1 : text.indexOf('\n') + 1 || text.length;
      }
      try {
        this.writeOut(text.slice(0, end));
      } catch {}
      text = text.slice(end);
    }
  }
}
