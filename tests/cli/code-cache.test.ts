// bin/code-cache.js: the CLI's chunks run as scripts with a code cache written at exit, used by the
// next run, and refused (by V8, or as stale) without changing what the run does.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkScript } from '../../scripts/chunk-scripts.js';
import { BIN, cleanEnv, ensureBuilt, ROOT, withTempDir } from '../helpers/cli.js';

const LOADER = pathToFileURL(join(ROOT, 'bin', 'code-cache.js')).href;

/** A small build: an entry that awaits, a chunk it imports, one it imports by import(). */
function writeBuild(dir: string): { scripts: string; esm: string } {
  const esm = join(dir, 'dist');
  const scripts = join(esm, 'scripts');
  mkdirSync(scripts, { recursive: true });
  const chunks: Record<string, string> = {
    'roundtable.js':
      'import{greet}from"./chunk-a.js";var{twice}=await import("./chunk-b.js");' +
      'console.log(JSON.stringify({said:greet("you"),n:twice(21),url:import.meta.url.endsWith("/dist/roundtable.js")}));',
    'chunk-a.js': 'var greet=name=>["hello",name].map(w=>w.toUpperCase()).join(" ");export{greet};',
    'chunk-b.js': 'class T{twice(n){return n*2}}var t=new T,twice=n=>t.twice(n);export{twice};',
  };
  for (const [name, code] of Object.entries(chunks)) {
    writeFileSync(join(scripts, name), chunkScript(code).script);
  }
  return { scripts, esm };
}

/** Runs the build in `dir` through the loader; its output and what happened to each script. */
function run(dir: string, cache: string, v8Flags: readonly string[] = []) {
  const { scripts, esm } = { scripts: join(dir, 'dist', 'scripts'), esm: join(dir, 'dist') };
  const main = [
    `import { runScripts } from ${JSON.stringify(LOADER)};`,
    `const { loaded, done } = runScripts(${JSON.stringify({ dir: scripts, esmDir: esm, entry: 'roundtable.js', cacheDir: cache })});`,
    'await done;',
    "process.on('exit', () => process.stderr.write(JSON.stringify(Object.fromEntries(loaded.map((l) => [l.name, l.state])))));",
  ].join('\n');
  const result = spawnSync(process.execPath, [...v8Flags, '--input-type=module', '-e', main], {
    encoding: 'utf8',
    env: cleanEnv({}),
  });
  expect(result.status, result.stderr).toBe(0);
  return { out: result.stdout, states: JSON.parse(result.stderr) as Record<string, string> };
}

const all = (state: string) => ({
  'roundtable.js': state,
  'chunk-a.js': state,
  'chunk-b.js': state,
});

describe('the code cache', () => {
  it('is written by the first run, used by the next, and the output is the same', () =>
    withTempDir(async (dir) => {
      writeBuild(dir);
      const cache = join(dir, 'cache');
      const first = run(dir, cache);
      expect(JSON.parse(first.out)).toEqual({ said: 'HELLO YOU', n: 42, url: true });
      expect(first.states).toEqual(all('compiled'));
      expect(readdirSync(cache).sort()).toEqual(['chunk-a.js', 'chunk-b.js', 'roundtable.js']);
      const written = statSync(join(cache, 'chunk-b.js')).mtimeMs;
      const second = run(dir, cache);
      expect(second.out).toBe(first.out);
      expect(second.states).toEqual(all('cached'));
      // Taken as it was: a cache V8 accepted is not written again.
      expect(statSync(join(cache, 'chunk-b.js')).mtimeMs).toBe(written);
    }));

  it('holds the functions the run compiled, not only those compiled with the script', () =>
    withTempDir(async (dir) => {
      writeBuild(dir);
      const cache = join(dir, 'cache');
      run(dir, cache);
      // The class method and arrows of chunk-b ran, so their bytecode is in its cache: a cache
      // made before the script ran (as Node's compile cache is) holds about half as much.
      const { Script } = process.getBuiltinModule('vm');
      const source = readFileSync(join(dir, 'dist', 'scripts', 'chunk-b.js'), 'latin1');
      const unrun = new Script(source).createCachedData().length;
      const header = readFileSync(join(cache, 'chunk-b.js')).indexOf('\n', 30) + 1;
      expect(statSync(join(cache, 'chunk-b.js')).size - header).toBeGreaterThan(1.5 * unrun);
    }));

  it('refused by V8 (other flags, or damaged), falls back to compiling and is written again', () =>
    withTempDir(async (dir) => {
      writeBuild(dir);
      const cache = join(dir, 'cache');
      const first = run(dir, cache);
      const other = run(dir, cache, ['--no-flush-bytecode']);
      expect(other.out).toBe(first.out);
      expect(other.states).toEqual(all('rejected'));
      expect(run(dir, cache, ['--no-flush-bytecode']).states).toEqual(all('cached'));
      // Cut short after its header: V8 finds the length wrong.
      const path = join(cache, 'chunk-a.js');
      const data = readFileSync(path);
      writeFileSync(path, data.subarray(0, data.length - 64));
      const damaged = run(dir, cache, ['--no-flush-bytecode']);
      expect(damaged.out).toBe(first.out);
      expect(damaged.states['chunk-a.js']).toBe('rejected');
      expect(run(dir, cache, ['--no-flush-bytecode']).states).toEqual(all('cached'));
    }));

  it('is not used for a script changed since (V8 checks only its length)', () =>
    withTempDir(async (dir) => {
      const { scripts } = writeBuild(dir);
      const cache = join(dir, 'cache');
      run(dir, cache);
      // The same length, other code: without the loader's own check V8 would take the old bytecode.
      const path = join(scripts, 'chunk-a.js');
      writeFileSync(path, readFileSync(path, 'latin1').replace('"hello"', '"howdy"'));
      utimesSync(path, new Date(), new Date(Date.now() + 5_000));
      const changed = run(dir, cache);
      expect(JSON.parse(changed.out).said).toBe('HOWDY YOU');
      expect(changed.states['chunk-a.js']).toBe('compiled');
      expect(run(dir, cache).states).toEqual(all('cached'));
    }));

  it('written again, drops the caches of chunks the build no longer has', () =>
    withTempDir(async (dir) => {
      const { scripts } = writeBuild(dir);
      const cache = join(dir, 'cache');
      run(dir, cache);
      // A rebuild: chunk-b's code under a new name.
      renameSync(join(scripts, 'chunk-b.js'), join(scripts, 'chunk-c.js'));
      const entry = join(scripts, 'roundtable.js');
      writeFileSync(entry, readFileSync(entry, 'latin1').replace('chunk-b.js', 'chunk-c.js'));
      const rebuilt = run(dir, cache);
      expect(rebuilt.states).toEqual({
        'roundtable.js': 'compiled',
        'chunk-a.js': 'cached',
        'chunk-c.js': 'compiled',
      });
      expect(readdirSync(cache).sort()).toEqual(['chunk-a.js', 'chunk-c.js', 'roundtable.js']);
    }));

  it('is not used when others could have written it (V8 runs what it holds)', () =>
    withTempDir(async (dir) => {
      writeBuild(dir);
      const cache = join(dir, 'cache');
      run(dir, cache);
      expect(statSync(join(cache, 'chunk-a.js')).mode & 0o777).toBe(0o600);
      chmodSync(join(cache, 'chunk-a.js'), 0o666);
      const open = run(dir, cache);
      expect(open.states['chunk-a.js']).toBe('compiled');
      expect(open.states['chunk-b.js']).toBe('cached');
      expect(statSync(join(cache, 'chunk-a.js')).mode & 0o777).toBe(0o600);
    }));

  it('serves the CLI: a second run uses what the first wrote, with the same output', () =>
    withTempDir(async (dir) => {
      ensureBuilt();
      const env = cleanEnv({ NODE_COMPILE_CACHE: join(dir, 'node-cache') });
      const cli = () =>
        spawnSync(
          process.execPath,
          [BIN, 'run', '--plain', '--seed', '3', '--turns', '2', '--no-transcript'],
          {
            cwd: ROOT,
            encoding: 'utf8',
            env,
          },
        );
      const first = cli();
      expect(first.status, first.stderr).toBe(0);
      // Beside Node's own compile cache (in its folder for this Node, when set by NODE_COMPILE_CACHE).
      const folders = readdirSync(join(dir, 'node-cache'), {
        recursive: true,
        encoding: 'utf8',
      }).filter((path) => /roundtable-scripts[\\/][^\\/]+$/.test(path));
      expect(folders).toHaveLength(1);
      const folder = join(dir, 'node-cache', folders[0] as string);
      const files = readdirSync(folder);
      expect(files).toContain('roundtable.js');
      const times = files.map((name) => statSync(join(folder, name)).mtimeMs);
      const second = cli();
      expect(second.stdout).toBe(first.stdout);
      expect(files.map((name) => statSync(join(folder, name)).mtimeMs)).toEqual(times);
    }));

  it("is off with Node's compile cache (NODE_DISABLE_COMPILE_CACHE=1)", () =>
    withTempDir(async (dir) => {
      ensureBuilt();
      const env = cleanEnv({
        NODE_COMPILE_CACHE: join(dir, 'node-cache'),
        NODE_DISABLE_COMPILE_CACHE: '1',
      });
      const args = [BIN, 'run', '--plain', '--seed', '3', '--turns', '1', '--no-transcript'];
      const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('Margit');
      expect(() => readdirSync(join(dir, 'node-cache'))).toThrow(/ENOENT/);
    }));
});
