// What the bundle has in place of `import { z } from 'zod'` (scripts/build.ts, zodOnUse): the same
// `z`, loaded the first time one of its names is read. zod itself is bundled on its own, as
// dist/zod.cjs, and required from here then.
//
// Why: a discussion builds no zod schema and parses nothing with one unless a setting, a config
// file, a role or an events file has to be checked (the schemas are built on first use), yet
// importing zod's chunk cost every run ~20-25 ms of its start (reading, decoding and
// deserialising 219 kB, then running zod's top level). docs/benchmarks.md, "Start-up".
import { createRequire } from 'node:module';
import type * as zod from 'zod';
import { onFirstRead } from '../src/once.js';

export const z = onFirstRead((): typeof zod.z => {
  if (process.env.ZOD_TRACE) process.stderr.write(`ZODLOAD ${new Error().stack}\n`);
  return (createRequire(import.meta.url)('./zod.cjs') as { z: typeof zod.z }).z;
});
