// The run library at 1,000 runs: how long indexing takes, and how long a search takes (the
// issue's figure: under 50 ms). Run: npx tsx scripts/bench-library.ts [runs] [turns]
//
// The runs are written by the real transcript writer into a temporary folder (Zipf-distributed
// words from a 6,000-word vocabulary, as natural text is), indexed with `reindex`, then searched
// with words of every frequency, phrases, prefixes and filters.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscussionEvent } from '../src/engine/events.js';
import { createRandom } from '../src/engine/random.js';
import { findTranscriptFolders } from '../src/library/find-folders.js';
import { Library } from '../src/library/library.js';
import { type HistoryFilter, listRuns } from '../src/library/queries.js';
import { writeRun } from '../src/library/test-utils/transcripts.js';
import { syntheticRun } from '../src/render/test-utils/events.js';
import { median } from './median.js';

const print = (...parts: unknown[]): void => {
  process.stdout.write(`${parts.join(' ')}\n`);
};

const RUNS = Number(process.argv[2] ?? 1000);
const TURNS = Number(process.argv[3] ?? 20);
const REPEATS = 30;

const random = createRandom(2026);
const syllables = ['ra', 'il', 'ta', 'ver', 'mon', 'ka', 'lu', 'den', 'sor', 'pi', 'ne', 'gro'];
const vocabulary = Array.from({ length: 6000 }, (_, i) => {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) {
    word += syllables[n % syllables.length];
  }
  return word;
});
// Zipf: the word of rank r has weight 1/r.
const weights = vocabulary.map((_, i) => 1 / (i + 1));
const total = weights.reduce((a, b) => a + b, 0);
const cumulative: number[] = [];
weights.reduce((sum, w, i) => {
  cumulative[i] = (sum + w) / total;
  return sum + w;
}, 0);
function word(): string {
  const x = random.next();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 1) < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo] ?? 'the';
}
const sentence = (words: number) =>
  `${Array.from({ length: words }, word).join(' ')}.`.replace(/^./, (c) => c.toUpperCase());

function runEvents(): DiscussionEvent[] {
  return syntheticRun({ turns: TURNS }).map((e) =>
    e.type === 'turn-ended' || e.type === 'summary'
      ? { ...e, text: `${sentence(30 + random.int(30))} ${sentence(20 + random.int(30))}` }
      : e,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

// BENCH_REUSE=<folder a BENCH_KEEP=1 run left> searches that library again without rebuilding it.
const reuse = process.env.BENCH_REUSE;
const root = reuse ?? mkdtempSync(join(tmpdir(), 'rt-bench-library-'));
const env = { ROUNDTABLE_HOME: join(root, 'home') };
try {
  let started = performance.now();
  const archive = join(root, 'transcripts');
  if (reuse === undefined) {
    for (let i = 0; i < RUNS; i++) {
      await writeRun(archive, {
        events: runEvents(),
        now: new Date(2026, 0, 1, 0, 0, i),
        run: { tableDir: `/tables/table-${i % 7}` },
      });
    }
  }
  const wrote = performance.now() - started;

  const library = Library.open({ env, warn: (message) => process.stderr.write(`${message}\n`) });
  started = performance.now();
  const indexed =
    reuse === undefined
      ? library.indexFolders(findTranscriptFolders(archive)).indexed
      : findTranscriptFolders(archive);
  const indexing = performance.now() - started;
  const passages = (library.db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number })
    .n;
  const { statSync } = await import('node:fs');
  const size = statSync(library.paths.db).size;

  const rank = (r: number) => vocabulary[r] ?? '';
  const cases: [string, HistoryFilter][] = [
    ['common word (rank 3)', { query: rank(2) }],
    ['mid word (rank 200)', { query: rank(199) }],
    ['rare word (rank 5,000)', { query: rank(4999) }],
    ['absent word', { query: 'zzyzzyx' }],
    ['two words', { query: `${rank(49)} ${rank(299)}` }],
    ['phrase', { query: `"${rank(0)} ${rank(1)}"` }],
    ['prefix, 2 letters (`ab*`)', { query: `${rank(150).slice(0, 2)}*` }],
    ['prefix, 3 letters (`abc*`)', { query: `${rank(150).slice(0, 3)}*` }],
    ['prefix, 4 letters (`abcd*`)', { query: `${rank(150).slice(0, 4)}*` }],
    [
      'word + table + since',
      { query: rank(99), table: 'table-3', since: new Date(2026, 0, 1, 0, 5) },
    ],
    ['word + model + status', { query: rank(99), model: 'llama', status: 'completed' }],
    ['no words, newest 20', {}],
    ['no words, 1,000 runs', { limit: 1000 }],
  ];
  print(
    `${indexed.length} runs, ${TURNS} turns each: ${passages.toLocaleString('en-US')} passages, library ${(size / 1e6).toFixed(1)} MB`,
  );
  print(`writing the transcript folders: ${(wrote / 1000).toFixed(1)} s`);
  print(
    `indexing them (reindex): ${(indexing / 1000).toFixed(2)} s, ${(indexing / indexed.length).toFixed(2)} ms a run`,
  );
  // Wall time waits for the CPU on a shared machine; CPU time is what the search itself costs
  // (one thread: the two are equal on an idle core).
  print(
    '\n| search | runs found | wall median | wall p95 | CPU median | CPU p95 |\n| --- | --- | --- | --- | --- | --- |',
  );
  const measure = (label: string, filter: HistoryFilter) => {
    const times: number[] = [];
    const cpu: number[] = [];
    let found = 0;
    for (let i = 0; i < REPEATS; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      found = listRuns(library.db, { limit: 20, ...filter }).length;
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    const ms = (values: number[], p?: number) =>
      `${(p === undefined ? median(values) : percentile(values, p)).toFixed(2)} ms`;
    print(
      `| ${label} | ${found} | ${ms(times)} | ${ms(times, 0.95)} | ${ms(cpu)} | ${ms(cpu, 0.95)} |`,
    );
  };
  for (const [label, filter] of cases) measure(label, filter);
  // The baseline in the same run: the prefix searches again on the full-text index as schema
  // version 1 made it, without the prefix index.
  library.db.exec(`
    DROP TABLE passages_fts;
    CREATE VIRTUAL TABLE passages_fts USING fts5(text, content = 'passages',
      content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO passages_fts (passages_fts) VALUES ('rebuild');
  `);
  for (const [label, filter] of cases) {
    if (label.startsWith('prefix')) measure(`${label}, no prefix index`, filter);
  }
  library.close();

  // The whole command, as a person runs it: Node's start-up included.
  const cli = join(import.meta.dirname, '..', 'bin', 'roundtable.js');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const result = spawnSync(process.execPath, [cli, 'history', rank(199)], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    times.push(performance.now() - t);
  }
  print(`\nroundtable history <mid word>, whole process: median ${median(times).toFixed(0)} ms`);

  // The baseline in the same run: what finding the word costs without the library (grep over
  // every events.jsonl, as a person would without an index).
  const greps: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync('grep', ['-rlw', '--include=events.jsonl', rank(199), archive], { encoding: 'utf8' });
    greps.push(performance.now() - t);
  }
  print(`grep -rlw <mid word> over the transcript folders: median ${median(greps).toFixed(0)} ms`);
} finally {
  // BENCH_KEEP=1 leaves the library and transcripts for a closer look.
  if (process.env.BENCH_KEEP === '1' || reuse !== undefined) print(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
