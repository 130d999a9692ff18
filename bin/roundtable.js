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
// React's development build costs about a third more per frame in the live view.
process.env.NODE_ENV ??= 'production';
import('../dist/src/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write(
      'roundtable is not built yet: run `npm install` (or `npm run build`) first.\n',
    );
    process.exit(1);
  }
  throw error;
});
