/**
 * Imports a module with V8 compiling every function in it (and in the modules it loads for the
 * first time) as it loads, instead of each function on its first call.
 *
 * Why: Node's compile cache, which bin/roundtable.js turns on, stores a module's code as V8
 * compiled it at load, and V8 compiles only the top level then. Every function a discussion calls
 * was compiled again on every start: ~2,200 functions, 12% of a 10-turn offline run's
 * main-thread instructions. A module compiled whole comes whole from the cache next time. Worth
 * it only for modules a discussion mostly runs (the offline model runs ~80% of its functions, the
 * transcript's HTML ~70%); the engine (28%) and zod (18%) are left to compile lazily: compiled
 * whole, the run command's modules saved ~1% more instructions for 3-4 MB more peak memory.
 * Figures: docs/benchmarks.md, "Start-up".
 *
 * Only in a process whose bin asked for it (it sets V8 flags for a discussion anyway, see
 * bin/roundtable.js): the flag is process-wide, and the compile cache checks a module's cached
 * code against the flags it was compiled under, so a module must always load under the same
 * ones. The flag is set only while the import runs; nothing else is loaded meanwhile.
 */
export async function importCompiledWhole<T>(load: () => Promise<T>): Promise<T> {
  if ((globalThis as Record<symbol, unknown>)[COMPILE_WHOLE] !== true) return load();
  const v8 = process.getBuiltinModule('v8');
  v8.setFlagsFromString('--no-lazy');
  try {
    return await load();
  } finally {
    v8.setFlagsFromString('--lazy');
  }
}

/** Set by bin/roundtable.js for the commands that hold a discussion. */
const COMPILE_WHOLE = Symbol.for('roundtable.compile-whole');
