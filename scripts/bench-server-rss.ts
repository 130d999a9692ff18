// The worker's RSS after many requests from distinct conversations (scripts/bench-server.ts
// --rss N): issue 8 asks for under 200 MB after 100,000. Two workloads: `cold`, the turn-5
// request, each a conversation of its own (no seat is ever new), and `tables`, the replay in
// roundtable's layout, each pass a conversation at a table of its own, so that its seats'
// material and sentence banks are built afresh (`tableEvery` 1: every request at a table of its
// own, the case that once ran a worker out of heap).
import { runLoad } from './bench-server-load.js';
import { startOurs } from './bench-server-servers.js';
import {
  atTable,
  inConversation,
  replayRequests,
  root,
  turn5Request,
} from './bench-server-workloads.js';
import { loadAverage, memoryMb } from './proc-stats.js';

export interface RssRun {
  readonly count: number;
  readonly workload: string;
  /** Whose build serves: this checkout's or another's (e.g. main's, built). */
  readonly checkout: string;
  readonly reference: string;
  readonly clients: number;
  /** `tables`: a new table every this many requests (default: every pass of the replay). */
  readonly tableEvery: number | undefined;
  readonly logLevel: string;
}

const mb = (value: number) => `${Math.round(value).toLocaleString('en-US')} MB`;

/** The bodies of a workload, and what it is called. */
function bodiesOf(run: RssRun): { label: string; body: (i: number) => Buffer } {
  if (run.workload === 'cold') {
    const turn5 = turn5Request(run.reference);
    return {
      label: 'the turn-5 request, each a conversation of its own',
      body: (i) => inConversation(turn5, i),
    };
  }
  if (run.workload === 'tables') {
    const replay = replayRequests(run.reference);
    const every = run.tableEvery ?? replay.length;
    return {
      label: `the ${replay.length}-request replay in roundtable's layout, each pass a conversation, a table of its own every ${every} requests`,
      body: (i) =>
        atTable(
          replay[i % replay.length] as Buffer,
          Math.floor(i / replay.length),
          Math.floor(i / every),
        ),
    };
  }
  throw new Error(`unknown --rss-workloads ${run.workload} (cold, tables)`);
}

export async function rssAfterDistinct(run: RssRun): Promise<void> {
  const { label, body } = bodiesOf(run);
  const server = await startOurs(run.logLevel, run.checkout);
  const out = process.stdout;
  try {
    // The server proper is the worker process; the primary only supervises it.
    const worker = () => server.pids().slice(1);
    const started = performance.now();
    out.write(
      `\nRSS of the worker (${run.checkout === root ? 'this checkout' : run.checkout}) after distinct conversations: ${label} (${run.clients} clients, keep-alive; load ${loadAverage()}): ${mb(memoryMb(worker(), 'VmRSS'))} idle\n`,
    );
    let sent = 0;
    let errors = 0;
    // In slices, each reported, so a run stopped early still tells how memory went.
    while (sent < run.count) {
      const slice = Math.min(10_000, Math.max(100, Math.ceil(run.count / 10)), run.count - sent);
      const from = sent;
      const result = await runLoad({
        url: server.url,
        body: (i) => body(from + i),
        seconds: 3600,
        // Several clients at once, only so that 100,000 requests fit in a benchmark slot.
        count: slice,
        concurrency: run.clients,
        keepAlive: true,
      });
      sent += result.requests;
      errors += result.errors;
      const minutes = ((performance.now() - started) / 60_000).toFixed(1);
      // A worker that died is replaced by the primary: its errors tell, and its peak restarts.
      out.write(
        `  after ${sent.toLocaleString('en-US')} (${minutes} min, ${errors} errors): ${mb(memoryMb(worker(), 'VmRSS'))}, peak ${mb(memoryMb(worker(), 'VmHWM'))}\n`,
      );
      if (result.requests === 0) break;
    }
    out.write(`the supervising primary: ${mb(memoryMb(server.pids().slice(0, 1), 'VmRSS'))}\n`);
  } finally {
    await server.stop();
  }
}
