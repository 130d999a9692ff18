// In-process A/B of the offline model: the same request bodies answered by this checkout's
// test-server and by another checkout's, alternating request by request in one process (each
// with a server of its own, both seeded alike), so that load on the machine falls on both
// alike. Reports CPU a request (median, quartiles) for each, and how many replies are
// byte-identical between the two. Results: docs/benchmarks.md, "Dummy server".
//
// Run:  node --expose-gc --import tsx scripts/bench-model-ab.ts --baseline <dir> [--workload replay|turn5|words20000|cold]
//         [--passes 4] [--seed 7] [--reference DIR] [--from-bytes]
//   --baseline  a folder holding another version's test-server/ (with node_modules reachable
//               from it), e.g. `git archive <commit> test-server | tar -x -C <dir>` and a
//               node_modules symlink; omitted, this checkout is measured against itself.
//   --from-bytes  each side also parses the request bytes, as its HTTP server does (its
//               JsonBodyMemo when it has one, else parseJsonBody), inside the measured block.
//   Each pass of the replay is a conversation of its own (its first message tagged), as in
//   scripts/bench-server.ts; the first pass warms up and is left out of the figures (its mean is
//   reported on a line of its own: what a server pays the first time it meets these seats).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inConversation, workloads } from './bench-server-workloads.js';

const { values: flags } = parseArgs({
  options: {
    baseline: { type: 'string' },
    workload: { type: 'string', default: 'replay' },
    passes: { type: 'string', default: '4' },
    seed: { type: 'string', default: '7' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
    'from-bytes': { type: 'boolean', default: false },
  },
});

interface Writer {
  readonly done: boolean;
  take(max: number): string;
}
interface Endpoint {
  chat(body: unknown): { generation: { writers: readonly Writer[] } };
}
interface EndpointModule {
  MarkovEndpoint: { from(options: { seed?: number; logLevel?: string }): Endpoint };
}

type BodyParser = (body: Buffer) => unknown;

/** How the side's HTTP server reads a body's bytes (with --from-bytes), or JSON.parse. */
async function parserFrom(dir: string): Promise<BodyParser> {
  if (!flags['from-bytes']) return (body) => JSON.parse(body.toString('utf8'));
  const memoPath = resolve(dir, 'test-server/json-body-memo.ts');
  if (existsSync(memoPath)) {
    const { JsonBodyMemo } = (await import(new URL(`file://${memoPath}`).href)) as {
      JsonBodyMemo: new (limit: number) => { parse: BodyParser };
    };
    // The server's share of the default cache (see app.ts).
    const memo = new JsonBodyMemo(1.6 * 1024 * 1024);
    return (body) => memo.parse(body);
  }
  const url = new URL(`file://${resolve(dir, 'test-server/json-body.ts')}`);
  const { parseJsonBody } = (await import(url.href)) as { parseJsonBody: BodyParser };
  return parseJsonBody;
}

async function endpointFrom(dir: string): Promise<Endpoint> {
  const url = new URL(`file://${resolve(dir, 'test-server/requests.ts')}`);
  const module = (await import(url.href)) as EndpointModule;
  return module.MarkovEndpoint.from({ seed: Number(flags.seed), logLevel: 'silent' });
}

const chosen = workloads(flags.reference)[flags.workload];
if (chosen === undefined) {
  process.stderr.write(
    `bench-model-ab: --workload must be one of replay, turn5, words20000, cold; got ${flags.workload}\n`,
  );
  process.exit(2);
}
const perPass = chosen.count ?? (flags.workload === 'cold' ? 200 : 100);
const passes = Number(flags.passes);
const here = resolve(import.meta.dirname, '..');
const sides = {
  this: await endpointFrom(here),
  baseline: await endpointFrom(flags.baseline ?? here),
};
const parsers = {
  this: await parserFrom(here),
  baseline: await parserFrom(flags.baseline ?? here),
};

/** Answers one body; returns the reply's text. */
function answer(endpoint: Endpoint, body: unknown): string {
  const { generation } = endpoint.chat(body);
  let text = '';
  for (const writer of generation.writers) while (!writer.done) text += writer.take(100_000);
  return text;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Requests answered by one side between two readings of the CPU clock (reading it costs). */
const BLOCK = 10;

const cpu = { this: [] as number[], baseline: [] as number[] };
/** The first pass, which fills the caches (a seat's sentence bank, its chains): reported apart. */
const first = { this: 0, baseline: 0 };
const total = { this: 0, baseline: 0 };
const counted = { this: 0, baseline: 0 };
let identical = 0;
let compared = 0;
const differing: number[] = [];
for (let pass = 0; pass < passes; pass++) {
  for (let from = 0; from < perPass; from += BLOCK) {
    const indexes = Array.from(
      { length: Math.min(BLOCK, perPass - from) },
      (_, i) => pass * perPass + from + i,
    );
    const bodies = indexes.map((index) =>
      flags.workload === 'turn5' || flags.workload === 'words20000'
        ? inConversation(chosen.body(index), pass)
        : chosen.body(index),
    );
    const order =
      (from / BLOCK) % 2 === 0 ? (['this', 'baseline'] as const) : (['baseline', 'this'] as const);
    const texts: Record<string, string[]> = {};
    for (const side of order) {
      const parse = parsers[side];
      const parsed: unknown[] = flags['from-bytes'] ? bodies : bodies.map(parse);
      // Each block starts from a collected heap (with --expose-gc), so that a collection one
      // side's garbage made is not paid by the other's block.
      gc?.();
      const before = process.cpuUsage();
      texts[side] = parsed.map((body) =>
        answer(sides[side], flags['from-bytes'] ? parse(body as Buffer) : body),
      );
      const used = process.cpuUsage(before);
      if (pass === 0) first[side] += (used.user + used.system) / 1000;
      if (pass > 0) {
        cpu[side].push((used.user + used.system) / 1000 / indexes.length);
        total[side] += (used.user + used.system) / 1000;
        counted[side] += indexes.length;
      }
    }
    for (const [k, index] of indexes.entries()) {
      compared++;
      if (texts.this?.[k] === texts.baseline?.[k]) identical++;
      else if (differing.length < 10) differing.push(index);
    }
  }
}

function summary(side: 'this' | 'baseline'): string {
  const values = cpu[side];
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = total[side] / Math.max(1, counted[side]);
  return `mean ${mean.toFixed(3)}; blocks' median ${at(0.5).toFixed(3)}, quartiles ${at(0.25).toFixed(3)}–${at(0.75).toFixed(3)}`;
}

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
process.stdout.write(
  [
    `${chosen.label}${flags['from-bytes'] ? ', from the bytes' : ''}: ${passes - 1} measured passes of ${perPass} (after one warm-up pass); seed ${flags.seed}; load ${load}`,
    `this      CPU ms a request (blocks of ${BLOCK}): ${summary('this')}`,
    `baseline  CPU ms a request (blocks of ${BLOCK}): ${summary('baseline')}`,
    `the first pass (cold caches), CPU ms a request: this ${(first.this / perPass).toFixed(3)}, baseline ${(first.baseline / perPass).toFixed(3)}`,
    `replies identical: ${identical} of ${compared}${differing.length > 0 ? ` (first differing: ${differing.join(', ')})` : ''}`,
    '',
  ].join('\n'),
);
