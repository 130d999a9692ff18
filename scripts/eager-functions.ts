// The build's last step (scripts/build.ts): the top-level functions a discussion calls, compiled
// with their chunk, so that their bytecode is in Node's compile cache.
//
// Why: Node's compile cache (bin/roundtable.js turns it on) keeps what V8 compiled when the
// chunk was compiled, before any of it ran. V8 compiles a function when it is first called
// (lazily), unless it looks called at once: a function expression in parentheses (the "PIFE"
// heuristic). So every start of a warm run still compiled each function a discussion calls
// (~14% of its main thread, perf). A function declaration at a chunk's top level,
// `function f(…){…}`, is written `var f=(function f(…){…});`, which V8 compiles with the chunk and
// the compile cache keeps. Which ones: those an offline discussion called when this build ran one
// (V8's coverage, `calledFunctions`).
//
// A declaration is in place before any of the chunk runs; the `var` only once the line before it
// has run. So a function is left as it is if the code before it could call it: its name is read
// there, or in a top-level function that code names (and so on). Chunks import no chunk that
// imports them (the build fails otherwise), so no other chunk runs before this one finishes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Node runs scripts/build.ts and this file as TypeScript without tsx, so a sibling is imported
// by its .ts name (tsc takes the types from the `import()` type).
const { scanChunk } = (await import(
  new URL('./chunk-scan.ts', import.meta.url).href
)) as typeof import('./chunk-scan.js');
const { writeEdits } = (await import(
  new URL('./chunk-rewrites.ts', import.meta.url).href
)) as typeof import('./chunk-rewrites.js');
type Edit = import('./chunk-rewrites.js').Edit;

interface Coverage {
  readonly result: readonly {
    readonly url: string;
    readonly functions: readonly {
      readonly ranges: readonly { startOffset: number; count: number }[];
    }[];
  }[];
}

/**
 * Per file name of a chunk in `dir`, where each function a run called starts (V8 coverage JSON
 * files; what the run loaded from elsewhere is left out).
 */
export function calledFunctions(files: readonly string[], dir: string): Map<string, number[]> {
  const inDir = pathToFileURL(join(dir, '/')).href;
  const called = new Map<string, Set<number>>();
  for (const file of files) {
    for (const script of (JSON.parse(readFileSync(file, 'utf8')) as Coverage).result) {
      if (!script.url.startsWith(inDir)) continue;
      const name = script.url.slice(inDir.length);
      const starts = called.get(name) ?? new Set<number>();
      for (const { ranges } of script.functions) {
        const range = ranges[0];
        if (range !== undefined && range.count > 0) starts.add(range.startOffset);
      }
      called.set(name, starts);
    }
  }
  return new Map([...called].map(([name, starts]) => [name, [...starts].sort((a, b) => a - b)]));
}

/**
 * The chunk's code with each top-level function declaration that starts at an offset in `called`
 * and that nothing before it could call written as a parenthesised function expression.
 */
export function eagerDeclarations(code: string, called: ReadonlySet<number>): Edit[] {
  const { names, functions } = scanChunk(code);
  // The names each top-level function's text reads, and those read outside them, in order.
  const inside = new Map<string, string[]>();
  const outside: string[][] = functions.map(() => []);
  outside.push([]);
  let f = 0;
  for (const { name, at } of names) {
    while (f < functions.length && at >= (functions[f]?.end ?? 0)) f += 1;
    const around = functions[f];
    if (around !== undefined && at >= around.start) {
      const list = inside.get(around.name) ?? [];
      list.push(name);
      inside.set(around.name, list);
    } else outside[f]?.push(name);
  }
  const reached = new Set<string>();
  const reach = (first: string) => {
    const stack = [first];
    for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      stack.push(...(inside.get(name) ?? []));
    }
  };
  const edits: Edit[] = [];
  functions.forEach((fn, index) => {
    for (const name of outside[index] ?? []) reach(name);
    if (!called.has(fn.start) || reached.has(fn.name)) return;
    edits.push(
      { start: fn.start, end: fn.start, text: `var ${fn.name}=(` },
      { start: fn.end, end: fn.end, text: ');' },
    );
  });
  return edits;
}

/** Rewrites a chunk (and its source map's columns) with `eagerDeclarations`; how many it made. */
export function eagerChunk(path: string, called: ReadonlySet<number>): number {
  const code = readFileSync(path, 'utf8');
  const edits = eagerDeclarations(code, called);
  writeEdits(path, code, edits);
  return edits.length / 2;
}

/**
 * The run whose called functions are made eager: the 10-turn offline run on the example table,
 * transcript written, as bench-startup.ts times it (with a seed, so that a build is the same every
 * time). Under coverage it takes ~1 s of CPU, so what it called is kept for a build of the same
 * chunks (npm's prepare and `npm run build` of one checkout, a test's build): CACHE.
 */
const RUN: readonly string[] = ['--plain', '--seed', '7', '--out', 'transcripts'];
const CACHE = join('node_modules', '.cache', 'roundtable-build');

/**
 * Makes the functions that the offline discussion of `RUN` on the example table in `root` calls
 * eager in every chunk of `out` (entry `roundtable.js`). Returns how many declarations it rewrote.
 */
export function eagerBuild(out: string, root: string): number {
  assertNoImportCycle(out);
  const names = readdirSync(out)
    .filter((file) => file.endsWith('.js'))
    .sort();
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update(readFileSync(join(out, name)));
  const cacheDir = join(root, CACHE);
  const cached = join(cacheDir, `called-${hash.digest('hex').slice(0, 16)}.json`);
  let called: Map<string, number[]>;
  try {
    called = new Map(Object.entries(JSON.parse(readFileSync(cached, 'utf8'))));
  } catch {
    called = coverageRun(out, root);
    try {
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(cached, JSON.stringify(Object.fromEntries(called)));
    } catch {
      // Only the next build's time: it runs the discussion again.
    }
  }
  let made = 0;
  for (const name of names) made += eagerChunk(join(out, name), new Set(called.get(name)));
  return made;
}

/**
 * Where the functions start that the offline discussion of `RUN` called, run from the chunks in
 * `out` under V8's coverage. Nothing from the shell steers the run (no endpoint, key or setting).
 */
function coverageRun(out: string, root: string): Map<string, number[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'roundtable-build-coverage-'));
  try {
    const runner = join(scratch, 'run.mjs');
    writeFileSync(
      runner,
      `await import(${JSON.stringify(pathToFileURL(join(out, 'roundtable.js')).href)});\n`,
    );
    const coverage = join(scratch, 'coverage');
    const run = spawnSync(process.execPath, [runner, 'run', root, ...RUN], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: scratch,
        ROUNDTABLE_HOME: join(scratch, 'home'),
        NODE_V8_COVERAGE: coverage,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) {
      throw new Error(
        `an offline run for the eager functions failed (scripts/eager-functions.ts):\n${run.stderr}`,
      );
    }
    return calledFunctions(
      readdirSync(coverage).map((name) => join(coverage, name)),
      out,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Fails if a chunk imports, at its top, a chunk that imports it (see the top of this file). */
export function assertNoImportCycle(dir: string): void {
  const imports = new Map<string, string[]>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.js'))) {
    const code = readFileSync(join(dir, name), 'utf8');
    imports.set(
      name,
      [...code.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)].map((m) => m[1] as string),
    );
  }
  const done = new Set<string>();
  const visit = (name: string, path: readonly string[]) => {
    if (path.includes(name)) {
      throw new Error(
        `chunks import each other: ${[...path, name].join(' -> ')} (scripts/eager-functions.ts)`,
      );
    }
    if (done.has(name)) return;
    for (const next of imports.get(name) ?? []) visit(next, [...path, name]);
    done.add(name);
  };
  for (const name of imports.keys()) visit(name, []);
}
