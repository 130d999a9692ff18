// Load benchmark of the Markov dummy server beside the original's (Flask + markovify), our own
// request path without its model (scripts/bench-server-free.ts: the ceiling of a model costing
// nothing) and a null server (bare node:http answering a fixed JSON body), one client and one worker each,
// driven by the same load tool in one run: the baseline's own `load.js` (a process of its own)
// where the reference folder has it, else scripts/bench-server-load.ts. Results: docs/benchmarks.md.
//   npm run build && npx tsx scripts/bench-server.ts [--seconds 5] [--warmup 3] [--workloads turn5,replay,words20000,cold]
//     [--no-original] [--rss 100000 [--rss-clients 4] [--rss-workloads cold,tables] [--rss-table-every 201]
//     [--rss-baseline DIR]] [--stream] [--log-level info] [--tool load.js|builtin]
// --rss N: the worker's RSS after N requests from distinct conversations, for each of
// --rss-workloads: `cold` (the turn-5 request, each a conversation of its own: no seat is new)
// and `tables` (the replay in roundtable's layout, each pass a conversation at a table of its
// own, so its seats and their sentence banks are built afresh; --rss-table-every 1 puts every
// request at a table of its own). --rss-baseline DIR: the same, after each, on another
// checkout's build (e.g. main's), one after the other.
// --first-passes N: a fresh server's first N passes of the replay, its CPU a request each.
// --replay-first-only: the replay's passes tagged as before session 12 (only the first message,
// so every other text repeats the pass before: see asPass), to compare the two.
// The request bodies of the original's baseline (its real turn-5 request, a 200-turn replay,
// a 20,000-word prompt) are read from /work/shared/reference/seed-baseline/bench (--reference
// DIR); where that folder is absent, the committed fixtures stand in.
// The original runs from the folder its setup made (ROUNDTABLE_ORIGINAL_DIR, default
// /tmp/seedbase) on a Python that can import Flask and markovify: ROUNDTABLE_ORIGINAL_PYTHON, else
// `python3` on the PATH, else the system's /usr/bin/python3 (where its setup installs Flask from
// the distribution). Absent, or without such a Python, its column is left empty and the reason
// printed. It listens on port 8000, under `flock /work/coord/.port8000.lock` where that lock
// file exists (machines shared by several benchmarks); elsewhere the port must be free.
// This file holds the flags and the report; bench-server-workloads.ts the request bodies,
// bench-server-servers.ts the servers and what /proc tells of them, bench-server-measure.ts a
// cell of the table, bench-server-rss.ts the --rss runs.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runLoad } from './bench-server-load.js';
import { type Cell, type MeasureOptions, measure } from './bench-server-measure.js';
import { rssAfterDistinct } from './bench-server-rss.js';
import { startFree, startNull, startOriginal, startOurs } from './bench-server-servers.js';
import {
  atTable,
  replayRequests,
  root,
  turn5Request,
  workloads,
} from './bench-server-workloads.js';
import { cpuMs, loadAverage } from './proc-stats.js';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    workloads: { type: 'string', default: 'turn5,replay,words20000,cold' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
    'no-original': { type: 'boolean', default: false },
    rss: { type: 'string' },
    'rss-clients': { type: 'string', default: '4' },
    'rss-workloads': { type: 'string', default: 'cold' },
    'rss-table-every': { type: 'string' },
    'rss-baseline': { type: 'string' },
    'first-passes': { type: 'string' },
    'replay-first-only': { type: 'boolean', default: false },
    stream: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    tool: { type: 'string' },
  },
});
const seconds = Number(flags.seconds);
const reference = flags.reference;
const LOAD_JS = `${reference}/load.js`;
const tool = flags.tool ?? (existsSync(LOAD_JS) ? 'load.js' : 'builtin');
if (tool !== 'load.js' && tool !== 'builtin') throw new Error(`unknown --tool ${tool}`);
const warmupSeconds = Number(flags.warmup);
if (!(seconds > 0) || !(warmupSeconds >= 0)) {
  process.stderr.write(
    `bench-server: --seconds must be > 0 and --warmup ≥ 0, got ${flags.seconds} and ${flags.warmup}\n`,
  );
  process.exit(2);
}
const measuring: MeasureOptions = { tool, loadJs: LOAD_JS, seconds, warmupSeconds };

const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : 'n/a';

/**
 * What a fresh server pays for the replay's first passes against its later ones (each pass a
 * conversation of its own, keep-alive, one client): the first meets the seats and the compiler
 * cold, the cells of the table above are measured after a warm-up pass. Then one pass at a
 * table of its own: a warm server meeting new seats (their chains and sentence banks).
 */
async function firstPasses(count: number): Promise<void> {
  const server = await startOurs(flags['log-level']);
  try {
    const replay = workloads(reference, flags['replay-first-only']).replay as {
      body: (i: number) => Buffer;
      count?: number;
    };
    const requests = replayRequests(reference);
    const pass = replay.count ?? 1;
    process.stdout.write(`\nthe replay's first ${count} passes on a fresh server, keep-alive:\n`);
    for (let k = 0; k <= count; k++) {
      const fresh = k === count;
      // Made before the pass is timed: tagging a body costs the client a parse of it.
      const bodies = Array.from({ length: pass }, (_, i) =>
        fresh ? atTable(requests[i] as Buffer, k, 1) : replay.body(k * pass + i),
      );
      const before = cpuMs(server.pids());
      const result = await runLoad({
        url: server.url,
        body: (i) => bodies[i] as Buffer,
        seconds: 600,
        count: pass,
        concurrency: 1,
        keepAlive: true,
      });
      const cpu = (cpuMs(server.pids()) - before) / Math.max(1, result.requests);
      process.stdout.write(
        `  ${fresh ? 'then at a new table' : `pass ${k + 1}`}: ${fmt(result.rps)} req/s, server CPU ${fmt(cpu, 2)} ms a request${result.errors > 0 ? ` (${result.errors} errors)` : ''}\n`,
      );
    }
  } finally {
    await server.stop();
  }
}

async function streamRate(): Promise<void> {
  const server = await startOurs(flags['log-level']);
  try {
    const messages = JSON.parse(turn5Request(reference).toString()).messages;
    const rates: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'markov',
          messages,
          stream: true,
          stream_options: { include_usage: true },
          max_tokens: 20000,
          ignore_eos: true,
        }),
      });
      const text = await response.text();
      const tokens = Number(/"completion_tokens":(\d+)/.exec(text)?.[1] ?? 0);
      if (i > 0) rates.push(tokens / ((performance.now() - started) / 1000));
    }
    rates.sort((a, b) => a - b);
    process.stdout.write(
      `\nstreamed 20,000 tokens: ${fmt(rates[1] ?? Number.NaN)} tokens/s (median of 3; ${fmt(rates[0] ?? Number.NaN)}–${fmt(rates[2] ?? Number.NaN)})\n`,
    );
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const out = process.stdout;
  out.write(
    `load average at start: ${loadAverage()}; node ${process.version}; ${seconds} s a cell after ${warmupSeconds} s of warm-up; one client, one worker; load tool: ${tool === 'load.js' ? LOAD_JS : 'scripts/bench-server-load.ts'}\n`,
  );
  const all = workloads(reference, flags['replay-first-only']);
  const started = flags['no-original'] ? 'left out (--no-original)' : await startOriginal();
  const original = typeof started === 'string' ? undefined : started;
  if (typeof started === 'string') out.write(`(the original: ${started}; its column is empty)\n`);
  const servers = [
    await startOurs(flags['log-level']),
    await startFree(),
    await startNull(),
    ...(original === undefined ? [] : [original]),
  ];
  try {
    out.write(
      '\n| workload | keep-alive | original req/s | roundtable req/s | × original | without its model req/s | × original | null server req/s | share of null | roundtable p50 ms | server CPU ms/req (roundtable / without its model / null / original) |\n',
    );
    out.write('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n');
    for (const name of flags.workloads.split(',').filter((w) => w !== '' && w !== 'none')) {
      const workload = all[name];
      if (workload === undefined) throw new Error(`unknown workload ${name}`);
      for (const keepAlive of [false, true]) {
        const cells = new Map<string, Cell>();
        for (const server of servers)
          cells.set(server.name, await measure(server, workload, keepAlive, measuring));
        const ours = cells.get('roundtable') as Cell;
        const bare = cells.get('null server') as Cell;
        const free = cells.get('without its model') as Cell;
        const times = (cell: Cell): string =>
          theirs === undefined ? '—' : `${fmt(cell.rps / theirs.rps, 1)}×`;
        const theirs = cells.get('original');
        const errors = [...cells.values()].reduce((sum, cell) => sum + cell.errors, 0);
        out.write(
          `| ${workload.label} | ${keepAlive ? 'yes' : 'no'} | ${theirs === undefined ? '—' : fmt(theirs.rps)} | ${fmt(ours.rps)} | ${times(ours)} | ${fmt(free.rps)} | ${times(free)} | ${fmt(bare.rps)} | ${fmt((100 * ours.rps) / bare.rps)}% | ${fmt(ours.p50, 2)} | ${fmt(ours.cpu, 2)} / ${fmt(free.cpu, 2)} / ${fmt(bare.cpu, 2)} / ${theirs === undefined ? '—' : fmt(theirs.cpu, 1)}${errors > 0 ? ` (${errors} errors)` : ''} |\n`,
        );
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  if (flags.rss !== undefined)
    for (const workload of flags['rss-workloads'].split(',')) {
      const baseline = flags['rss-baseline'];
      for (const checkout of baseline === undefined ? [root] : [root, baseline])
        await rssAfterDistinct({
          count: Number(flags.rss),
          workload,
          checkout,
          reference,
          clients: Number(flags['rss-clients']),
          tableEvery:
            flags['rss-table-every'] === undefined ? undefined : Number(flags['rss-table-every']),
          logLevel: flags['log-level'],
        });
    }
  if (flags['first-passes'] !== undefined) await firstPasses(Number(flags['first-passes']));
  if (flags.stream) await streamRate();
  out.write(`\nload average at end: ${loadAverage()}\n`);
}

await main();
