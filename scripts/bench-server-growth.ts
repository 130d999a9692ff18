// Whether a request's cost stays flat as its conversation grows: the 201 requests of the
// baseline's 200-turn replay (each the previous plus a turn, from ~4 KB to ~100 KB) answered by
// the offline model in-process (MarkovEndpoint), CPU per request by position in the discussion,
// over passes after a first one (each pass a conversation of its own). Results: docs/benchmarks.md.
//   npx tsx scripts/bench-server-growth.ts [passes, default 3]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { MarkovEndpoint } from '../test-server/requests.js';

const path = '/work/shared/reference/seed-baseline/bench/replay200.jsonl.gz';
const lines = gunzipSync(readFileSync(path))
  .toString('utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
const passes = Number(process.argv[2] ?? 3);
const endpoint = MarkovEndpoint.from({ logLevel: 'silent' });
const SLICE = 50;
const slices = Array.from({ length: Math.ceil(lines.length / SLICE) }, () => ({ ms: 0, n: 0 }));
for (let pass = 0; pass < passes; pass++) {
  for (const [index, line] of lines.entries()) {
    const body = JSON.parse(line) as { messages: { role: string; content: string }[] };
    const first = body.messages.find((message) => message.role !== 'system');
    if (first !== undefined) first.content = first.content.replace(/\n\n|$/, ` (${pass})$&`);
    const before = process.cpuUsage();
    const { generation } = endpoint.chat(body);
    for (const writer of generation.writers) while (!writer.done) writer.take(100_000);
    const used = process.cpuUsage(before);
    const slice = slices[Math.floor(index / SLICE)];
    if (pass > 0 && slice !== undefined) {
      slice.ms += (used.user + used.system) / 1000;
      slice.n++;
    }
  }
}
process.stdout.write(
  `CPU ms a request by position in the discussion (${passes - 1} passes after a first):\n`,
);
for (const [k, { ms, n }] of slices.entries())
  process.stdout.write(
    `  requests ${k * SLICE + 1}–${Math.min(lines.length, (k + 1) * SLICE)}: ${(ms / Math.max(1, n)).toFixed(2)}\n`,
  );
