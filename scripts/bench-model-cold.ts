// The offline model's cold start: the requests a 10-turn offline run sends its model (`roundtable
// run --plain --seed 7` on the example table: ten turns and the summary), answered by the built
// model in a fresh process, as the run answers them: every request is among the first a process
// makes, so what the model builds on first use (its tables, its regular expressions, V8's
// compiling) is paid in full by every run. Two builds are measured round by round, alternately,
// each round a fresh process per build (load falls on both alike); the first round of each fills
// its compile cache (as `roundtable` enables one) and is left out. Replies are compared.
// Results: docs/benchmarks.md, "Dummy server" (cold start).
//
// Run:  npm run build && npx tsx scripts/bench-model-cold.ts [--baseline <a checkout with dist/>]
//         [--rounds 8] [--instructions] [--bodies <file>]
//   --baseline      another build (e.g. main's: `git archive main | tar -x -C DIR`, a node_modules
//                   symlink, `node scripts/build.ts` there); omitted, this build against itself
//   --instructions  also count each build's instructions once under valgrind's callgrind (the
//                   same on a busy machine; ~1 minute a build): the import and each request
//   --bodies        the requests (a JSON array of bodies) instead of recording them anew from
//                   this checkout's build (recording takes one run, ~2 s)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanEnv } from '../tests/helpers/cli.js';
import { callgrindNode, dumpCounts } from './callgrind.js';
import { medianRange } from './median.js';

const { values: flags } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '8' },
    instructions: { type: 'boolean', default: false },
    bodies: { type: 'string' },
  },
});
const fail = (message: string): never => {
  process.stderr.write(`bench-model-cold: ${message}\n`);
  process.exit(2);
};
const rounds = Number(flags.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  fail(`--rounds must be a whole number ≥ 1, got ${flags.rounds}`);
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'bench-model-cold-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/** The bundle's chunk that exports MarkovEndpoint (chunk names are content hashes). */
function modelChunk(checkout: string): string {
  const dist = join(checkout, 'dist');
  let names: string[] = [];
  try {
    names = readdirSync(dist).filter((name) => name.endsWith('.js'));
  } catch {
    fail(`${dist}: no build there (run \`node scripts/build.ts\` in ${checkout})`);
  }
  const exports = /export\{[^}]*\bMarkovEndpoint\b[^}]*\}/;
  const chunk = names.find((name) => exports.test(readFileSync(join(dist, name), 'utf8')));
  return chunk === undefined
    ? fail(`${dist}: no chunk exports MarkovEndpoint`)
    : pathToFileURL(join(dist, chunk)).href;
}

/** The bodies the run sends, caught on their way into the model. */
function record(): unknown[] {
  const out = join(work, 'bodies.json');
  const recorder = join(work, 'record.mjs');
  writeFileSync(
    recorder,
    `import { writeFileSync } from 'node:fs';
const { MarkovEndpoint } = await import(${JSON.stringify(modelChunk(root))});
const bodies = [];
const chat = MarkovEndpoint.prototype.chat;
MarkovEndpoint.prototype.chat = function (raw) { bodies.push(structuredClone(raw)); return chat.call(this, raw); };
process.on('exit', () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(bodies)));
`,
  );
  const run = spawnSync(
    process.execPath,
    ['--import', recorder, join(root, 'bin/roundtable.js'), 'run', '--plain', '--seed', '7'],
    {
      cwd: root,
      env: cleanEnv({ ROUNDTABLE_HOME: join(work, 'home') }),
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  if (run.status !== 0) fail(`the recorded run failed:\n${run.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as unknown[];
}

const bodies =
  flags.bodies === undefined ? record() : JSON.parse(readFileSync(flags.bodies, 'utf8'));
const bodiesFile = join(work, 'requests.json');
writeFileSync(bodiesFile, JSON.stringify(bodies));

// The harness reads the CPU clock only between phases: under callgrind each reading is a dump.
const harness = join(work, 'harness.mjs');
writeFileSync(
  harness,
  `import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import module from 'node:module';
const [chunk, bodiesFile, cache] = process.argv.slice(2);
module.enableCompileCache(cache);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
const ms = (usage) => (usage.user + usage.system) / 1000;
let before = process.cpuUsage();
const { MarkovEndpoint } = await import(chunk);
const endpoint = MarkovEndpoint.from({ seed: 7, logLevel: 'silent', tokensPerSecond: 0 });
const importMs = ms(process.cpuUsage(before));
const requestMs = [];
const replies = createHash('sha256');
for (const body of bodies) {
  before = process.cpuUsage();
  const { generation } = endpoint.chat(body);
  for (const writer of generation.writers) while (!writer.done) replies.update(writer.take(100000));
  requestMs.push(ms(process.cpuUsage(before)));
}
module.flushCompileCache();
process.stdout.write(JSON.stringify({ importMs, requestMs, replies: replies.digest('hex') }));
`,
);

interface Side {
  readonly label: string;
  readonly chunk: string;
  readonly cache: string;
}
interface Sample {
  readonly importMs: number;
  readonly requestMs: number[];
  readonly replies: string;
}
const sides: Side[] = [
  { label: 'this', chunk: modelChunk(root), cache: join(work, 'cache-this') },
  {
    label: 'baseline',
    chunk: modelChunk(resolve(flags.baseline ?? root)),
    cache: join(work, 'cache-baseline'),
  },
];

function answer(side: Side): Sample {
  const run = spawnSync(process.execPath, [harness, side.chunk, bodiesFile, side.cache], {
    encoding: 'utf8',
  });
  if (run.status !== 0) fail(`the harness failed on ${side.label}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Sample;
}

const samples = new Map<string, Sample[]>(sides.map((side) => [side.label, []]));
for (let round = 0; round <= rounds; round++) {
  const order = round % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    const sample = answer(side);
    if (round > 0) samples.get(side.label)?.push(sample);
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const lines = [
  `${bodies.length} requests of a 10-turn offline run, a fresh process each round; ${rounds} rounds; load ${load}`,
];
for (const side of sides) {
  const taken = samples.get(side.label) ?? [];
  lines.push(
    `${side.label.padEnd(9)} CPU ms: import ${medianRange(
      taken.map((s) => s.importMs),
      1,
    )}, requests ${medianRange(
      taken.map((s) => sum(s.requestMs)),
      1,
    )}, first request ${medianRange(
      taken.map((s) => s.requestMs[0] ?? 0),
      1,
    )}`,
  );
}
const [ours, theirs] = sides.map((side) => samples.get(side.label) ?? []);
const ratios = (ours ?? []).map(
  (sample, i) =>
    (sample.importMs + sum(sample.requestMs)) /
    ((theirs?.[i]?.importMs ?? 0) + sum(theirs?.[i]?.requestMs ?? [])),
);
lines.push(`this ÷ baseline (import + requests), round by round: ${medianRange(ratios, 2)}`);
const same = ours?.[0]?.replies === theirs?.[0]?.replies;
lines.push(`replies identical: ${same ? 'yes' : 'no'}`);
process.stdout.write(`${lines.join('\n')}\n`);

if (flags.instructions) {
  for (const side of sides) {
    const out = join(work, `callgrind-${side.label}`);
    const run = spawnSync(
      'valgrind',
      [...callgrindNode(out), harness, side.chunk, bodiesFile, side.cache],
      { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (run.status !== 0) fail(`callgrind failed on ${side.label}:\n${run.stderr}`);
    // Dumps in order: start-up, then a reading before the import, the import, then a reading
    // before and after each request (the part between two requests is the harness's own).
    const counts = dumpCounts(work, `callgrind-${side.label}`);
    const importCount = counts[1] ?? 0;
    const requests = bodies.map((_: unknown, i: number) => counts[3 + 2 * i] ?? 0);
    const m = (count: number) => (count / 1e6).toFixed(1);
    process.stdout.write(
      `${side.label.padEnd(9)} M instructions: import ${m(importCount)}, requests ${m(sum(requests))} (${requests.map(m).join(' ')})\n`,
    );
  }
}
