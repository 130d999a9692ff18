#!/usr/bin/env node
// Kept to syntax every Node can parse, so an old Node gets one clear line instead of a crash.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `roundtable needs Node.js >= 22.12 (24 LTS recommended); this is Node ${process.versions.node}. ` +
      'Inside the project, `npx roundtable` uses its bundled Node 24; elsewhere, install a newer Node.\n',
  );
  process.exit(1);
}
// V8 keeps the compiled code of the bundle on disk (in the system's temporary folder), so the
// next start skips most of the parsing and compiling.
//
// V8 sizes its heap for the machine: with gigabytes free it lets the young generation grow to
// ~130 MB and the old one collect only at several times what is live, so a long discussion's
// resident memory grew ~180 MB from turn 100 to 2,000 while what it kept grew by 6 MB. Both
// flags are read at every collection, so they work set here, after start-up (unlike
// --max-semi-space-size): the young generation keeps its first size, and the old one collects
// once it is half again what was live. Figures: docs/benchmarks.md, "Memory". The dummy server
// keeps V8's defaults: it is measured for throughput, and its workers would not inherit them.
Promise.all([import('node:module'), import('node:v8')])
  .then(([module, v8]) => {
    if (process.argv[2] !== 'dummy-server') {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      v8.setFlagsFromString('--heap-growing-percent=50');
    }
    module.enableCompileCache?.();
    return import('../dist/roundtable.js');
  })
  .catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
      process.stderr.write(
        'roundtable is not built yet: run `npm install` (or `npm run build`) first.\n',
      );
      process.exit(1);
    }
    throw error;
  });
