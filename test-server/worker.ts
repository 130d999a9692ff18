// A cluster worker of the dummy server: serves on the port the primary shares, closes on its word.
import { buildDummyApp } from './app.js';
import type { WorkerMessage, WorkerSettings } from './worker-protocol.js';

const settings = JSON.parse(process.env.ROUNDTABLE_DUMMY_WORKER ?? '{}') as WorkerSettings;
const app = buildDummyApp({ ...settings, logStream: process.stderr });

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
