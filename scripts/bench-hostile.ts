// The figures of the hostile inputs the adversarial review found (issue 11), each measured beside
// what it cost before in the same run where that can still be run safely:
//   heading     a Markdown persona heading `# R: A`, a run of spaces, `B`: the heading parser of
//               efed2d2 (its two trailing-group regular expressions, copied below) against today's,
//               at 30 KB to 1 MB (the old one only up to 120 KB: it is quadratic)
//   gap         loadTable of a table with participants/role99999999.json: time, what it says,
//               peak RSS (before: the heap ran out, one problem per missing number)
//   special     loadTable of a table whose task/context.txt is a FIFO, and whose summarize.txt
//               links to /dev/zero (followed on request): time to refuse (before: a hang, 6.3 GB)
//   endless     `roundtable run --plain` against a server that streams without end, max_tokens
//               400: completion tokens recorded, wall time (before: 1,015,750 tokens, no end)
// Results and how to read them: docs/benchmarks.md, "Hostile inputs".
//
// Run:  npm run build && npx tsx scripts/bench-hostile.ts [--runs 5]
import { execFileSync, spawn } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTable } from '../src/config/load-table.js';
import { readRoleMarkdown } from '../src/config/markdown-role.js';
import { parseHeading } from '../src/config/persona-heading.js';
import { InputError } from '../src/errors.js';
import { BIN, cleanEnv, ensureBuilt, writeTable } from '../tests/helpers/cli.js';
import { startFaultServer } from '../tests/helpers/fault-server.js';
import { medianRange } from './median.js';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(flags.runs);
const print = (line: string) => process.stdout.write(`${line}\n`);

/** efed2d2's heading split, as it was: trailing `(lang)` and `[gender]` found by regex. */
function parseHeadingBefore(text: string): string {
  let rest = text.trim();
  let language: string | undefined;
  let gender: string | undefined;
  for (;;) {
    const paren = /\s*\(([^()]*)\)$/.exec(rest);
    if (paren?.[1] !== undefined && language === undefined) {
      language = paren[1].trim();
      rest = rest.slice(0, paren.index).trimEnd();
      continue;
    }
    const bracket = /\s*\[([^[\]]*)\]$/.exec(rest);
    if (bracket?.[1] !== undefined && gender === undefined && bracket[1].trim() !== '') {
      gender = bracket[1].trim();
      rest = rest.slice(0, bracket.index).trimEnd();
      continue;
    }
    break;
  }
  return rest;
}

function timeMs(body: () => void): number {
  const started = performance.now();
  body();
  return performance.now() - started;
}

async function timeMsAsync(body: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

async function refused(dir: string, options?: Parameters<typeof loadTable>[1]): Promise<string> {
  try {
    await loadTable(dir, options);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error(`${dir} loaded, but should have been refused`);
}

print(`## heading parser (median of ${RUNS}, ms)\n`);
print(
  '| heading | before: parseHeading (efed2d2) | now: parseHeading | now: the whole persona file |',
);
print('| --- | ---: | ---: | ---: |');
for (const kb of [30, 60, 120, 1024]) {
  const heading = `R: A${' '.repeat(kb * 1024)}B`;
  const file = `# ${heading}\nYou are R, and you keep it short.\n`;
  const now = Array.from({ length: RUNS }, () => timeMs(() => parseHeading(heading)));
  const whole = Array.from({ length: RUNS }, () =>
    timeMs(() => readRoleMarkdown(file, 'role1.md')),
  );
  // The old parser is quadratic (about a minute and a half at 120 KB on a busy 2-core machine; at
  // 1 MB it would take hours): fewer rounds of it as the heading grows, none at 1 MB.
  const beforeRuns = kb <= 30 ? RUNS : kb <= 60 ? Math.min(RUNS, 3) : kb <= 120 ? 1 : 0;
  const before = Array.from({ length: beforeRuns }, () =>
    timeMs(() => parseHeadingBefore(heading)),
  );
  print(
    `| \`# R: A\` + ${kb} KB of spaces + \`B\` | ${before.length > 0 ? medianRange(before, 0) : 'not run'} | ${medianRange(now, 3)} | ${medianRange(whole, 2)} |`,
  );
}

const tmp = mkdtempSync(join(tmpdir(), 'roundtable-bench-hostile-'));
try {
  print(`\n## table loading (median of ${RUNS})\n`);
  print('| table | ms | what it says |');
  print('| --- | ---: | --- |');
  const gap = writeTable(join(tmp, 'gap'), 3);
  writeFileSync(
    join(gap, 'participants', 'role99999999.json'),
    readFileSync(join(gap, 'participants', 'role3.json')),
  );
  const gapTimes: number[] = [];
  let said = '';
  for (let i = 0; i < RUNS; i++) {
    gapTimes.push(
      await timeMsAsync(async () => {
        said = await refused(gap);
      }),
    );
  }
  print(
    `| participants/role99999999.json | ${medianRange(gapTimes)} | ${said.split('\n').length} line(s): ${said.replace(/^.*role99999999\.json: /s, '').slice(0, 60)}… |`,
  );

  const special = writeTable(join(tmp, 'special'), 2);
  rmSync(join(special, 'task', 'context.txt'));
  execFileSync('mkfifo', [join(special, 'task', 'context.txt')]);
  symlinkSync('/dev/zero', join(special, 'task', 'summarize.txt'));
  const specialTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    specialTimes.push(
      await timeMsAsync(async () => {
        said = await refused(special, { followOutsideSymlinks: true });
      }),
    );
  }
  const problems = said.split('\n').filter((l) => l.includes('not a regular file')).length;
  print(
    `| context.txt a FIFO, summarize.txt → /dev/zero (links out allowed) | ${medianRange(specialTimes)} | ${problems} problems, "not a regular file" |`,
  );

  print(
    `\npeak RSS of this process so far: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );

  print(`\n## endless stream, max_tokens 400 (median of ${RUNS})\n`);
  ensureBuilt();
  const server = await startFaultServer({ schedule: () => ({ kind: 'endless' }) });
  try {
    const table = writeTable(join(tmp, 'endless'), 2);
    const tokens: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = join(tmp, `endless-out-${i}`);
      const started = performance.now();
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            BIN,
            'run',
            table,
            '--plain',
            '--base-url',
            server.baseUrl,
            '--model',
            'endless',
            '--turns',
            '1',
            '--no-introductions',
            '--no-summary',
            '--max-tokens',
            '400',
            '--out',
            out,
          ],
          { env: cleanEnv(), stdio: 'ignore', detached: true },
        );
        const guard = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), 120_000);
        child.on('error', reject);
        child.on('close', (exit) => {
          clearTimeout(guard);
          resolve(exit);
        });
      });
      walls.push((performance.now() - started) / 1000);
      if (code !== 0) throw new Error(`run against the endless server exited ${code}`);
      const [folder] = readdirSync(out);
      const ended = readFileSync(join(out, folder ?? '', 'events.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.includes('"type":"turn-ended"'))
        .map(
          (line) => JSON.parse(line) as { status: string; usage?: { completionTokens: number } },
        );
      const turn = ended[0];
      if (turn?.status !== 'cut-off') throw new Error(`the endless turn ended ${turn?.status}`);
      tokens.push(turn.usage?.completionTokens ?? Number.NaN);
    }
    print('| completion tokens recorded | wall (s), whole run | status |');
    print('| ---: | ---: | --- |');
    print(`| ${medianRange(tokens, 0)} | ${medianRange(walls)} | cut-off |`);
  } finally {
    await server.close();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
