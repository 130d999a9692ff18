// The command line the offline-words scripts share: a table (default: the repository's own), the
// seeds to run, options by name and a --show flag.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** An option's value (`--name value`), or the fallback when it is not given. */
export const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
export const table = args[0] !== undefined && !args[0].startsWith('--') ? args[0] : root;
const [from, to] = option('--seeds', '1-12').split('-').map(Number) as [number, number];
export const seeds = Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
export const show = args.includes('--show');
export const say = (line: string) => process.stdout.write(`${line}\n`);
