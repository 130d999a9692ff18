// The build's step after the eager functions (scripts/build.ts): the CLI's chunks written again
// as scripts, into dist/scripts/, for bin/code-cache.js to load with a code cache of its own.
//
// Why: Node's compile cache keeps only what V8 compiled with a chunk, before any of it ran, so a
// warm run still compiled each arrow function, class method and nested function it called, and
// Node's ES module loader (resolving, linking, evaluating ~60 modules) ran at every start. V8 can
// make a code cache from a script after it ran, holding every function compiled so far
// (`script.createCachedData()`); ES modules get that only behind an experimental flag. A script
// here is the chunk's code, converted by esbuild from ES module to CommonJS form, inside
// `(function(exports,require,module,__rt_meta,__rt_import){"use strict";…})`: `require` of a
// `./chunk-…` is another script, `__rt_import` a chunk's `import()`, `__rt_meta` its
// `import.meta` (the URL of the chunk beside it in dist/, so paths read from it are the same).
// A chunk that awaits at its top level (the live view's, for Ink's layout engine; the entry) is
// an async function, each such `await` kept: esbuild refuses them in CommonJS, so each is first
// written as a call, `__rt_await(…)`, and turned back after. Such a chunk is only ever reached
// by `import()` (checked here), which waits for it as an ES module import would.
// The ES module chunks stay in dist/ beside them: the dummy server's worker imports them, and
// the build's coverage run (scripts/eager-functions.ts) runs them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

// Node runs scripts/build.ts and this file as TypeScript without tsx, so a sibling is imported
// by its .ts name (tsc takes the types from the `import()` type).
const { REQUIRE_BANNER } = (await import(
  new URL('./chunk-rewrites.ts', import.meta.url).href
)) as typeof import('./chunk-rewrites.js');

const PARAMETERS = 'exports,require,module,__rt_meta,__rt_import';
const CHUNK_IMPORT = /\bimport\("\.\/(chunk-[\w-]+\.js)"\)/g;
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"\.\/(chunk-[\w-]+\.js)"/g;

/** The chunks `entry` imports, statically and by `import()`, and theirs: every one a run may load. */
export function reachable(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const code = readFileSync(join(dir, name), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) stack.push(m[1] as string);
    for (const m of code.matchAll(CHUNK_IMPORT)) stack.push(m[1] as string);
  }
  return [...seen].sort();
}

/**
 * Where the operand of the `await` at `at` ends: a name or `import`, or a parenthesised
 * expression, then any `.name`, `[…]` and `(…)` after it (strings skipped). Esbuild's minified
 * chunks await only calls at their top level; anything else fails the build.
 */
export function awaitOperandEnd(code: string, at: number): number {
  let i = at + 'await'.length;
  while (code[i] === ' ') i += 1;
  const name = /^[\w$]+/.exec(code.slice(i, i + 200));
  if (name !== null) i += name[0].length;
  else if (code[i] !== '(')
    throw new Error(`an await at ${at} is not of a call: ${code.slice(at, at + 60)}`);
  for (;;) {
    if (code[i] === '.' && /[\w$]/.test(code[i + 1] ?? '')) {
      i += 1;
      while (/[\w$]/.test(code[i] ?? '')) i += 1;
    } else if (code[i] === '(' || code[i] === '[') i = closing(code, i);
    else return i;
  }
}

/** The index after the bracket that closes the one at `open`, strings and templates skipped. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i += 1; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i += 1;
    } else if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`no closing bracket for the one at ${open}`);
}

/** Where esbuild finds an `await` at the top level of `code` (which it cannot write as CommonJS). */
function topLevelAwaits(code: string): number[] {
  try {
    transformSync(code, { format: 'cjs', logLevel: 'silent' });
    return [];
  } catch (error) {
    const errors =
      (error as { errors?: { text: string; location: { line: number; column: number } | null }[] })
        .errors ?? [];
    const lineStarts = [0];
    for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1))
      lineStarts.push(i + 1);
    return errors.map(({ text, location }) => {
      if (location === null || !text.includes('Top-level await')) throw error;
      const at = (lineStarts[location.line - 1] ?? 0) + location.column;
      if (!code.startsWith('await', at)) throw error;
      return at;
    });
  }
}

/** A chunk's ES module code as a script (see the top of this file), and whether it awaits. */
export function chunkScript(esm: string): { script: string; async: boolean } {
  let code = esm.startsWith(REQUIRE_BANNER) ? esm.slice(REQUIRE_BANNER.length) : esm;
  const awaits = topLevelAwaits(code);
  // The last first, so that an await inside another's operand is already a call when the outer
  // one's operand is read.
  for (const at of awaits.sort((a, b) => b - a)) {
    const end = awaitOperandEnd(code, at);
    const operand = code.slice(at + 'await'.length, end).trim();
    code = `${code.slice(0, at)}__rt_await(${operand})${code.slice(end)}`;
  }
  const imports = [...code.matchAll(CHUNK_IMPORT)].length;
  let out = transformSync(code, {
    format: 'cjs',
    platform: 'node',
    target: 'node22.12',
    define: { 'import.meta': '__rt_meta' },
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    logLevel: 'error',
  }).code;
  out = out.replaceAll(CHUNK_IMPORT, '__rt_import("./$1")');
  if ([...out.matchAll(/\b__rt_import\("\.\/chunk-/g)].length !== imports) {
    throw new Error(
      "a chunk's import() calls were not all kept by esbuild (scripts/chunk-scripts.ts)",
    );
  }
  if (/\bimport\.meta\b|\brequire\(["']\.\.?\/(?!chunk-|zod\.cjs)/.test(out)) {
    throw new Error(
      'a chunk names import.meta or requires a file esbuild left (scripts/chunk-scripts.ts)',
    );
  }
  const async = awaits.length > 0;
  out = out.replaceAll('__rt_await(', 'await(');
  return {
    script: `(${async ? 'async ' : ''}function(${PARAMETERS}){"use strict";${out}\n})`,
    async,
  };
}

/**
 * Writes into `dir`/scripts each chunk that `roundtable.js` in `dir` may load, as a script. Fails
 * if a chunk imports an awaiting chunk at its top (which a script's `require` cannot wait for).
 */
export function writeScripts(dir: string): string[] {
  const names = reachable(dir, 'roundtable.js');
  const out = join(dir, 'scripts');
  mkdirSync(out, { recursive: true });
  const awaiting = new Set<string>();
  const code = new Map(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  for (const name of names) {
    const { script, async } = chunkScript(code.get(name) as string);
    if (async) awaiting.add(name);
    writeFileSync(join(out, name), script);
  }
  for (const [name, text] of code) {
    for (const m of text.matchAll(STATIC_IMPORT)) {
      if (awaiting.has(m[1] as string)) {
        throw new Error(
          `${name} imports ${m[1]}, which awaits at its top level, without import() (scripts/chunk-scripts.ts)`,
        );
      }
    }
  }
  return names;
}
