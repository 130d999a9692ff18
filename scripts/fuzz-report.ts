// The fuzzing figures of docs/reliability.md: runs each property-based fuzzer of the test suite
// much longer and counts, per target, the inputs tried, how they were handled and any crash.
//   npx tsx scripts/fuzz-report.ts [runs per target, default 2000] [seed]
import fc from 'fast-check';
import { loadOutcome, tableFolder } from '../src/config/test-utils/fuzz-table.js';
import { eventLog, readOutcome } from '../src/transcript/test-utils/fuzz-log.js';
import { buildDummyApp } from '../test-server/app.js';
import { fuzzRequest, requestOutcome } from '../test-server/test-utils/fuzz-request.js';

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);

interface Tally {
  readonly target: string;
  readonly counts: Record<string, number>;
  readonly crashes: string[];
  ms: number;
}

async function tally<T>(
  target: string,
  arbitrary: fc.Arbitrary<T>,
  outcome: (input: T) => Promise<{ kind: string; error?: unknown }>,
): Promise<Tally> {
  const result: Tally = { target, counts: {}, crashes: [], ms: 0 };
  const started = performance.now();
  for (const input of fc.sample(arbitrary, { numRuns: runs, seed })) {
    const { kind, error } = await outcome(input);
    result.counts[kind] = (result.counts[kind] ?? 0) + 1;
    if (kind === 'crashed') result.crashes.push(String((error as Error)?.stack ?? error));
  }
  result.ms = performance.now() - started;
  return result;
}

const dummy = buildDummyApp({ logLevel: 'silent', tokensPerSecond: 0 });
await dummy.ready();
const results = [
  await tally('table loader (loadTable)', tableFolder, loadOutcome),
  await tally('event-log reader (readEvents + resume)', eventLog, readOutcome),
  // Accepted: a completion with text (or a stream to [DONE]); refused: an OpenAI-style 4xx.
  await tally('dummy server requests (POST /v1/…)', fuzzRequest, async (request) => {
    const outcome = await requestOutcome(dummy, request);
    return outcome.kind === 'answered'
      ? { kind: 'accepted' }
      : outcome.kind === 'refused'
        ? { kind: 'refused' }
        : { kind: 'crashed', error: 'error' in outcome ? outcome.error : '' };
  }),
];
await dummy.close();
const print = (line: string) => process.stdout.write(`${line}\n`);
print(`seed ${seed}, ${runs} inputs per target\n`);
print('| target | inputs | accepted | refused (exit 2 / a 4xx, named) | crashed | time |');
print('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const accepted = (r.counts.loaded ?? 0) + (r.counts.accepted ?? 0);
  print(
    `| ${r.target} | ${runs} | ${accepted} | ${r.counts.refused ?? 0} | ${r.counts.crashed ?? 0} | ${(r.ms / 1000).toFixed(1)} s |`,
  );
}
for (const r of results)
  for (const crash of r.crashes.slice(0, 3)) print(`\n${r.target}:\n${crash}`);
