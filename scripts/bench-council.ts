// A council of five on a paced dummy server: how long its opening phase takes when the five
// opening requests go out at once (the default) and when the endpoint takes one at a time
// (maxConcurrentRequests 1), beside the time one reply takes. Results: docs/benchmarks.md,
// "Parallel phases".
//
// Each run is the real CLI (`roundtable run --format council --plain`) against `startDummyServer`
// in a process of its own, paced at --tps tokens a second; times are read from the events'
// timestamps in events.jsonl: the opening = its phase-started to its phase-ended, a reply = its
// turn-started to its turn-ended. Rounds alternate the two modes.
//
// Run:  npm run build && npx tsx scripts/bench-council.ts [--runs 3] [--tps 25]
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseEventsFile } from '../src/transcript/events-file.js';
import { startDummyServer } from '../test-server/server.js';
import { ensureBuilt, ROOT, runCli } from '../tests/helpers/cli.js';
import { median, medianRange } from './median.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    tps: { type: 'string', default: '25' },
  },
});
const RUNS = Number(flags.runs);
const TPS = Number(flags.tps);
const TABLE = join(ROOT, 'tests', 'offline', 'fixtures', 'library');

type Mode = 'parallel' | 'one at a time';

interface Measure {
  /** The opening phase, start to end, in seconds. */
  readonly opening: number;
  /** Each opening reply, request to last token, in seconds. */
  readonly replies: readonly number[];
}

const at = (event: { readonly ts: string }): number => Date.parse(event.ts);

async function councilOnce(baseUrl: string, mode: Mode, seed: number): Promise<Measure> {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-council-'));
  try {
    const table = join(dir, 'table');
    cpSync(TABLE, table, { recursive: true });
    writeFileSync(
      join(table, 'roundtable.config.json'),
      JSON.stringify({
        endpoint: 'paced',
        endpoints: {
          paced: {
            baseUrl,
            model: 'markov',
            ...(mode === 'parallel' ? {} : { maxConcurrentRequests: 1 }),
          },
        },
        format: 'council',
      }),
    );
    const out = join(dir, 'out');
    const result = await runCli(['run', table, '--plain', '--seed', String(seed), '--out', out]);
    if (result.code !== 0)
      throw new Error(`run failed (${result.code}): ${result.stdout.slice(-1500)}${result.stderr}`);
    const [folder] = readdirSync(out);
    const { events } = parseEventsFile(
      readFileSync(join(out, folder ?? '', 'events.jsonl'), 'utf8'),
    );
    const start = events.find((e) => e.type === 'phase-started' && e.kind === 'opening');
    const end = events.find((e) => e.type === 'phase-ended' && e.kind === 'opening');
    if (start === undefined || end === undefined) throw new Error('no opening phase recorded');
    const phase = start.type === 'phase-started' ? start.phase : -1;
    const started = new Map<number, number>();
    const replies: number[] = [];
    for (const e of events) {
      if (e.type === 'turn-started' && e.phase === phase) started.set(e.turn, at(e));
      if (e.type === 'turn-ended' && started.has(e.turn))
        replies.push((at(e) - (started.get(e.turn) ?? 0)) / 1000);
    }
    return { opening: (at(end) - at(start)) / 1000, replies };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const range = (values: readonly number[]): string => medianRange(values, 2, ' s');

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

ensureBuilt();
const server = await startDummyServer({
  tokensPerSecond: TPS,
  seed: 1,
  ownProcess: true,
  logLevel: 'silent',
});
const results = new Map<Mode, Measure[]>([
  ['parallel', []],
  ['one at a time', []],
]);
try {
  for (let run = 0; run < RUNS; run++) {
    for (const mode of run % 2 === 0
      ? (['parallel', 'one at a time'] as const)
      : (['one at a time', 'parallel'] as const)) {
      const measure = await councilOnce(server.url, mode, 100 + run);
      results.get(mode)?.push(measure);
      process.stderr.write(`run ${run + 1} ${mode}: opening ${measure.opening.toFixed(2)} s\n`);
    }
  }
} finally {
  await server.close();
}

print(`Council of 5, opening phase, dummy server paced at ${TPS} tokens/s, ${RUNS} runs each`);
print('');
print('| opening requests | opening phase | one reply | opening ÷ one reply |');
print('| ---------------- | ------------- | --------- | ------------------- |');
// One reply: each opening reply of the parallel runs, request to last token (the server paces
// each stream on its own, so this is what one reply takes; one at a time, a turn's time
// includes its wait for the endpoint).
const oneReply = (results.get('parallel') ?? []).map((m) => median(m.replies));
const reference = median(oneReply);
for (const [mode, measures] of results) {
  const openings = measures.map((m) => m.opening);
  const ratios = openings.map((o) => o / reference);
  print(`| ${mode} | ${range(openings)} | ${range(oneReply)} | ${medianRange(ratios, 2)} |`);
}
