// CPU of loading the offline model: `import()` of the bundle's chunk that holds the built-in talk's
// Markov chain (with what it imports), in a fresh Node each round, against another build in the
// same rounds, alternating. Results: docs/benchmarks.md, "Start-up".
//
// Run:  npm run build && npx tsx scripts/bench-talk-import.ts --baseline <dir> [--rounds 20]
//   --baseline  another checkout with dist/ built (`node scripts/build.ts`), e.g. the commit before
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ROOT } from '../tests/helpers/cli.js';

const { values: flags } = parseArgs({
  options: { baseline: { type: 'string' }, rounds: { type: 'string', default: '20' } },
});
if (flags.baseline === undefined) {
  process.stderr.write('bench-talk-import: --baseline <dir> is required (a checkout with dist/)\n');
  process.exit(2);
}
const rounds = Number(flags.rounds);

/** The chunk of `root`/dist that holds markov-chains' use: the offline model's. */
function modelChunk(root: string): string {
  const dist = join(root, 'dist');
  const name = readdirSync(dist).find(
    (file) =>
      file.endsWith('.js') &&
      readFileSync(join(dist, file), 'utf8').includes('@@MARKOV_CHAIN_BEGIN'),
  );
  if (name === undefined) throw new Error(`no chunk of ${dist} holds the offline model`);
  return join(dist, name);
}

/** CPU ms (user + system) of importing `chunk` in a fresh Node. */
function importCpu(chunk: string): number {
  const code = `const c=process.cpuUsage();await import(${JSON.stringify(chunk)});const u=process.cpuUsage(c);console.log((u.user+u.system)/1000)`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code]).toString());
}

const cell = (values: readonly number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `${median.toFixed(0)} (${(sorted[0] ?? 0).toFixed(0)}–${(sorted.at(-1) ?? 0).toFixed(0)})`;
};

ensureBuilt();
const chunks = { this: modelChunk(ROOT), baseline: modelChunk(flags.baseline) };
const cpu = { this: [] as number[], baseline: [] as number[] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['this', 'baseline'] as const) : (['baseline', 'this'] as const);
  for (const which of order) cpu[which].push(importCpu(chunks[which]));
}
const saved = cpu.baseline.map((ms, i) => ms - (cpu.this[i] ?? Number.NaN));
process.stdout.write(
  [
    `${rounds} rounds; Node ${process.versions.node}`,
    '| build | import CPU ms |',
    '| --- | --- |',
    `| this | ${cell(cpu.this)} |`,
    `| baseline | ${cell(cpu.baseline)} |`,
    `saved round by round: ${cell(saved)} ms`,
    '',
  ].join('\n'),
);
