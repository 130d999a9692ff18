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
// next start skips most of the parsing and compiling: the bundle's chunks run as scripts, with a
// code cache written after a command ran (./code-cache.js), so that it holds every function the
// command compiled, which Node's own compile cache of ES modules does not.
//
// V8 sizes its heap for the machine: with gigabytes free it lets the young generation grow to
// ~130 MB and the old one collect only at several times what is live, so a long discussion's
// resident memory grew ~180 MB from turn 100 to 2,000 while what it kept grew by 6 MB. Both
// flags are read at every collection, so they work set here, after start-up (unlike
// --max-semi-space-size): the young generation keeps its first size, and the old one collects
// once it is half again what was live. Figures: docs/benchmarks.md, "Memory" and "Start-up".
//
// Only the commands that hold a discussion or serve for long get them. A flag set at run time
// changes the flag hash V8 checks code caches against, so every Node built-in loaded after it is
// compiled from source instead of taken from the code cache inside the node binary (~100 M
// instructions, 6% of a 10-turn offline run). So a discussion's built-ins are loaded first, and
// short commands (--help, init, validate, …) set no flag at all. The dummy server keeps V8's
// defaults: it is measured for throughput, and its workers would not inherit them.
const LONG_RUNNING = ['run', 'resume', 'fork', 'batch', 'worker', 'replay', 'serve'];
const DISCUSSING = ['run', 'resume', 'fork', 'batch', 'worker'];
// What a discussion loads (with the internal modules they bring), checked by
// tests/cli/bin-flags.test.ts. Not child_process, net or worker_threads: nothing a discussion
// runs needs them (scripts/build.ts keeps commander from loading them at its import).
const DISCUSSION_BUILTINS = ['crypto', 'fs/promises', 'os', 'perf_hooks', 'node:sqlite', 'vm'];
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
Promise.all([import('node:module'), import('node:v8')])
  .then(([module, v8]) => {
    if (LONG_RUNNING.includes(command)) {
      if (DISCUSSING.includes(command)) {
        for (const name of DISCUSSION_BUILTINS) process.getBuiltinModule(name);
        // Built-ins behind getters, loaded on first use.
        const { WriteStream } = process.getBuiltinModule('fs');
        const { parseArgs } = process.getBuiltinModule('util');
        void [process.stdout, process.stderr, WriteStream, parseArgs, globalThis.crypto];
        // The live view's: signal-exit (under Ink) requires assert; Ink imports child_process,
        // and node:util as a module, whose exports bring worker_threads. A queue's (batch,
        // worker): BullMQ and its Redis client require child_process, net and worker_threads.
        const queue = command === 'batch' || command === 'worker';
        if (process.stdout.isTTY || queue) {
          for (const name of ['assert', 'child_process', 'worker_threads']) {
            process.getBuiltinModule(name);
          }
        }
      }
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      v8.setFlagsFromString('--heap-growing-percent=50');
    }
    const compileCache = module.enableCompileCache?.();
    return import('./code-cache.js').then(({ cacheFolder, runScripts }) => {
      const { fileURLToPath } = process.getBuiltinModule('url');
      const dir = fileURLToPath(new URL('../dist/scripts/', import.meta.url));
      const esmDir = fileURLToPath(new URL('../dist/', import.meta.url));
      // Runs that differ in what they compile, or in V8's flags, keep caches apart.
      const variant = `${command ?? ''} ${process.stdout.isTTY ? 'tty' : 'pipe'}`;
      const cacheDir = compileCache?.directory && cacheFolder(compileCache.directory, dir, variant);
      return runScripts({ dir, esmDir, entry: 'roundtable.js', cacheDir: cacheDir || undefined })
        .done;
    });
  })
  .catch((error) => {
    const missing = error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ENOENT');
    if (missing && String(error.message).includes('dist')) {
      process.stderr.write(
        'roundtable is not built yet: run `npm install` (or `npm run build`) first.\n',
      );
      process.exit(1);
    }
    throw error;
  });
