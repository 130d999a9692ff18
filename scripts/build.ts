// Builds dist/: the CLI bundled with its dependencies by esbuild (run by `npm run build` and on
// `npm install`, through `prepare`; Node 24 runs this file as TypeScript without tsx).
//
// Why a bundle: started from separate files, `roundtable run` made Node resolve, read and compile
// ~800 ES modules (openai, ink, react, zod, fastify and their dependencies) before its first
// turn, most of its start-up time (docs/benchmarks.md, "Start-up"). A bundle is a few files.
// Why esbuild: it bundles TypeScript and JSX directly, splits the code at every dynamic
// `import()` (so a command still loads only what it needs: Ink only for the live view, Fastify
// only offline), and takes ~1 s; tsc checks the types separately (`npm run typecheck`).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Node runs this file as TypeScript without tsx, so its sibling is imported by its .ts name
// (tsc, which checks `.js` names, takes the types from the `import()` type).
const { REQUIRE_BANNER, rewriteChunks } = (await import(
  pathToFileURL(join(ROOT, 'scripts', 'chunk-rewrites.ts')).href
)) as typeof import('./chunk-rewrites.js');
const { zodOnUse, zodTrimmed } = (await import(
  pathToFileURL(join(ROOT, 'scripts', 'zod-plugins.ts')).href
)) as typeof import('./zod-plugins.js');
const { eagerBuild } = (await import(
  pathToFileURL(join(ROOT, 'scripts', 'eager-functions.ts')).href
)) as typeof import('./eager-functions.js');
const { writeScripts } = (await import(
  pathToFileURL(join(ROOT, 'scripts', 'chunk-scripts.ts')).href
)) as typeof import('./chunk-scripts.js');
const DIST = join(ROOT, 'dist');
// Built beside dist/ (at its depth, so the source maps' paths hold), then put in place file by
// file (replaceFiles below): a CLI running or starting from dist/ meanwhile finds a whole build.
const OUT = join(ROOT, `.dist-building-${process.pid}`);

rmSync(OUT, { recursive: true, force: true });
// A build that fails leaves dist/ as it was, and no half-built folder beside it.
process.on('exit', () => rmSync(OUT, { recursive: true, force: true }));

/**
 * A value the offline model would compute at every start, computed now and defined into the
 * bundle: `source` (TypeScript importing from the checkout) exports it as `built`, a string. The
 * sources are bundled to a file beside node_modules and run as they would at start.
 */
async function builtValue(name: string, source: string): Promise<string> {
  const file = join(OUT, `.built-${name}.mjs`);
  await build({
    absWorkingDir: ROOT,
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22.12',
    external: ['markov-chains'],
    logLevel: 'warning',
  });
  try {
    const module = (await import(pathToFileURL(file).href)) as { built: string };
    return module.built;
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 `data:` URL and, wherever
 * `fetch` exists, fetches it: in Node that loads the HTTP client (undici, http, tls, http2, web
 * streams: 114 modules) before the live view's first frame, ~90 ms of CPU to import yoga against
 * ~30 ms when it decodes the base64 itself, as it does where there is no fetch. The patch makes it
 * always decode; the build fails if yoga's loader no longer reads as expected.
 */
const yogaWithoutFetch: Plugin = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad(
      { filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      (args) => {
        const source = readFileSync(args.path, 'utf8');
        const fetching = 'function ya(){return w||"function"!=typeof fetch?';
        if (!source.includes(fetching)) {
          throw new Error(
            `${args.path}: yoga's fetch of its WebAssembly has changed; see scripts/build.ts`,
          );
        }
        return { contents: source.replace(fetching, 'function ya(){return true?'), loader: 'js' };
      },
    );
  },
};

/**
 * Commander imports three of Node's built-ins as ES modules at its top: `node:child_process` (for
 * subcommands run as separate executables, which roundtable has none of), and the default export
 * of `node:process` and a name of `node:util`. An ES import of a built-in makes Node build its
 * module facade, reading every export, lazy getters included: 18 more of Node's internal modules
 * loaded at every start (child_process with net and dgram, worker_threads, process.report, …),
 * ~5–10 ms of CPU before anything is said. The patch takes `process` as the global it is, util's
 * function from `process.getBuiltinModule`, and child_process only when a subcommand would spawn;
 * the build fails if commander's imports no longer read as expected.
 */
const commanderBuiltinsOnUse: Plugin = {
  name: 'commander-builtins-on-use',
  setup(build) {
    const replacements: Record<string, readonly (readonly [string, string])[]> = {
      'command.js': [
        [
          "import childProcess from 'node:child_process';",
          "const childProcess = { spawn: (...args) => process.getBuiltinModule('node:child_process').spawn(...args) };",
        ],
        ["import process from 'node:process';", ''],
        [
          "import { stripVTControlCharacters } from 'node:util';",
          "const { stripVTControlCharacters } = process.getBuiltinModule('node:util');",
        ],
      ],
      'help.js': [
        [
          "import { stripVTControlCharacters } from 'node:util';",
          "const { stripVTControlCharacters } = process.getBuiltinModule('node:util');",
        ],
      ],
    };
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/](command|help)\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      const file = args.path.endsWith('help.js') ? 'help.js' : 'command.js';
      for (const [from, to] of replacements[file] ?? []) {
        if (!source.includes(from)) {
          throw new Error(`${args.path}: commander's imports have changed; see scripts/build.ts`);
        }
        source = source.replace(from, to);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

// The built-in talk chain, built by markov-chains (about 15 ms of CPU less at start than building
// it; docs/benchmarks.md, "Start-up").
const talkChain = await builtValue(
  'talk-chain',
  "import { TALK } from './test-server/model/talk.ts'; export const built = JSON.stringify(TALK.built());",
);
// The talk's sentences and nouns, read from its text (test-server/model/talk.ts).
const talkDerived = await builtValue(
  'talk-derived',
  "import { builtTalkDerived } from './test-server/model/talk.ts'; export const built = builtTalkDerived();",
);
// Letters, digits, marks and case of every code point, read from this Node's Unicode properties:
// looked up without compiling a `\p{…}` pattern (src/unicode-properties.ts).
const unicodeProperties = await builtValue(
  'unicode-properties',
  "import { builtPropertyTable } from './src/unicode-properties.ts'; export const built = builtPropertyTable();",
);
// Less to read and parse at every start; names are kept, so stack traces stay readable.
const MINIFIED = {
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
} as const;

await build({
  absWorkingDir: ROOT,
  entryPoints: {
    roundtable: 'src/cli/main.ts',
    // The dummy server's cluster worker: test-server/server.ts starts ./worker.js beside itself,
    // so chunks and entries share one folder.
    worker: 'test-server/worker.ts',
  },
  outdir: OUT,
  plugins: [yogaWithoutFetch, commanderBuiltinsOnUse, zodOnUse],
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  // React's development build costs about a third more per frame in the live view.
  define: {
    'process.env.NODE_ENV': '"production"',
    __ROUNDTABLE_TALK_CHAIN__: JSON.stringify(talkChain),
    __ROUNDTABLE_TALK_DERIVED__: JSON.stringify(talkDerived),
    __ROUNDTABLE_UNICODE_PROPERTIES__: JSON.stringify(unicodeProperties),
  },
  external: [
    // Ink loads it only when DEV=true, to talk to React DevTools; not a dependency of ours.
    'react-devtools-core',
    // Required at run time by path (createRequire): each gpt-tokenizer encoding is megabytes,
    // loaded only when a context budget counts tokens.
    'gpt-tokenizer',
    // BullMQ's optional backends and tracing, which roundtable does not use (it brings its own
    // Redis client, ioredis, bundled with it).
    'pg',
    'redis',
    'bullmq-otel',
  ],
  // CommonJS dependencies (react, fastify) call require() for Node's built-ins; an ES module
  // has no require of its own. Kept only where it is used (withoutUnusedRequire below).
  banner: { js: REQUIRE_BANNER },
  ...MINIFIED,
});

// zod alone, for scripts/zod-on-use.ts to require when a schema is first built.
await build({
  absWorkingDir: ROOT,
  stdin: { contents: "export { z } from 'zod';", resolveDir: ROOT, loader: 'ts' },
  outfile: join(OUT, 'zod.cjs'),
  plugins: [zodTrimmed],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22.12',
  ...MINIFIED,
});

// Each chunk: its require banner dropped where unused, its patterns in ASCII.
rewriteChunks(OUT);
// The functions an offline discussion calls compiled with their chunk, into the compile cache.
eagerBuild(OUT, ROOT);
// The chunks a command may load, again as scripts, for bin/code-cache.js.
writeScripts(OUT);

/**
 * Moves every file of `stage` into `out` (made if missing), the names in `last` after all others,
 * then removes from `out` what `stage` did not hold, and `stage`. Each rename replaces a file
 * whole, so a reader sees the old file or the new one, and an entry file is in place only once the
 * chunks it imports are.
 *
 * Why: the build used to empty dist/ and write it again, and the first `npx roundtable` in a
 * checkout runs it (npm's prepare). A run already going lost the chunks it had yet to load, and one
 * started meanwhile found no build: session 7's first train, whose suite ran CLIs from dist/ while
 * a test's npx rebuilt it (tests/scripts/build-in-place.test.ts).
 */
function replaceFiles(stage: string, out: string, last: readonly string[]): void {
  mkdirSync(out, { recursive: true });
  const fresh = readdirSync(stage);
  const ordered = [
    ...fresh.filter((name) => !last.includes(name)),
    ...fresh.filter((name) => last.includes(name)),
  ];
  for (const name of ordered) {
    // A folder (scripts/) is put in place file by file too, its entry last.
    if (statSync(join(stage, name)).isDirectory())
      replaceFiles(join(stage, name), join(out, name), last);
    else renameSync(join(stage, name), join(out, name));
  }
  for (const name of readdirSync(out)) {
    if (!fresh.includes(name)) rmSync(join(out, name), { recursive: true, force: true });
  }
  rmSync(stage, { recursive: true, force: true });
}

replaceFiles(OUT, DIST, ['roundtable.js', 'roundtable.js.map', 'worker.js', 'worker.js.map']);
