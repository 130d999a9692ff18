// Where a seat runs dry in a long discussion: the turns in which it says a stock line
// ("I am not convinced yet.", lines.ts FALLBACKS) because nothing of its own was left to say,
// counted per seat over seeds of 200-turn runs, as a person reads the plain output.
// Figures for docs and progress notes, not a test. Build first (`node scripts/build.ts`).
//   npx tsx scripts/offline-dry.ts [table] [--seeds 1-6] [--turns 200] [--show]
import { execFileSync } from 'node:child_process';
import { FALLBACKS } from '../test-server/model/lines.js';
import { option, root, say, seeds, show, table } from './offline-args.js';

const turns = option('--turns', '200');

function run(seed: number): string {
  const bin = process.env.ROUNDTABLE_BIN ?? 'bin/roundtable.js';
  return execFileSync(
    process.execPath,
    [bin, 'run', table, '--plain', '--no-transcript', '--seed', String(seed), '--turns', turns],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20, stdio: 'pipe' },
  ).toString();
}

/** Stock lines a turn says, each where it stands alone or after a name ("Greta, I am not …"). */
const stockIn = (text: string): number =>
  FALLBACKS.filter((line) => text.includes(line.slice(1))).length +
  (/\bI agree\.$/.test(text) ? 1 : 0);

const bySeat = new Map<string, { turns: number; dry: number; dryTwice: number }>();
const examples: string[] = [];
for (const seed of seeds) {
  const output = run(seed);
  if (show) say(`\n##### seed ${seed}\n${output}`);
  let parallel = false;
  for (const line of output.split('\n')) {
    if (/^── /.test(line)) parallel = /everyone at once|Summary|Verdict|Outcome/.test(line);
    const turn = /^([A-Z][\p{L}'-]*): (.*)$/u.exec(line);
    if (parallel || turn === null || /^(?:Dissent|Borda|Topic|Finished)/.test(line)) continue;
    const seat = turn[1] as string;
    const counts = bySeat.get(seat) ?? { turns: 0, dry: 0, dryTwice: 0 };
    const stock = stockIn(turn[2] as string);
    counts.turns++;
    if (stock > 0) counts.dry++;
    if (stock > 1) counts.dryTwice++;
    if (stock > 0 && examples.length < 8) examples.push(`seed ${seed} ${line}`);
    bySeat.set(seat, counts);
  }
}
let dry = 0;
let dryTwice = 0;
for (const [seat, counts] of bySeat) {
  dry += counts.dry;
  dryTwice += counts.dryTwice;
  say(
    `${seat}: ${counts.turns} turns, ${counts.dry} with a stock line, ${counts.dryTwice} with two or more`,
  );
}
say(
  `${seeds.length} runs of ${turns} turns: turns with a stock line ${dry}, with two or more ${dryTwice}`,
);
for (const example of examples) say(`  ${example}`);
