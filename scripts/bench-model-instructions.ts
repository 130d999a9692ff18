// Instructions the offline model spends on the replay, counted by valgrind's callgrind: the
// same on a busy machine as on a quiet one, so that a change is judged while everyone works.
// A harness answering the replay's passes in-process (each pass a conversation of its own, its
// turns' texts new: asPass) is
// bundled against a checkout's test-server/ and run under callgrind, with V8 run predictably
// (`--predictable --hash-seed=1 --random-seed=1`: without it, V8's timing makes two counts of
// one build differ by 5–60%). Each pass is counted apart (callgrind dumps its count whenever the
// harness reads process.cpuUsage, between passes). Results: docs/benchmarks.md, "Dummy server".
//
// Run:  npx tsx scripts/bench-model-instructions.ts [--checkout <dir>] [--passes 2] [--split 40]
//   --checkout  a folder holding test-server/ with node_modules reachable from it (default:
//               this checkout); e.g. `git archive <commit> test-server src | tar -x -C <dir>`,
//               a package.json and a node_modules symlink
//   --split     also count each pass in parts of this many requests: what a request costs as the
//               conversation grows (a request that rereads the whole conversation costs more
//               the later it comes)
//   About 3 minutes a pass on this machine (valgrind runs Node ~50× slower).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { asPass, replayRequests } from './bench-server-workloads.js';
import { callgrindNode, dumpCounts } from './callgrind.js';

const { values: flags } = parseArgs({
  options: {
    checkout: { type: 'string' },
    passes: { type: 'string', default: '2' },
    split: { type: 'string' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
  },
});
const root = resolve(import.meta.dirname, '..');
const checkout = resolve(flags.checkout ?? root);
const passes = Number(flags.passes);
if (!Number.isInteger(passes) || passes < 1) {
  process.stderr.write(
    `bench-model-instructions: --passes must be a whole number ≥ 1, got ${flags.passes}\n`,
  );
  process.exit(2);
}
const replay = replayRequests(flags.reference);
const split = flags.split === undefined ? replay.length : Number(flags.split);
if (!Number.isInteger(split) || split < 1) {
  process.stderr.write(
    `bench-model-instructions: --split must be a whole number ≥ 1, got ${flags.split}\n`,
  );
  process.exit(2);
}
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  process.stderr.write('bench-model-instructions: needs valgrind on the PATH (apt: valgrind)\n');
  process.exit(2);
}

// The harness sits in the checkout (so its imports and markov-chains resolve from there), in a
// folder of its own that is removed afterwards.
const work = mkdtempSync(join(tmpdir(), 'bench-model-instructions-'));
const entry = join(checkout, `.bench-model-instructions-${process.pid}.ts`);
const bundle = join(checkout, `.bench-model-instructions-${process.pid}.mjs`);
const cleanUp = () => {
  rmSync(work, { recursive: true, force: true });
  rmSync(entry, { force: true });
  rmSync(bundle, { force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

// Each pass's bodies as bench-server.ts sends them (asPass: a conversation of its own, every
// turn's text new), written before the count so that tagging them is not counted.
const bodiesPath = join(work, 'bodies.json');
writeFileSync(
  bodiesPath,
  JSON.stringify(
    Array.from({ length: passes }, (_, pass) =>
      replay.map((request) => asPass(request, pass).toString('utf8')),
    ),
  ),
);
writeFileSync(
  entry,
  `import { readFileSync } from 'node:fs';
import { MarkovEndpoint } from './test-server/requests.ts';
const passes = JSON.parse(readFileSync(${JSON.stringify(bodiesPath)}, 'utf8'));
const endpoint = MarkovEndpoint.from({ logLevel: 'silent', seed: 7 });
for (const texts of passes) {
  const bodies = texts.map((text) => JSON.parse(text));
  process.cpuUsage();
  for (const [i, body] of bodies.entries()) {
    const { generation } = endpoint.chat(body);
    for (const writer of generation.writers) while (!writer.done) writer.take(100000);
    if ((i + 1) % ${split} === 0 || i + 1 === bodies.length) process.cpuUsage();
  }
}
`,
);
await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['markov-chains'],
  logLevel: 'warning',
});

const run = spawnSync('valgrind', [...callgrindNode(`${work}/out`), bundle], {
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (run.status !== 0) {
  process.stderr.write(
    `bench-model-instructions: the harness failed under valgrind:\n${run.stderr}\n`,
  );
  process.exit(1);
}

// Dumps in order: start-up, then for each pass its parts (the whole pass unless split) and what
// came before the next.
const parts = dumpCounts(work, 'out');
const requests = replay.length;
const perPass = Math.ceil(requests / split);
process.stdout.write(
  `${checkout}: start-up ${((parts[0] ?? 0) / 1e6).toFixed(1)} M instructions\n`,
);
for (let pass = 0; pass < passes; pass++) {
  const counts = parts.slice(1 + (perPass + 1) * pass, 1 + (perPass + 1) * pass + perPass);
  if (counts.length < perPass) break;
  const count = counts.reduce((sum, part) => sum + part, 0);
  process.stdout.write(
    `pass ${pass + 1}${pass === 0 ? ' (cold)' : ''}: ${(count / 1e6).toFixed(1)} M instructions, ${(count / 1e6 / requests).toFixed(2)} M a request\n`,
  );
  if (perPass === 1) continue;
  const each = counts.map((part, k) => {
    const from = k * split;
    const size = Math.min(split, requests - from);
    return `${from + 1}-${from + size}: ${(part / 1e6 / size).toFixed(2)}`;
  });
  process.stdout.write(`  M a request, by requests: ${each.join(', ')}\n`);
}
