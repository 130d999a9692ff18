// The live view's cost in a real terminal (tmux 120x40), against the dummy server in a process of
// its own. Results and how to read them: docs/benchmarks.md, "Live view (TUI)".
//
//   fast   the server streams as fast as it can; a 2,000-turn run with 60-token replies:
//          CPU time of the roundtable process per 1,000 tokens, frames Ink rendered per second
//          (ROUNDTABLE_TUI_STATS) and resident memory at turns 100, 1,000 and 2,000.
//   paced  the server streams at 5,000 tokens/s: the roundtable process's share of one core.
//   Both run twice: with the live view, and as the baseline with --json to /dev/null (the same
//   engine, client and transcript with no view at all), so the view's own part shows.
//   heap   (--heap) the fast run again, with a heap snapshot (taken after a full GC) at each mark:
//          what is really kept, as opposed to garbage V8 has not collected yet.
//
// Run: npx tsx scripts/bench-tui.ts [--turns 2000] [--paced-seconds 30] [--paced-rate 5000]
//        [--skip-fast] [--skip-paced] [--skip-baseline] [--heap] [--node-options=...]
//        [--turn-tokens N] [--v8-defaults]
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../tests/helpers/cli.js';
import {
  COLUMNS,
  type Output,
  ROWS,
  readProc,
  sleep,
  startRoundtable,
  startServer,
  stopServer,
} from './bench-tui-processes.js';
import {
  EventsFollower,
  fmt,
  framesPerSecond,
  readStats,
  renderMsPerFrame,
  type Sample,
  sample,
  takeHeapSnapshot,
} from './bench-tui-samples.js';

const { values: flags } = parseArgs({
  options: {
    turns: { type: 'string', default: '2000' },
    'paced-seconds': { type: 'string', default: '30' },
    'paced-rate': { type: 'string', default: '5000' },
    // Every turn exactly this long (the server ignores the end of its sentences); ~60 otherwise.
    'turn-tokens': { type: 'string' },
    'skip-fast': { type: 'boolean', default: false },
    'skip-paced': { type: 'boolean', default: false },
    // The live view only: no --json baseline runs (e.g. to compare V8 settings quickly).
    'skip-baseline': { type: 'boolean', default: false },
    heap: { type: 'boolean', default: false },
    // The roundtable process runs the bundle (dist/roundtable.js) directly, without the V8
    // settings bin/roundtable.js makes: what V8's own defaults would do.
    'v8-defaults': { type: 'boolean', default: false },
    // Passed to the roundtable process, e.g. --node-options=--max-old-space-size=64.
    'node-options': { type: 'string' },
  },
});
const TURNS = Number(flags.turns);
const PACED_SECONDS = Number(flags['paced-seconds']);
const PACED_RATE = Number(flags['paced-rate']);
const FILL_TURNS = flags['turn-tokens'] !== undefined;
const MAX_TOKENS = FILL_TURNS ? Number(flags['turn-tokens']) : 60;
const POLL_MS = 20;

const write = (text: string): void => {
  process.stdout.write(text);
};

/** The roundtable process for a run, as the flags say. */
const roundtable = (url: string, turns: number, output: Output, nodeOptions: string | undefined) =>
  startRoundtable({
    url,
    turns,
    output,
    nodeOptions,
    v8Defaults: flags['v8-defaults'],
    maxTokens: MAX_TOKENS,
  });

// ---- the runs ----

const outputLabel = (output: Output): string =>
  output === 'tui' ? 'live view' : 'baseline: --json > /dev/null';

async function fastRun(mode: Output | 'heap'): Promise<void> {
  const withHeap = mode === 'heap';
  const output: Output = mode === 'json' ? 'json' : 'tui';
  const marks = [...new Set([100, 1000, TURNS])].filter((t) => t <= TURNS);
  write(
    withHeap
      ? `\n## heap: ${TURNS} turns as fast as possible, heap snapshot at turns ${marks.join(', ')}\n`
      : `\n## fast (${outputLabel(output)}): ${TURNS} turns, server as fast as it can, --max-tokens ${MAX_TOKENS}\n`,
  );
  const server = await startServer(0, FILL_TURNS);
  // With snapshots the run goes on past the last mark, so the process is there to take it.
  const nodeOptions = withHeap
    ? `--heapsnapshot-signal=SIGUSR2 ${flags['node-options'] ?? ''}`.trim()
    : flags['node-options'];
  const terminal = await roundtable(server.url, withHeap ? TURNS + 50 : TURNS, output, nodeOptions);
  const events = new EventsFollower(terminal.out);
  const startedAt = performance.now();
  const samples = new Map<number, Sample>();
  const heaps = new Map<number, number>();
  let last: Sample | undefined;
  try {
    for (;;) {
      events.poll();
      for (const mark of marks) {
        if (samples.has(mark) || events.turns < mark) continue;
        const taken = sample(terminal, events, startedAt);
        if (taken === undefined) continue;
        samples.set(mark, taken);
        if (withHeap) {
          const heap = await takeHeapSnapshot(terminal, heaps.size + 1);
          if (heap !== undefined) heaps.set(mark, heap);
        }
      }
      if (withHeap && heaps.size === marks.length) break;
      const now = sample(terminal, events, startedAt);
      if (now === undefined) break; // exited
      last = now;
      if (events.ended) break;
      await sleep(POLL_MS);
    }
  } finally {
    events.close();
    await terminal.close();
    await stopServer(server);
  }
  if (withHeap) {
    write('| turn | heap after full GC, MB | RSS MB |\n| ---- | ---- | ---- |\n');
    for (const mark of marks) {
      const heap = heaps.get(mark);
      const rss = samples.get(mark)?.proc.rssMb;
      write(
        `| ${mark} | ${heap === undefined ? '?' : fmt(heap)} | ${rss === undefined ? '?' : fmt(rss)} |\n`,
      );
    }
    return;
  }
  write('| turn | wall s | tokens out | CPU s | RSS MB | frames | screen updates |\n');
  write('| ---- | ------ | ---------- | ----- | ------ | ------ | -------------- |\n');
  for (const [mark, s] of samples) {
    write(
      `| ${mark} | ${fmt(s.wallSeconds)} | ${s.tokens} | ${fmt(s.proc.cpuSeconds, 2)} | ${fmt(s.proc.rssMb)} | ${s.stats?.renders ?? '?'} | ${s.stats?.storeUpdates ?? '?'} |\n`,
    );
  }
  const from = samples.get(100);
  const to = samples.get(TURNS) ?? last;
  if (from === undefined || to === undefined || to === from) return;
  const tokens = to.tokens - from.tokens;
  const cpu = to.proc.cpuSeconds - from.proc.cpuSeconds;
  const wall = to.wallSeconds - from.wallSeconds;
  write(`\nturn 100 → ${to.turn}: ${tokens} tokens in ${fmt(wall)} s`);
  write(` (${fmt(tokens / wall, 0)} tokens/s, ${fmt((to.turn - from.turn) / wall, 0)} turns/s)\n`);
  write(`CPU per 1,000 tokens: ${fmt((cpu / tokens) * 1_000_000, 0)} ms`);
  write(` (${fmt((cpu / wall) * 100)}% of one core)\n`);
  if (output === 'tui') {
    write(`frames rendered per second: ${framesPerSecond(from, to)}`);
    write(` (Ink: ${renderMsPerFrame(from, to)} ms a frame)\n`);
  }
  write(`RSS growth: ${fmt(to.proc.rssMb - from.proc.rssMb)} MB\n`);
}

async function pacedRun(output: Output): Promise<void> {
  write(
    `\n## paced (${outputLabel(output)}): server at ${PACED_RATE} tokens/s, ${PACED_SECONDS} s measured\n`,
  );
  const server = await startServer(PACED_RATE, FILL_TURNS);
  const terminal = await roundtable(server.url, 10_000, output, flags['node-options']);
  const events = new EventsFollower(terminal.out);
  const startedAt = performance.now();
  try {
    // Warm-up: past start-up, the first turns and the first statistics.
    for (;;) {
      events.poll();
      const ready = output === 'json' || readStats(terminal.statsFile) !== undefined;
      if (events.turns >= 10 && ready) break;
      if (readProc(terminal.pid) === undefined) throw new Error('roundtable exited early');
      await sleep(POLL_MS);
    }
    const from = sample(terminal, events, startedAt);
    await sleep(PACED_SECONDS * 1000);
    events.poll();
    const to = sample(terminal, events, startedAt);
    if (from === undefined || to === undefined) throw new Error('roundtable exited early');
    const tokens = to.tokens - from.tokens;
    const cpu = to.proc.cpuSeconds - from.proc.cpuSeconds;
    const wall = to.wallSeconds - from.wallSeconds;
    write(`${to.turn - from.turn} turns, ${tokens} tokens in ${fmt(wall)} s:`);
    write(` ${fmt(tokens / wall, 0)} tokens/s\n`);
    const system = to.proc.systemSeconds - from.proc.systemSeconds;
    write(`CPU share: ${fmt((cpu / wall) * 100)}% of one core`);
    write(` (of which system ${fmt((system / wall) * 100)}%;`);
    write(` ${fmt((cpu / tokens) * 1_000_000, 0)} ms per 1,000 tokens)\n`);
    if (output === 'tui') write(`frames rendered per second: ${framesPerSecond(from, to)}\n`);
    write(`RSS: ${fmt(to.proc.rssMb)} MB\n`);
  } finally {
    events.close();
    await terminal.close();
    await stopServer(server);
  }
}

ensureBuilt();
write(
  `bench-tui: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, tmux ${COLUMNS}x${ROWS}\n`,
);
if (!flags['skip-fast']) {
  await fastRun('tui');
  if (!flags['skip-baseline']) await fastRun('json');
}
if (!flags['skip-paced']) {
  await pacedRun('tui');
  if (!flags['skip-baseline']) await pacedRun('json');
}
if (flags.heap) await fastRun('heap');
