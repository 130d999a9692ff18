// What the offline seats say, counted over seeds as a person reads the plain output: turns that
// recite a sentence of the context (and those opening on one, or on a fact about the meeting
// itself), phases where seats answer at once and two say the same sentence, sentences said twice
// in one run, and changed minds that keep the reason they had. Figures for docs and progress
// notes, not a test (tests/offline holds the tests). Build first (`node scripts/build.ts`).
//   node scripts/offline-words.ts [table] [--seeds 1-12] [--turns 10] [--long 40] [--show]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { option, root, say, seeds, show, table } from './offline-args.js';

const turns = option('--turns', '10');
const long = option('--long', '40');

const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
const context = readFileSync(join(table, 'task', 'context.txt'), 'utf8');
const facts = sentencesOf(context.replace(/\s+/g, ' '));
const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .match(/[\p{L}\p{N}€.,]+/gu)
    ?.map((w) => w.replace(/[.,]$/, '')) ?? [];
const runsOf = (text: string): string[] => {
  const w = wordsOf(text);
  return w.slice(5).map((_, i) => w.slice(i, i + 6).join(' '));
};
const contextRuns = new Set(runsOf(context.replace(/\s*\([^)]*\)/g, '')));
/** A fact about the meeting itself, not the case: odd in a seat's mouth. */
const META = /\b(?:tonight|round ?table|broadcast|this (?:meeting|evening|discussion|debate))\b/i;

/** The table with opening positions before the discussion and closing ones after it. */
const staged = mkdtempSync(join(tmpdir(), 'offline-words-'));
cpSync(table, staged, {
  recursive: true,
  filter: (path) => !/node_modules|\.git$|dist$/.test(path),
});
const config = join(staged, 'roundtable.config.json');
let settings: Record<string, unknown> = {};
try {
  settings = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
} catch {}
writeFileSync(
  config,
  JSON.stringify({
    ...settings,
    closing: true,
    phases: [
      { kind: 'opening' },
      { kind: 'discussion', turns: Number(turns) },
      { kind: 'closing' },
    ],
  }),
);
process.on('exit', () => rmSync(staged, { recursive: true, force: true }));

function run(seed: number, extra: string[], at = table): string {
  return execFileSync(
    process.execPath,
    [
      'bin/roundtable.js',
      'run',
      at,
      '--plain',
      '--no-transcript',
      '--seed',
      String(seed),
      ...extra,
    ],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20, stdio: 'pipe' },
  ).toString();
}

interface Said {
  readonly section: string;
  readonly parallel: boolean;
  readonly speaker: string;
  readonly text: string;
}

/** Each seat's words, in order, with the section (phase) they were said in. */
function said(output: string): Said[] {
  const out: Said[] = [];
  let section = 'discussion';
  let parallel = false;
  let last: { speaker: string; text: string[] } | undefined;
  const flush = () => {
    if (last !== undefined)
      out.push({ section, parallel, speaker: last.speaker, text: last.text.join(' ') });
    last = undefined;
  };
  for (const line of output.split('\n')) {
    const header = /^── (.+?) ──(.*)$/.exec(line);
    if (header !== null) {
      flush();
      section = header[1] ?? '';
      parallel = /everyone at once/.test(header[2] ?? '');
      continue;
    }
    if (line.startsWith('Topic: ') || line.startsWith('Finished:') || /^─+$/.test(line)) {
      flush();
      continue;
    }
    const turn = /^([A-Z][\p{L}'-]*): (.*)$/u.exec(line);
    if (turn !== null && !/^(?:Dissent|Borda)/.test(line)) {
      flush();
      last = { speaker: turn[1] ?? '', text: [turn[2] ?? ''] };
    } else if (last !== undefined && /^\s+\S/.test(line) && parallel) last.text.push(line.trim());
    else if (line.trim() === '' || line.startsWith('(')) flush();
  }
  flush();
  return out.filter((s) => !/^(?:Summary|Verdict|Outcome)/.test(s.section));
}

const INTRO = /^(?:Hello, everyone, |Good evening, )?(?:I'm|My name is|I am) /;
/** The sentences of a turn that are the seat's own words (not its introduction). */
const ownSentences = (text: string) => sentencesOf(text).filter((s) => !INTRO.test(s));
/** What two seats answering at once may share without saying the same thing: a bare choice. */
const bare = (s: string) =>
  /^\d+ → .*sure(?:; I changed my mind)?\)\.$/.test(s) || s.split(' ').length < 5;

interface Tally {
  turns: number;
  withFact: number;
  usingFact: number;
  usingExamples: string[];
  openingOnFact: number;
  meta: number;
  factCounts: Map<string, number>;
  rounds: number;
  chorusRounds: number;
  chorusExamples: string[];
  runs: number;
  repeats: number;
  repeatExamples: string[];
  changed: number;
  sameReason: number;
}

const tally = (): Tally => ({
  turns: 0,
  withFact: 0,
  usingFact: 0,
  usingExamples: [],
  openingOnFact: 0,
  meta: 0,
  factCounts: new Map(),
  rounds: 0,
  chorusRounds: 0,
  chorusExamples: [],
  runs: 0,
  repeats: 0,
  repeatExamples: [],
  changed: 0,
  sameReason: 0,
});

function count(t: Tally, output: string): void {
  const all = said(output);
  for (const s of all.filter((s) => !s.parallel)) {
    t.turns++;
    const own = ownSentences(s.text);
    const held = facts.filter((fact) => s.text.includes(fact));
    if (held.length > 0) t.withFact++;
    const using = own.filter(
      (x) => !facts.includes(x) && runsOf(x).some((r) => contextRuns.has(r)),
    );
    if (using.length > 0) {
      t.usingFact++;
      t.usingExamples.push(`${s.speaker}: ${using[0]}`);
    }
    if (own[0] !== undefined && facts.includes(own[0])) t.openingOnFact++;
    if (held.some((fact) => META.test(fact))) t.meta++;
    for (const fact of held) t.factCounts.set(fact, (t.factCounts.get(fact) ?? 0) + 1);
  }
  // Parallel phases: a phase (section) where two seats say one sentence word for word.
  const sections = new Map<string, Said[]>();
  for (const s of all.filter((s) => s.parallel))
    sections.set(s.section, [...(sections.get(s.section) ?? []), s]);
  for (const [section, answers] of sections) {
    t.rounds++;
    const bySentence = new Map<string, Set<string>>();
    for (const a of answers)
      for (const s of ownSentences(a.text).filter((s) => !bare(s)))
        bySentence.set(s, new Set([...(bySentence.get(s) ?? []), a.speaker]));
    const shared = [...bySentence].filter(([, who]) => who.size > 1);
    if (shared.length > 0) {
      t.chorusRounds++;
      t.chorusExamples.push(
        `${section}: ${shared.map(([s, who]) => `${[...who].join('+')} "${s}"`).join('; ')}`,
      );
    }
  }
  // Changed minds: "(…; I changed my mind). Because …" keeping the reason an earlier answer gave.
  const reasons = new Map<string, string[]>();
  for (const s of all.filter((s) => s.parallel)) {
    const parts = s.text.split(/(?=\b\d+ → )/);
    for (const part of parts) {
      const reason = /Because [^.]*\./.exec(part)?.[0];
      const number = /^(\d+) → /.exec(part)?.[1];
      if (reason === undefined || number === undefined) continue;
      const key = `${s.speaker} ${number}`;
      if (/I changed my mind/.test(part)) {
        t.changed++;
        if ((reasons.get(key) ?? []).includes(reason)) t.sameReason++;
      }
      reasons.set(key, [...(reasons.get(key) ?? []), reason]);
    }
  }
}

/** Sentences of the seats' own words said more than once in one run (by anyone). */
function repeats(t: Tally, output: string): void {
  t.runs++;
  const seen = new Map<string, string>();
  for (const s of said(output))
    for (const sentence of ownSentences(s.text).filter(
      (x) => !bare(x) && !x.startsWith('Because '),
    )) {
      const before = seen.get(sentence);
      if (before !== undefined) {
        t.repeats++;
        if (t.repeatExamples.length < 6)
          t.repeatExamples.push(`${before}/${s.speaker}: "${sentence}"`);
      } else seen.set(sentence, s.speaker);
    }
}

const formats: [string, string[], string?][] = [
  ['default', ['--turns', turns]],
  ['rounds', ['--format', 'rounds']],
  ['debate', ['--format', 'debate', '--turns', turns]],
  ['opening+closing', [], staged],
];
const totals = tally();
for (const [name, extra, at] of formats) {
  const t = tally();
  for (const seed of seeds) {
    const output = run(seed, extra, at);
    if (show) say(`\n##### seed ${seed} ${name}\n${output}`);
    count(t, output);
    count(totals, output);
    if (name === 'default') repeats(totals, output);
  }
  say(
    `${name}: turns ${t.turns}, with a context sentence ${t.withFact} (opening on one ${t.openingOnFact}, a meeting fact ${t.meta}), a fact in a sentence of its own ${t.usingFact}; ` +
      `parallel phases ${t.rounds}, two seats alike in ${t.chorusRounds}; changed minds ${t.changed}, same reason ${t.sameReason}`,
  );
  for (const example of t.chorusExamples.slice(0, 4)) say(`  chorus ${example}`);
  for (const example of t.usingExamples.slice(0, 3)) say(`  woven ${example}`);
}
const longRuns = tally();
for (const seed of seeds.slice(0, 3)) repeats(longRuns, run(seed, ['--turns', long]));
say(
  `sentences said again: ${totals.repeats} over ${totals.runs} ${turns}-turn runs; ${longRuns.repeats} over ${longRuns.runs} ${long}-turn runs`,
);
for (const example of [...totals.repeatExamples, ...longRuns.repeatExamples])
  say(`  again ${example}`);
const common = [...totals.factCounts].sort((a, b) => b[1] - a[1]).slice(0, 3);
for (const [fact, n] of common) say(`  fact x${n}: ${fact}`);
