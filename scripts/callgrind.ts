// How the instruction benchmarks run Node under valgrind's callgrind: the same on a busy machine
// as on a quiet one. V8 runs predictably (without it, V8's timing makes two counts of one build
// differ by 5–60%), and callgrind dumps its count whenever the process reads process.cpuUsage
// (uv_getrusage), so a harness marks the parts it wants counted apart by reading the clock.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** valgrind's arguments to run this Node under callgrind, writing `out`, `out.1`, `out.2`, … */
export function callgrindNode(out: string): string[] {
  return [
    '--tool=callgrind',
    '--smc-check=all-non-file',
    '--dump-before=uv_getrusage',
    `--callgrind-out-file=${out}`,
    process.execPath,
    '--predictable',
    '--hash-seed=1',
    '--random-seed=1',
  ];
}

/** The instructions of each dump of `out` in `dir`, in order (dump 1 first; the last part, `out` itself, left out). */
export function dumpCounts(dir: string, out: string): number[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${out}.`) && /^\d+$/.test(name.slice(out.length + 1)))
    .sort((a, b) => Number(a.slice(out.length + 1)) - Number(b.slice(out.length + 1)))
    .map((name) => Number(/^totals:\s+(\d+)/m.exec(readFileSync(join(dir, name), 'utf8'))?.[1]));
}
