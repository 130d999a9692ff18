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
import('node:module')
  .then((module) => {
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
