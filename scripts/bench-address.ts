// How the discussion replies of offline runs name the others, and which floors the addressed-only
// rule (src/engine/address.ts) changes: per build, the replies that name someone, those that
// address someone (by how) and those that only speak of someone; the turns given for a mention,
// and of those the ones whose reply named the seat only in passing (floors the rule takes away);
// the turns that say a seat was named in passing. Beside a baseline build, the runs whose
// discussion speakers differ and the first turn where they do. Counts, not times. Results:
// docs/benchmarks.md, "Engine".
//
// Every reply is classified by this checkout's MentionFinder.naming, whichever build spoke it.
//
// Run:  node scripts/build.ts && npx tsx scripts/bench-address.ts --baseline <checkout>
//         [--tables /work/coord/t-lead14,.] [--formats roundtable,debate] [--seeds 1-30] [--turns 40]
//         [--floor addressed]   (this build's floor rule; the baseline runs with its default)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MentionFinder } from '../src/engine/mentions.js';
import { ROOT } from '../tests/helpers/cli.js';

const { values: flags } = parseArgs({
  options: {
    baseline: { type: 'string' },
    tables: { type: 'string', default: `/work/coord/t-lead14,${ROOT}` },
    formats: { type: 'string', default: 'roundtable,debate' },
    seeds: { type: 'string', default: '1-30' },
    turns: { type: 'string' },
    // The floor rule of the build counted as "this" (an older baseline knows no such setting).
    floor: { type: 'string', default: 'addressed' },
  },
});

const [from, to] = flags.seeds.split('-').map(Number);
const SEEDS = Array.from(
  { length: (to ?? from ?? 1) - (from ?? 1) + 1 },
  (_, i) => (from ?? 1) + i,
);

// biome-ignore lint/suspicious/noExplicitAny: the events of two builds, read loosely
type Event = any;

interface Tally {
  replies: number;
  naming: number;
  addressed: Map<string, number>;
  passingOnly: number;
  mentionFloors: number;
  passingFloors: number;
  passedOver: number;
}

const newTally = (): Tally => ({
  replies: 0,
  naming: 0,
  addressed: new Map(),
  passingOnly: 0,
  mentionFloors: 0,
  passingFloors: 0,
  passedOver: 0,
});

function runOnce(checkout: string, table: string, format: string, seed: number, home: string) {
  const args = [join(checkout, 'bin', 'roundtable.js'), 'run', table, '--json', '--no-transcript'];
  if (checkout === ROOT) args.push('--floor', flags.floor);
  args.push('--seed', String(seed), '--format', format);
  if (flags.turns !== undefined) args.push('--turns', flags.turns);
  const env = { ...process.env, ROUNDTABLE_HOME: home, NO_COLOR: '1' };
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${table} ${format} ${seed}: ${result.stderr}`);
  const events: Event[] = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const discussion = new Set(
    events.filter((e) => e.type === 'phase-started' && e.kind === 'discussion').map((e) => e.phase),
  );
  const turns: Event[] = events.filter(
    (e) => e.type === 'turn-started' && e.kind === 'turn' && discussion.has(e.phase),
  );
  return { events, turns };
}

function count(events: Event[], turns: Event[], tally: Tally): void {
  const names: string[] =
    events.find((e) => e.type === 'discussion-started')?.participants.map((p: Event) => p.name) ??
    [];
  const finders = new Map(names.map((n) => [n, new MentionFinder(names.filter((o) => o !== n))]));
  const ended = new Map(events.filter((e) => e.type === 'turn-ended').map((e) => [e.turn, e]));
  turns.forEach((started, i) => {
    if (started.passedOver !== undefined) tally.passedOver += 1;
    const end = ended.get(started.turn);
    if (end === undefined || end.status !== 'complete' || end.control === 'pass') return;
    tally.replies += 1;
    const naming = finders.get(started.speaker)?.naming(end.text) ?? {};
    if (naming.addressed === undefined && naming.passing === undefined) return;
    tally.naming += 1;
    if (naming.addressed !== undefined) {
      const how = naming.addressed.how ?? 'named';
      tally.addressed.set(how, (tally.addressed.get(how) ?? 0) + 1);
    } else tally.passingOnly += 1;
    const next = turns[i + 1];
    if (next?.phase !== started.phase || next.reason !== 'mention') return;
    tally.mentionFloors += 1;
    if (naming.addressed === undefined) tally.passingFloors += 1;
  });
}

const builds: [string, string][] = [['this', ROOT]];
if (flags.baseline !== undefined) builds.push(['baseline', resolve(flags.baseline)]);
const say = (line: string) => process.stdout.write(`${line}\n`);
const home = mkdtempSync(join(tmpdir(), 'bench-address-'));
try {
  for (const table of flags.tables.split(',')) {
    for (const format of flags.formats.split(',')) {
      const tallies = new Map(builds.map(([name]) => [name, newTally()]));
      const differ: number[] = [];
      for (const seed of SEEDS) {
        const speakers: string[][] = [];
        for (const [name, checkout] of builds) {
          const { events, turns } = runOnce(checkout, table, format, seed, home);
          count(events, turns, tallies.get(name) as Tally);
          speakers.push(turns.map((t: Event) => t.speaker));
        }
        const [a, b] = speakers;
        if (a !== undefined && b !== undefined) {
          const first = a.findIndex((speaker, k) => speaker !== b[k]);
          if (first >= 0) differ.push(first + 1);
        }
      }
      const turns = flags.turns === undefined ? '' : ` · ${flags.turns} turns`;
      say(`\n${table} · ${format} · seeds ${flags.seeds}${turns}`);
      for (const [name, t] of tallies) {
        const how = [...t.addressed].map(([k, v]) => `${k} ${v}`).join(', ');
        say(
          `  ${name.padEnd(8)} replies ${t.replies}, naming someone ${t.naming} (addressing: ${how}; in passing only: ${t.passingOnly}); mention floors ${t.mentionFloors}, of them after a passing-only reply ${t.passingFloors}; turns noting a seat named in passing ${t.passedOver}`,
        );
      }
      if (builds.length > 1) {
        say(
          `  runs whose discussion speakers differ: ${differ.length} of ${SEEDS.length}` +
            (differ.length > 0 ? ` (first differing discussion turn: ${differ.join(', ')})` : ''),
        );
      }
    }
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
