// scripts/chunk-scripts.ts: each chunk as a script for bin/code-cache.js, doing what the ES module
// did: its imports and exports, its import() of a chunk, import.meta, strict mode, and an await
// at its top level (an async script, reached only by import()).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUIRE_BANNER } from '../../scripts/chunk-rewrites.js';
import {
  awaitOperandEnd,
  chunkScript,
  reachable,
  writeScripts,
} from '../../scripts/chunk-scripts.js';

type Body = (
  exports: object,
  require: (id: string) => unknown,
  module: { exports: Record<string, unknown> },
  meta: { url: string },
  load: (id: string) => Promise<unknown>,
) => unknown;

/** Evaluates scripts made from `chunks` (name → ES module code) as bin/code-cache.js does. */
function loader(chunks: Record<string, string>, builtins: Record<string, unknown> = {}) {
  const done = new Map<string, { exports: Record<string, unknown>; result: unknown }>();
  const evaluate = (name: string) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const body = runInThisContext(chunkScript(chunks[name] as string).script) as Body;
    const module = { exports: {} as Record<string, unknown> };
    const record = {
      get exports() {
        return module.exports;
      },
      result: undefined as unknown,
    };
    done.set(name, record);
    const require = (id: string) =>
      id.startsWith('./') ? evaluate(id.slice(2)).exports : builtins[id];
    record.result = body(module.exports, require, module, { url: `file:///dist/${name}` }, load);
    return record;
  };
  const load = async (id: string) => {
    const record = evaluate(id.slice(2));
    await record.result;
    return record.exports;
  };
  return load;
}

describe('chunks as scripts', () => {
  it('keeps imports, exports (live), import() and import.meta', async () => {
    const load = loader(
      {
        'chunk-a.js': 'var count=0;function bump(){count+=1}export{count,bump};',
        'chunk-b.js':
          'import{count as c,bump}from"./chunk-a.js";import{join}from"node:path";bump();bump();' +
          'var seen=c,where=import.meta.url,later=()=>import("./chunk-c.js");export{seen,where,later,join};',
        'chunk-c.js': 'export default 42;export var three=3;',
      },
      { 'node:path': { join: (...parts: string[]) => parts.join('/') } },
    );
    const b = (await load('./chunk-b.js')) as Record<string, unknown>;
    expect(b.seen).toBe(2);
    expect(b.where).toBe('file:///dist/chunk-b.js');
    expect((b.join as (...p: string[]) => string)('x', 'y')).toBe('x/y');
    const c = (await (b.later as () => Promise<Record<string, unknown>>)()) as Record<
      string,
      unknown
    >;
    expect([c.default, c.three]).toEqual([42, 3]);
    // A binding read through the exports is live, as an ES module's is.
    const a = (await load('./chunk-a.js')) as { count: number; bump: () => void };
    a.bump();
    expect(a.count).toBe(3);
  });

  it('runs in strict mode, as a module does', async () => {
    const load = loader({
      'chunk-s.js': 'var strict=function(){return this===void 0}();export{strict};',
    });
    expect(((await load('./chunk-s.js')) as { strict: boolean }).strict).toBe(true);
  });

  it('keeps an await at the top level: the script is async and import() waits for it', async () => {
    const esm =
      'var later=v=>new Promise(r=>setTimeout(()=>r(v),5));var x=wrap(await later(2)),y=await(later(3)),z;' +
      'function wrap(v){return v*10}if(x===20){z=await later(await later(4))}export{x,y,z};';
    const { script, async } = chunkScript(esm);
    expect(async).toBe(true);
    expect(script.startsWith('(async function(')).toBe(true);
    const load = loader({
      'chunk-t.js': esm,
      'chunk-u.js': 'var t=import("./chunk-t.js");export{t};',
    });
    const u = (await load('./chunk-u.js')) as { t: Promise<Record<string, number>> };
    expect({ ...(await u.t) }).toMatchObject({ x: 20, y: 3, z: 4 });
  });

  it("drops the require banner: the loader's require serves Node's modules", async () => {
    const esm = `${REQUIRE_BANNER}\nvar os=require("node:os");export{os};`;
    const { script } = chunkScript(esm);
    expect(script).not.toContain('createRequire');
    const load = loader({ 'chunk-r.js': esm }, { 'node:os': 'the os module' });
    expect(((await load('./chunk-r.js')) as { os: string }).os).toBe('the os module');
  });

  it("finds an await's operand: a call, with members and arguments, strings skipped", () => {
    const code = 'x=await a.b("(",c[")"])(1).d+1;y=await (p);z=await import("./q.js")';
    const end = (at: number) => code.slice(at, awaitOperandEnd(code, at));
    expect(end(code.indexOf('await a'))).toBe('await a.b("(",c[")"])(1).d');
    expect(end(code.indexOf('await (p)'))).toBe('await (p)');
    expect(end(code.indexOf('await import'))).toBe('await import("./q.js")');
    expect(() => awaitOperandEnd('await-1', 0)).toThrow(/not of a call/);
  });
});

describe('writeScripts', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every chunk the entry may load, and no other', () => {
    dir = mkdtempSync(join(tmpdir(), 'chunk-scripts-'));
    writeFileSync(
      join(dir, 'roundtable.js'),
      'import{a}from"./chunk-a.js";var l=()=>import("./chunk-b.js");a(l);',
    );
    writeFileSync(join(dir, 'chunk-a.js'), 'function a(){}export{a};');
    writeFileSync(join(dir, 'chunk-b.js'), 'import"./chunk-c.js";');
    writeFileSync(join(dir, 'chunk-c.js'), 'var c=1;');
    writeFileSync(join(dir, 'chunk-unused.js'), 'var u=1;');
    expect(reachable(dir, 'roundtable.js')).toEqual([
      'chunk-a.js',
      'chunk-b.js',
      'chunk-c.js',
      'roundtable.js',
    ]);
    writeScripts(dir);
    expect(readFileSync(join(dir, 'scripts', 'chunk-c.js'), 'utf8')).toMatch(/^\(function\(/);
    expect(() => readFileSync(join(dir, 'scripts', 'chunk-unused.js'))).toThrow();
  });

  it('fails when a chunk imports an awaiting chunk without import()', () => {
    dir = mkdtempSync(join(tmpdir(), 'chunk-scripts-'));
    writeFileSync(join(dir, 'roundtable.js'), 'import{w}from"./chunk-w.js";w();');
    writeFileSync(
      join(dir, 'chunk-w.js'),
      'var v=await Promise.resolve(1);function w(){return v}export{w};',
    );
    expect(() => writeScripts(dir)).toThrow(/roundtable\.js imports chunk-w\.js, which awaits/);
  });
});
