// A cluster worker of the dummy server: serves on the port the primary shares, closes on its word.
import { writeSync } from 'node:fs';
import { buildDummyApp } from './app.js';
import type { LogStream } from './options.js';
import type { WorkerMessage, WorkerSettings } from './worker-protocol.js';

const settings = JSON.parse(process.env.ROUNDTABLE_DUMMY_WORKER ?? '{}') as WorkerSettings;

/**
 * Log lines gathered for a few milliseconds and written to the primary at once: a write to its
 * pipe per request (and the primary's read and write after it) cost a busy server more CPU than
 * its Fastify routing did. Written out before the worker exits.
 */
class BatchedLines implements LogStream {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length > 64 * 1024) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 25);
    return true;
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    try {
      writeSync(2, text);
    } catch {}
  }
}

const lines = new BatchedLines();
process.on('exit', () => lines.flush());
const app = buildDummyApp({ ...settings, logStream: lines });

let closing = false;
async function closeAndExit(): Promise<void> {
  if (closing) return;
  closing = true;
  await app.close();
  process.disconnect?.();
  process.exit(0);
}

process.on('message', (message: WorkerMessage) => {
  if (message.type === 'shutdown') void closeAndExit();
});
// Ctrl-C reaches every process of the terminal's group; the primary decides when workers stop.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => void closeAndExit());
// The primary is gone (killed): nobody will tell us to stop, so stop now.
process.on('disconnect', () => void closeAndExit());

try {
  await app.listen({ host: settings.host, port: settings.port });
} catch (error) {
  process.send?.({ type: 'failed', message: (error as Error).message } satisfies WorkerMessage);
  process.exit(1);
}
