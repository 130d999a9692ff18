// How many walks the offline model makes a request, for a workload, in this checkout or another
// (--dir): each call of Walker.sentence is one walk over a seat's chains. Not timed: a count
// that load on the machine cannot move, to say where a CPU difference comes from (docs/
// benchmarks.md, "Session 10: the offline words' seams and what they cost").
//
// Run:  npx tsx scripts/bench-model-walks.ts [--dir <checkout>] [--workload cold|replay|turn5] [--requests 300]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { workloads } from './bench-server-workloads.js';

const { values: flags } = parseArgs({
  options: {
    dir: { type: 'string', default: resolve(import.meta.dirname, '..') },
    workload: { type: 'string', default: 'cold' },
    requests: { type: 'string', default: '300' },
    reference: { type: 'string', default: '/work/shared/reference/seed-baseline/bench' },
  },
});

interface Writer {
  readonly done: boolean;
  take(max: number): string;
}
interface Endpoint {
  chat(body: unknown): { generation: { writers: readonly Writer[] } };
}

const dir = resolve(flags.dir);
const load = async <T>(path: string) =>
  (await import(new URL(`file://${resolve(dir, path)}`).href)) as T;
const { Walker } = await load<{ Walker: { prototype: { sentence: (...a: never[]) => unknown } } }>(
  'test-server/model/chain/walker.ts',
);
const { MarkovEndpoint } = await load<{
  MarkovEndpoint: { from(options: { seed?: number; logLevel?: string }): Endpoint };
}>('test-server/requests.ts');

let walks = 0;
const walkers = new WeakSet<object>();
let walkersSeen = 0;
const sentence = Walker.prototype.sentence;
Walker.prototype.sentence = function (this: object, ...args: never[]) {
  walks++;
  if (!walkers.has(this)) {
    walkers.add(this);
    walkersSeen++;
  }
  return sentence.apply(this, args);
};

const workload = workloads(flags.reference)[flags.workload];
if (workload === undefined) {
  process.stderr.write(`bench-model-walks: no workload ${flags.workload}\n`);
  process.exit(2);
}
const endpoint = MarkovEndpoint.from({ seed: 7, logLevel: 'silent' });
const requests = Number(flags.requests);
for (let i = 0; i < requests; i++) {
  const { generation } = endpoint.chat(JSON.parse(workload.body(i).toString('utf8')));
  for (const writer of generation.writers) while (!writer.done) writer.take(100_000);
}
const per = (n: number) => (n / requests).toFixed(1);
process.stdout.write(
  `${dir} ${flags.workload}: ${per(walks)} walks a request, ${per(walkersSeen)} walkers a request (${requests} requests)\n`,
);
