// What scripts/bench-tui.ts reads while a run goes on: the transcript's turns and tokens as
// events.jsonl grows, the live view's own stats (ROUNDTABLE_TUI_STATS), the process's CPU and
// memory, and the live heap from heap snapshots.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { TuiStatsSnapshot } from '../src/tui/stats.js';
import { type Proc, readProc, sleep, type Terminal } from './bench-tui-processes.js';

export const fmt = (value: number, digits = 1): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Follows events.jsonl as it grows: turns started, completion tokens of the turns ended. */
export class EventsFollower {
  turns = 0;
  tokens = 0;
  ended = false;
  #fd: number | undefined;
  #offset = 0;
  #partial = '';
  readonly #buffer = Buffer.alloc(1 << 20);

  constructor(private readonly out: string) {}

  poll(): void {
    if (this.#fd === undefined) {
      try {
        const [name] = readdirSync(this.out);
        if (name === undefined) return;
        this.#fd = openSync(join(this.out, name, 'events.jsonl'), 'r');
      } catch {
        return;
      }
    }
    for (;;) {
      const read = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, this.#offset);
      if (read === 0) break;
      this.#offset += read;
      const text = this.#partial + this.#buffer.toString('utf8', 0, read);
      const end = text.lastIndexOf('\n');
      this.#partial = text.slice(end + 1);
      for (const line of text.slice(0, end + 1).split('\n')) {
        if (line === '') continue;
        const record = JSON.parse(line) as {
          type: string;
          kind?: string;
          usage?: { completionTokens: number };
        };
        if (record.type === 'turn-started' && record.kind === 'turn') this.turns += 1;
        if (record.type === 'turn-ended') this.tokens += record.usage?.completionTokens ?? 0;
        if (record.type === 'discussion-ended') this.ended = true;
      }
    }
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
  }
}

export function readStats(path: string): TuiStatsSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TuiStatsSnapshot;
  } catch {
    return undefined;
  }
}

export interface Sample {
  readonly turn: number;
  readonly wallSeconds: number;
  readonly tokens: number;
  readonly proc: Proc;
  readonly stats: TuiStatsSnapshot | undefined;
}

export function sample(
  terminal: Terminal,
  events: EventsFollower,
  startedAt: number,
): Sample | undefined {
  const proc = readProc(terminal.pid);
  if (proc === undefined) return undefined;
  return {
    turn: events.turns,
    wallSeconds: (performance.now() - startedAt) / 1000,
    tokens: events.tokens,
    proc,
    stats: readStats(terminal.statsFile),
  };
}

export function framesPerSecond(from: Sample, to: Sample): string {
  if (from.stats === undefined || to.stats === undefined) return '?';
  const ms = to.stats.elapsedMs - from.stats.elapsedMs;
  return ms > 0 ? fmt(((to.stats.renders - from.stats.renders) * 1000) / ms) : '?';
}

export function renderMsPerFrame(from: Sample, to: Sample): string {
  if (from.stats === undefined || to.stats === undefined) return '?';
  const frames = to.stats.renders - from.stats.renders;
  return frames > 0 ? fmt((to.stats.renderMs - from.stats.renderMs) / frames, 2) : '?';
}

// ---- live heap from heap snapshots ----

/** Total self size of a heap snapshot's nodes, in MB: the heap after the full GC V8 does first. */
function heapSnapshotMb(path: string): number {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const stride = fields.length;
  const sizeAt = fields.indexOf('self_size');
  let total = 0;
  for (let i = sizeAt; i < snapshot.nodes.length; i += stride) total += snapshot.nodes[i] ?? 0;
  return total / (1024 * 1024);
}

/** Asks the process for a heap snapshot (SIGUSR2), waits until it is whole, and measures it. */
export async function takeHeapSnapshot(
  terminal: Terminal,
  index: number,
): Promise<number | undefined> {
  process.kill(terminal.pid, 'SIGUSR2');
  const suffix = `.${String(index).padStart(3, '0')}.heapsnapshot`;
  for (let waited = 0; waited < 60_000; waited += 250) {
    await sleep(250);
    const name = readdirSync(terminal.dir).find((n) => n.endsWith(suffix));
    if (name === undefined) continue;
    try {
      return heapSnapshotMb(join(terminal.dir, name));
    } catch {
      // Still being written.
    }
  }
  return undefined;
}
