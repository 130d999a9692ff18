// A cluster worker of the dummy server: serves on the port the primary shares, closes on its word.
import { writeSync } from 'node:fs';
import { buildDummyApp } from './app.js';
import { BatchedLines } from './batched-lines.js';
import type { WorkerMessage, WorkerSettings } from './worker-protocol.js';

const settings = JSON.parse(process.env.ROUNDTABLE_DUMMY_WORKER ?? '{}') as WorkerSettings;

const pauseCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * All of `text` to stderr, as a process writing to a full pipe does: waiting. The primary's
 * stderr may be shared with this process (server.ts), and may be non-blocking, so a full pipe
 * answers EAGAIN (and a write may take part of the text) rather than blocking.
 */
function writeStderr(text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(2, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pauseCell, 0, 0, 2);
    }
  }
}

const lines = new BatchedLines(writeStderr);
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
