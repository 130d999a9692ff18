import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same module runs from src/ (tests) and from the bundle in dist/ (the bin): walk up instead of
// guessing the depth.
function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'participants'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`roundtable: package root not found above ${from}`);
    dir = parent;
  }
}

/** The installed package's root: holds package.json and the example table. */
export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
