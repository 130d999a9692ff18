// Imported before bin/roundtable.js (NODE_OPTIONS=--import …): records, into the JSON file named by
// WATCH_REPORT when the process exits, whether the built zod (dist/zod.cjs, which
// scripts/zod-on-use.ts requires on a first read of `z`) was loaded (tests/cli/zod-on-use.test.ts).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { cache } = createRequire(import.meta.url);

process.on('exit', () => {
  const zod = Object.keys(cache).some((path) => /[\\/]dist[\\/]zod\.cjs$/.test(path));
  writeFileSync(process.env.WATCH_REPORT, JSON.stringify({ zod }));
});
