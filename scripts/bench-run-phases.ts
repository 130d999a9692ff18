// Where a 10-turn offline run's instructions go, phase by phase, counted by valgrind's callgrind
// (the same on a busy machine as on a quiet one): Node's own start, the start-up to the first
// event, each turn, the summary, the end. A preload reads process.cpuUsage() at the engine's
// JSON lines that mark the phases (discussion-started, each turn-ended, summary,
// discussion-ended) and at exit; callgrind dumps its count at each read. Two runs first fill the
// compile cache, as a person's second run finds it. Results: docs/benchmarks.md, "Start-up".
//
// Run:  npm run build && npx tsx scripts/bench-run-phases.ts [--baseline <dir>] [--as-run]
//   --baseline  another build (a checkout with bin/ and dist/) counted the same way after this one
//   --as-run    V8 as it runs (its compilers and collectors on threads of their own; the main
//               thread counted): closer to the wall clock, but ±3% run to run. By default V8 runs
//               predictably (--predictable: the same count each time, with the background work on
//               the main thread, and Node's built-ins compiled from source, ~100 M more, as the
//               flag changes the hash their code cache is checked against).
//   The run is `run --json --seed 7` with a transcript, on this checkout's example table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ROOT } from '../tests/helpers/cli.js';

const { values: flags } = parseArgs({
  options: { baseline: { type: 'string' }, 'as-run': { type: 'boolean', default: false } },
});
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  process.stderr.write('bench-run-phases: needs valgrind on the PATH (apt: valgrind)\n');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'bench-run-phases-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const preload = join(work, 'marks.mjs');
writeFileSync(
  preload,
  `process.cpuUsage();
const write = process.stdout.write.bind(process.stdout);
const marks = ['"type":"discussion-started"', '"type":"turn-ended"', '"type":"summary"', '"type":"discussion-ended"'];
process.stdout.write = (chunk, ...rest) => {
  if (marks.some((mark) => String(chunk).includes(mark))) process.cpuUsage();
  return write(chunk, ...rest);
};
process.on('exit', () => process.cpuUsage());
`,
);

const V8_PREDICTABLE = ['--predictable', '--hash-seed=1', '--random-seed=1'];
const PHASES = ['Node', 'start-up', ...Array.from({ length: 10 }, (_, i) => `turn ${i + 1}`)];
PHASES.push('summary', 'end', 'exit');

/** Millions of instructions of each phase of one build's run (the main thread's). */
function phases(checkout: string, tag: string): number[] {
  const dir = join(work, tag);
  const env = { ...process.env, ROUNDTABLE_HOME: join(dir, 'home') };
  const v8 = flags['as-run'] ? [] : V8_PREDICTABLE;
  const args = [...v8, '--import', preload, join(checkout, 'bin', 'roundtable.js'), 'run', ROOT];
  args.push('--json', '--seed', '7', '--out', join(dir, 'transcripts'));
  for (let i = 0; i < 2; i++) spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  const out = join(dir, 'cg.out');
  const valgrind = ['--tool=callgrind', '--dump-before=uv_getrusage', '--separate-threads=yes'];
  valgrind.push(`--callgrind-out-file=${out}`, process.execPath, ...args);
  const result = spawnSync('valgrind', valgrind, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`valgrind failed: ${result.stderr.toString()}`);
  // cg.out.<n>-01: the main thread's count up to dump n.
  return readdirSync(dir)
    .filter((name) => /^cg\.out\.\d+-01$/.test(name))
    .sort((a, b) => Number(a.split('.')[2]?.split('-')[0]) - Number(b.split('.')[2]?.split('-')[0]))
    .map((name) => Number(/^totals:\s+(\d+)/m.exec(readFileSync(join(dir, name), 'utf8'))?.[1]))
    .map((count) => count / 1e6);
}

ensureBuilt();
const builds: [string, number[]][] = [['this', phases(ROOT, 'this')]];
if (flags.baseline !== undefined) {
  builds.push(['baseline', phases(resolve(flags.baseline), 'baseline')]);
}
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const header = ['| phase', ...builds.map(([name]) => name)].join(' | ');
const rows = PHASES.map((phase, i) =>
  [`| ${phase}`, ...builds.map(([, counts]) => (counts[i] ?? Number.NaN).toFixed(1))].join(' | '),
);
rows.push(['| whole run', ...builds.map(([, counts]) => sum(counts).toFixed(1))].join(' | '));
process.stdout.write(
  `M instructions, ${flags['as-run'] ? 'V8 as it runs (main thread)' : 'V8 predictable'}\n${header} |\n|${' --- |'.repeat(builds.length + 1)}\n${rows.map((row) => `${row} |`).join('\n')}\n`,
);
