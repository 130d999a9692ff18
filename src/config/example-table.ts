import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the package's own example table (participants/ and task/), found by walking up
 * from this module, so it works from src/ under tsx and vitest and from dist/ once built.
 */
export function exampleTableDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'participants'))) {
      const name: unknown = JSON.parse(readFileSync(manifest, 'utf8')).name;
      if (name === 'roundtable') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no roundtable package above ${from}`);
    dir = parent;
  }
}
