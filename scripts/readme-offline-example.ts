// The README quotes the opening of the offline discussion as `npx roundtable run` really prints
// it. This regenerates that quote from the built CLI (`npm run build` first);
// tests/offline/readme-example.test.ts fails when the README and the real output differ.
//   npx tsx scripts/readme-offline-example.ts
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The seed of the quoted run, shown in the README's command. */
export const EXAMPLE_SEED = 3;
/** How many turns the quote shows. */
const TURNS_SHOWN = 5;

const START = '<!-- offline-example:start -->';
const END = '<!-- offline-example:end -->';
const root = fileURLToPath(new URL('..', import.meta.url));

/** The opening of `roundtable run --seed EXAMPLE_SEED` offline: topic, markers and turns. */
export async function offlineExample(): Promise<string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(OPENAI_|ROUNDTABLE_|FORCE_COLOR$|CI$)/.test(key))
      env[key] = value;
  }
  env.NO_COLOR = '1';
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/roundtable.js', 'run', '--plain', '--no-transcript', '--seed', String(EXAMPLE_SEED)],
    { cwd: root, env, maxBuffer: 16 * 1024 * 1024 },
  );
  const lines = stdout.split('\n');
  const first = lines.findIndex((line) => line.startsWith('Topic: '));
  const isTurn = (line: string) => /^[^\s:()]+: /.test(line) && !line.startsWith('Topic: ');
  const shown: string[] = [];
  let turns = 0;
  for (const line of lines.slice(first)) {
    if (isTurn(line)) turns++;
    if (turns > TURNS_SHOWN) break;
    shown.push(line);
  }
  // End on the last turn shown, not on the markers that open the next one.
  while (shown.length > 0 && !isTurn(shown.at(-1) ?? '')) shown.pop();
  return ['```text', ...shown, '```'].join('\n');
}

/** The README's quote, between its markers. */
export function quotedExample(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return readme.slice(start + START.length, end).trim();
}

export function withOfflineExample(readme: string, example: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${example}\n${readme.slice(end)}`;
}

if (process.argv[1]?.endsWith('readme-offline-example.ts')) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, withOfflineExample(readFileSync(path, 'utf8'), await offlineExample()));
}
