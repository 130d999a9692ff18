// Start-up and whole-run cost of the CLI, against a bare `node -e 0` in the same rounds and, when
// /tmp/seedbase holds it, side by side with the original Python roundtable against its own dummy
// server. Results and how to read them: docs/benchmarks.md, "Start-up".
//
//   node        node -e 0 (the floor: Node's own start)
//   help        roundtable --help
//   first turn  roundtable run --turns 1 --no-summary --json --no-transcript, offline: until turn 1
//               has ended (its turn-ended line on stdout), and until the process has exited;
//               `first turn, transcript` the same with the transcript written, as `run` does
//   10 turns    roundtable run --plain (the example table: 10 turns and the summary), offline,
//               transcript written: wall, CPU (user + system) and peak RSS
//   first frame the live view in a 100×30 tmux pane, `node bin/roundtable.js run` and `npx
//               roundtable run` (and the baseline's bin with node): until the status block is on
//               screen (tmux polled every 10 ms)
//   original    the original roundtable.py, 10 turns and the summary, against its Flask dummy
//               server (started here on 127.0.0.1:8000, not counted): wall, CPU, peak RSS
// Every measure is taken once a round, the rounds interleaved, so that the machine's drift
// touches them all alike; each cell is the median of the rounds, with the range.
//
// Run:  npm run build && npx tsx scripts/bench-startup.ts [--runs 15] [--no-original]
//         [--only node,first-turn] [--baseline <dir>]
//   --only       measures only these (names as in the table, spaces as dashes); node is always in
//   --baseline   another build (a checkout with bin/ and dist/, e.g. `git archive <commit>` built
//                with `node scripts/build.ts`) whose help, first turn and 10 turns are measured in
//                the same rounds (`… baseline` rows; the ratio of the two 10-turn runs, round by
//                round, is printed at the end)
//   The original's dummy server takes port 8000: run it under
//   flock /work/coord/.port8000.lock when others may be using the port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BIN, ensureBuilt, ROOT } from '../tests/helpers/cli.js';
import {
  cell,
  type Measure,
  measurer,
  median,
  originalArgs,
  startOriginalServer,
  stopServer,
} from './bench-startup-measure.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    'no-original': { type: 'boolean', default: false },
    only: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const RUNS = Number(flags.runs);
const scratch = mkdtempSync(join(tmpdir(), 'roundtable-bench-startup-'));
const { measure, firstFrame } = measurer(scratch);

// ---- the rounds ----

const node = process.execPath;
const runOut = join(scratch, 'transcripts');
const isTurn1End = (line: string) => line.startsWith('{"type":"turn-ended","turn":1,');

const cases: Record<string, () => Promise<Measure>> = {
  node: () => measure([node, '-e', '0']),
  help: () => measure([node, BIN, '--help']),
  'first turn': () =>
    measure([node, BIN, 'run', '--turns', '1', '--no-summary', '--json', '--no-transcript'], {
      mark: isTurn1End,
    }),
  // As a person runs it: the transcript written (events.jsonl, transcript.md and .html).
  'first turn, transcript': () =>
    measure([node, BIN, 'run', '--turns', '1', '--no-summary', '--json', '--out', runOut], {
      mark: isTurn1End,
    }),
  '10 turns': () => measure([node, BIN, 'run', '--plain', '--out', runOut]),
};
if (firstFrame !== undefined) {
  const view = 'run --turns 1 --no-summary --no-transcript';
  cases['first frame, node'] = () => firstFrame(`${node} ${BIN} ${view}`);
  cases['first frame, npx'] = () => firstFrame(`npx roundtable ${view}`);
}
const baseline = flags.baseline;
if (baseline !== undefined) {
  const bin = join(baseline, 'bin', 'roundtable.js');
  cases['help, baseline'] = () => measure([node, bin, '--help']);
  cases['first turn, baseline'] = () =>
    measure([node, bin, 'run', ROOT, '--turns', '1', '--no-summary', '--json', '--no-transcript'], {
      mark: isTurn1End,
    });
  cases['first turn, transcript, baseline'] = () =>
    measure([node, bin, 'run', ROOT, '--turns', '1', '--no-summary', '--json', '--out', runOut], {
      mark: isTurn1End,
    });
  cases['10 turns, baseline'] = () => measure([node, bin, 'run', ROOT, '--plain', '--out', runOut]);
  if (firstFrame !== undefined) {
    cases['first frame, node, baseline'] = () =>
      firstFrame(`${node} ${bin} run --turns 1 --no-summary --no-transcript`);
  }
}
const only = flags.only?.split(',').map((name) => name.trim().replaceAll('-', ' '));
if (only !== undefined) {
  for (const name of Object.keys(cases))
    if (name !== 'node' && !only.some((wanted) => name.replaceAll(',', '') === wanted))
      delete cases[name];
}

async function main(): Promise<void> {
  ensureBuilt();
  const server =
    !flags['no-original'] && (only === undefined || only.includes('original'))
      ? await startOriginalServer()
      : undefined;
  if (server !== undefined) cases.original = () => measure(originalArgs.argv, originalArgs.options);
  const results = new Map<string, Measure[]>(Object.keys(cases).map((name) => [name, []]));
  process.stdout.write(
    `${RUNS} rounds; Node ${process.versions.node}; ${server === undefined ? 'without' : 'with'} the original\n`,
  );
  try {
    // One unmeasured round first: the compile cache and the file system cache warm up.
    for (const run of Object.values(cases)) await run();
    for (let round = 0; round < RUNS; round++) {
      for (const [name, run] of Object.entries(cases)) results.get(name)?.push(await run());
      rmSync(runOut, { recursive: true, force: true });
      process.stdout.write('.');
    }
  } finally {
    stopServer(server);
  }
  process.stdout.write('\n\n');
  const nodeWall = median((results.get('node') ?? []).map((m) => m.wallMs));
  const rows = [...results].map(([name, all]) => {
    const wall = all.map((m) => m.wallMs);
    const overNode = all.map((m) => m.wallMs - nodeWall);
    const mark = all.map((m) => m.markMs);
    return `| ${name} | ${cell(wall)} | ${name === 'node' ? '–' : cell(overNode)} | ${cell(mark)} | ${cell(all.map((m) => m.cpuMs))} | ${cell(all.map((m) => m.rssMb))} |`;
  });
  process.stdout.write(
    [
      '| run | wall ms | over node -e 0, ms | turn 1 ended, ms | CPU ms | peak RSS MB |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  // The first-turn figure: the first turn's end over `node -e 0`, round by round.
  for (const name of [
    'first turn',
    'first turn, baseline',
    'first turn, transcript',
    'first turn, transcript, baseline',
  ]) {
    const firsts = results.get(name);
    if (firsts === undefined || firsts.length === 0) continue;
    const nodes = results.get('node') ?? [];
    const over = firsts.map((m, i) => (m.markMs ?? Number.NaN) - (nodes[i]?.wallMs ?? Number.NaN));
    process.stdout.write(
      `\n${name}: turn 1 ended over node -e 0, round by round: ${cell(over)} ms`,
    );
  }
  process.stdout.write('\n');
  const ours = median((results.get('10 turns') ?? []).map((m) => m.wallMs));
  const base = results.get('10 turns, baseline');
  if (base !== undefined && base.length > 0) {
    const tens = results.get('10 turns') ?? [];
    const ratio = (of: (m: Measure) => number | undefined) => {
      const r = tens.map((m, i) => (of(m) ?? Number.NaN) / (of(base[i] as Measure) ?? Number.NaN));
      return `median ${median(r).toFixed(2)} (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`;
    };
    process.stdout.write(
      `
10 turns ÷ 10 turns, baseline, round by round: wall ${ratio((m) => m.wallMs)}, CPU ${ratio((m) => m.cpuMs)}
`,
    );
  }
  const theirs = results.get('original');
  if (theirs !== undefined && theirs.length > 0) {
    const ratios = (results.get('10 turns') ?? []).map(
      (m, i) => m.wallMs / (theirs[i]?.wallMs ?? Number.NaN),
    );
    process.stdout.write(
      `\n10 turns ÷ original, round by round: median ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); medians ${ours.toFixed(0)} ms ÷ ${median(theirs.map((m) => m.wallMs)).toFixed(0)} ms\n`,
    );
  }
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
