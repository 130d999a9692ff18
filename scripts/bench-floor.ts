// What the moderator does with a seat named in a reply, and how many topics a run reaches, over
// offline runs of a table (the init table by default) at a list of seeds, in every format.
// Counts, not times: the same on a busy machine as on a quiet one. Results: docs/benchmarks.md,
// "Engine".
//
// Each run is the real CLI (`run --json --seed N --format F --no-transcript`) of a build. A named
// seat is the last seat a discussion reply names (the engine's own MentionFinder, a [pass] names
// nobody); it is answered when the next turn of the phase is its own, and otherwise counted by
// what gave the floor instead (the next turn's guard or reason; `fair` in a debate is mostly the
// other side's turn). In a debate a seat not answered next is answered at its side's turn when
// its side's next turn is its own (on another topic when the topic moved first); not answered
// there, by the policy on another topic, its question lapsed as the topic moved. Longest wait, in
// a debate: the seat's own side's turns it went without the floor. Topics reached: the questions
// the discussion turns were on.
//
// Run:  node scripts/build.ts && npx tsx scripts/bench-floor.ts [--baseline <dir>] [--build <dir>]
//         [--table <dir>] [--seeds 1-12,42] [--formats roundtable,debate,council]
//   --baseline  another build (a checkout with bin/ and dist/) counted the same way beside this one
//   --build     the build counted as "this" (default: this checkout)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MentionFinder } from '../src/engine/mentions.js';
import { createRandom, deriveSeed, normalizeSeed } from '../src/engine/random.js';
import { everyToProbability, MAX_TOPICS_DUE } from '../src/engine/schedule.js';
import { ROOT } from '../tests/helpers/cli.js';

const { values: flags } = parseArgs({
  options: {
    baseline: { type: 'string' },
    build: { type: 'string' },
    table: { type: 'string', default: '/work/coord/t-lead13' },
    seeds: { type: 'string', default: '1-12,42' },
    formats: { type: 'string', default: 'roundtable,debate,council' },
  },
});

function seedList(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) throw new Error(`--seeds: "${part}" is no seed`);
    const last = to ?? from;
    return Array.from({ length: last - from + 1 }, (_, i) => from + i);
  });
}
const SEEDS = seedList(flags.seeds);
const FORMATS = flags.formats.split(',');

// biome-ignore lint/suspicious/noExplicitAny: the events of two builds, read loosely
type Event = any;

interface Tally {
  runs: number;
  named: number;
  answered: number;
  /** Not answered next, but at the named seat's side's next turn (debates). */
  atSideTurn: number;
  /** Of those, answered on another topic: the topic moved before its side's turn. */
  overMove: number;
  /** Named on the phase's last turn: no turn left to answer. */
  lastTurn: number;
  /** Not answered, by what gave the next turn instead. */
  instead: Map<string, number>;
  topics: number[];
  /** Scheduled topic changes dropped by a wrap-up turn. */
  dropped: number;
  /** The longest any seat went without the floor within a discussion phase. */
  longestWait: number;
  /** Turns on which a due silence guard waited for a named seat's answer. */
  postponed: number;
  /** Turns the silence guard gave. */
  silenced: number;
}

function runOnce(checkout: string, format: string, seed: number, home: string): Event[] {
  const args = [join(checkout, 'bin', 'roundtable.js'), 'run', flags.table, '--json'];
  args.push('--seed', String(seed), '--format', format, '--no-transcript');
  const env = { ...process.env, ROUNDTABLE_HOME: home, NO_COLOR: '1' };
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${format} seed ${seed}: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

function count(events: readonly Event[], tally: Tally): void {
  tally.runs += 1;
  const started0 = events.find((e) => e.type === 'discussion-started');
  const debate = started0?.settings?.format === 'debate';
  const sideOf = new Map<string, string>(
    (started0?.participants ?? []).map((p: { name: string; side?: string }) => [
      p.name,
      debate ? (p.side ?? '').toLowerCase() : '',
    ]),
  );
  const names: string[] = started0?.participants?.map((p: { name: string }) => p.name) ?? [
    ...new Set(events.filter((e) => e.type === 'turn-started').map((e) => e.speaker)),
  ];
  const finders = new Map(
    names.map((name) => [name, new MentionFinder(names.filter((other) => other !== name))]),
  );
  const discussion = new Set(
    events.filter((e) => e.type === 'phase-started' && e.kind === 'discussion').map((e) => e.phase),
  );
  const turns = events.filter(
    (e) => e.type === 'turn-started' && e.kind === 'turn' && discussion.has(e.phase),
  );
  const ended = new Map(events.filter((e) => e.type === 'turn-ended').map((e) => [e.turn, e]));
  const topics = new Set<number>();
  // Steps counted per side (one side at a round table): a seat waits for its own side's turns.
  const lastSeen = new Map<string, number>();
  const sideStep = new Map<string, number>();
  let phase: number | undefined;
  turns.forEach((started: Event, i: number) => {
    if (started.phase !== phase) {
      phase = started.phase;
      sideStep.clear();
      lastSeen.clear();
      for (const name of names) lastSeen.set(name, 0);
    }
    const side = sideOf.get(started.speaker) ?? '';
    const step = (sideStep.get(side) ?? 0) + 1;
    sideStep.set(side, step);
    tally.longestWait = Math.max(
      tally.longestWait,
      step - (lastSeen.get(started.speaker) ?? 0) - 1,
    );
    lastSeen.set(started.speaker, step);
    topics.add(started.topic.index);
    if (started.guard === 'silence') tally.silenced += 1;
    for (const held of started.withheld ?? []) {
      if (held.decision === 'topic-change' && held.reason === 'wrap-up') tally.dropped += 1;
      if (held.decision === 'silence-guard') tally.postponed += 1;
    }
    const end = ended.get(started.turn);
    if (end === undefined || end.control === 'pass' || end.status !== 'complete') return;
    const named = finders.get(started.speaker)?.last(end.text);
    if (named === undefined) return;
    tally.named += 1;
    const next = turns[i + 1];
    if (next === undefined || next.phase !== started.phase) {
      tally.lastTurn += 1;
    } else if (next.speaker === named) {
      tally.answered += 1;
    } else {
      // In a debate the turn that could answer is the named seat's side's next one.
      const answer = debate
        ? turns
            .slice(i + 1)
            .find(
              (later: Event) =>
                later.phase === started.phase && sideOf.get(later.speaker) === sideOf.get(named),
            )
        : next;
      if (debate && answer?.speaker === named) {
        tally.atSideTurn += 1;
        if (answer.topic.index !== started.topic.index) tally.overMove += 1;
        return;
      }
      // A newer question or a guard decides that turn whatever the topic; else a question asked
      // on another topic than the turn's lapsed with it.
      const decided = answer?.guard ?? (answer?.reason === 'mention' ? 'mention' : undefined);
      const why =
        answer === undefined
          ? 'no side turn left'
          : (decided ??
            (answer.topic.index !== started.topic.index ? 'topic moved first' : answer.reason));
      tally.instead.set(why, (tally.instead.get(why) ?? 0) + 1);
    }
  });
  // Seats never heard in a phase waited its whole length (their side's turns).
  for (const [name, last] of lastSeen) {
    const steps = sideStep.get(sideOf.get(name) ?? '') ?? 0;
    tally.longestWait = Math.max(tally.longestWait, steps - last);
  }
  if (turns.length > 0) tally.topics.push(topics.size);
}

function measure(checkout: string): Map<string, Tally> {
  const home = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  try {
    const byFormat = new Map<string, Tally>();
    for (const format of FORMATS) {
      const tally: Tally = {
        runs: 0,
        named: 0,
        answered: 0,
        atSideTurn: 0,
        overMove: 0,
        lastTurn: 0,
        instead: new Map(),
        topics: [],
        dropped: 0,
        longestWait: 0,
        postponed: 0,
        silenced: 0,
      };
      for (const seed of SEEDS) count(runOnce(checkout, format, seed, home), tally);
      byFormat.set(format, tally);
    }
    return byFormat;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function row(name: string, tally: Tally): string {
  const unanswered = [...tally.instead.values()].reduce((a, b) => a + b, 0);
  const instead = [...tally.instead].map(([why, n]) => `${why} ${n}`).join(', ') || '–';
  const mean = tally.topics.reduce((a, b) => a + b, 0) / Math.max(1, tally.topics.length);
  const spread = tally.topics.length === 0 ? '–' : `${mean.toFixed(2)} (${tally.topics.join(' ')})`;
  return [
    `| ${name}`,
    tally.runs,
    tally.named,
    tally.answered,
    tally.overMove === 0
      ? tally.atSideTurn
      : `${tally.atSideTurn} (${tally.overMove} after a topic move)`,
    `${unanswered}: ${instead}`,
    tally.lastTurn,
    tally.silenced,
    tally.postponed,
    tally.longestWait,
    spread,
    `${tally.dropped} |`,
  ].join(' | ');
}

const builds: [string, string][] = [['this', resolve(flags.build ?? ROOT)]];
if (flags.baseline !== undefined) builds.push(['baseline', resolve(flags.baseline)]);
const results = builds.map(([name, dir]) => [name, measure(dir)] as const);
process.stdout.write(
  `${flags.table}, seeds ${flags.seeds}\n\n` +
    '| build, format | runs | named | answered next | at its side’s turn | not answered: what took the floor | on the last turn | silence guard turns | silence postponed | longest wait (debate: side’s turns) | topics reached, mean (each run) | changes dropped by wrap-up |\n' +
    '| --- | --: | --: | --: | --: | --- | --: | --: | --: | --: | --- | --: |\n',
);
for (const format of FORMATS) {
  for (const [name, byFormat] of results) {
    const tally = byFormat.get(format);
    if (tally !== undefined) process.stdout.write(`${row(`${name}, ${format}`, tally)}\n`);
  }
}

/**
 * What the schedule's draws allow, whatever the replies: the mean topics a run reaches when no
 * answer holds a change (two turns a topic, MAX_TOPICS_DUE waiting), and when every draw before
 * the wrap-up is a change. The init table's settings: 10 turns, 3 wrap-up turns, every 5.
 */
function drawsAllow(seeds: readonly number[]): { held: number; every: number } {
  const settings = { turns: 10, wrapUpTurns: 3, topicChangeEvery: 5 };
  const p = everyToProbability(settings.topicChangeEvery);
  let held = 0;
  let every = 0;
  for (const seed of seeds) {
    let due = 0;
    let onTopic = 0;
    let topics = 1;
    for (let turn = 1; turn <= settings.turns - settings.wrapUpTurns; turn++) {
      const drawn = turn > 1 && createRandom(deriveSeed(normalizeSeed(seed), turn)).chance(p);
      if (drawn) every += 1;
      due += drawn ? 1 : 0;
      if (due > 0 && onTopic >= 2) {
        topics += 1;
        due -= 1;
        onTopic = 0;
      }
      due = Math.min(due, MAX_TOPICS_DUE);
      onTopic += 1;
    }
    held += topics;
  }
  return { held: held / seeds.length, every: 1 + every / seeds.length };
}

const allow = drawsAllow(SEEDS);
process.stdout.write(
  `\nTopics the draws allow (roundtable): ${allow.held.toFixed(2)} with two turns a topic and no answer holding a change; ${allow.every.toFixed(2)} with every draw before the wrap-up a change.\n`,
);
