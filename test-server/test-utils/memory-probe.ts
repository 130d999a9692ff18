// A dummy server in a process of its own, for a test that asks how much memory it holds: run with
// --expose-gc, it collects garbage before every answer, so the figures are what the server keeps,
// not what the collector has yet to reclaim. Speaks over the IPC channel (see MemoryProbe).
import { buildDummyApp, dummyStats } from '../app.js';

export type ProbeAsk = { readonly type: 'measure' } | { readonly type: 'close' };

export interface ProbeMeasure {
  readonly type: 'measure';
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  /** Replies running now, and those that ended because their client left. */
  readonly active: number;
  readonly aborted: number;
  /** Tokens written to streams so far (see DummyStats.streamed). */
  readonly streamed: number;
  /** Tokens written to the replies whose clients left. */
  readonly abortedTokens: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('memory-probe: run with --expose-gc');
const collect = gc;

let abortedTokens = 0;
// The caches' bytes, when the test gives them (`memory-probe.ts <cacheBytes>`).
const cacheBytes = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const app = buildDummyApp({
  seed: 3,
  cacheBytes,
  logLevel: 'silent',
  tokensPerSecond: 0,
  onReplyEnd: (event) => {
    if (event.end === 'aborted') abortedTokens += event.tokens;
  },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ type: 'listening', port: typeof address === 'object' ? address?.port : 0 });

async function measure(): Promise<ProbeMeasure> {
  // Several rounds, with turns of the event loop between them: finalizers and freed sockets
  // release what they hold only after a collection has seen them.
  for (let round = 0; round < 4; round++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { rss, heapUsed, external } = process.memoryUsage();
  const { active, aborted, streamed } = dummyStats(app);
  return { type: 'measure', rss, heapUsed, external, active, aborted, streamed, abortedTokens };
}

process.on('message', (ask: ProbeAsk) => {
  if (ask.type === 'measure') void measure().then((answer) => process.send?.(answer));
  else void app.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
