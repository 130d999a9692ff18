// scripts/eager-functions.ts: the top-level functions an offline discussion calls are written as
// parenthesised function expressions, which V8 compiles with their chunk (so Node's compile cache
// keeps them), unless the code before one could call it before its line has run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shiftMappings } from '../../scripts/chunk-rewrites.js';
import {
  assertNoImportCycle,
  eagerChunk,
  eagerDeclarations,
} from '../../scripts/eager-functions.js';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

/** `code` with `eagerDeclarations`' insertions made, every function in it taken as called. */
function eager(code: string, called?: readonly string[]): string {
  const starts = new Set<number>();
  for (const match of code.matchAll(/(?:async )?function\*?\s*([\w$]+)/g)) {
    if (called === undefined || called.includes(match[1] as string)) starts.add(match.index);
  }
  let out = '';
  let from = 0;
  for (const { start, end, text } of eagerDeclarations(code, starts)) {
    out += code.slice(from, start) + text;
    from = end;
  }
  return out + code.slice(from);
}

/** What the code's `result` is, run as a script. */
function run(code: string): unknown {
  return new Function(`${code};return result;`)();
}

describe('eager functions', () => {
  it('writes a called top-level declaration as a parenthesised expression of the same name', () => {
    const code =
      'var a=1;function twice(x){return 2*x}async function later(){return 3}var result=[twice(a),twice.name];';
    const out = eager(code);
    expect(out).toBe(
      'var a=1;var twice=(function twice(x){return 2*x});var later=(async function later(){return 3});var result=[twice(a),twice.name];',
    );
    expect(run(out)).toEqual(run(code));
  });

  it('leaves a function as it is when it was not called, or is not at the top level', () => {
    const code =
      'function outer(){function inner(){return 1}return inner()}function unused(){}var result=outer();';
    expect(eager(code, ['outer', 'inner'])).toBe(
      'var outer=(function outer(){function inner(){return 1}return inner()});function unused(){}var result=outer();',
    );
  });

  it('leaves a function as it is when the code before it could call it', () => {
    // early() runs before its line: directly, through a function named before it, or in a class's
    // static field; late() is only named after its line.
    const code = [
      'var direct=early();',
      'var X=class{static y=alsoEarly()};',
      'var viaHelper=helper();',
      'function helper(){return early()+deep()}',
      'function early(){return 1}',
      'function alsoEarly(){return 2}',
      'function deep(){return 3}',
      'function late(){return 4}',
      'var result=[direct,X.y,viaHelper,late()];',
    ].join('');
    const out = eager(code);
    for (const name of ['early', 'alsoEarly', 'deep', 'helper']) {
      expect(out).toContain(`function ${name}(`);
      expect(out).not.toContain(`var ${name}=(`);
    }
    expect(out).toContain('var late=(function late(){return 4});');
    expect(run(out)).toEqual([1, 2, 4, 4]);
  });

  it('does not take text in strings, templates or patterns for code', () => {
    const code =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a chunk's text, holding a template literal
      'var s="function fake(){}",t=`function also(){} ${1}`,r=/function no(){}/;function real(){return[s,t,r.source]}var result=real();';
    const out = eager(code);
    expect(out.match(/=\(function/g)).toHaveLength(1);
    expect(out).toContain('var real=(function real(){');
    expect(run(out)).toEqual(run(code));
  });

  it("moves a map's generated columns past each insertion on its line", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-eager-functions-'));
    try {
      const path = join(dir, 'chunk.js');
      const code = 'var a=1;\nfunction f(){return a}var b=f();';
      writeFileSync(path, code);
      // Segments at "var" (line 0), "function", "return" and the last "var" (line 1).
      const columnsOf = (text: string) => {
        const line = text.split('\n')[1] as string;
        return [line.indexOf('function'), line.indexOf('return'), line.lastIndexOf('var b')];
      };
      const at = columnsOf(code);
      let n = 0;
      const mappings = shiftMappings('AAAA;AAAA,AAAA,AAAA', (line) =>
        line === 0 ? 0 : (at[n++] as number),
      );
      writeFileSync(`${path}.map`, JSON.stringify({ version: 3, mappings }));
      expect(eagerChunk(path, new Set([code.indexOf('function')]))).toBe(1);
      const out = readFileSync(path, 'utf8');
      expect(out).toBe('var a=1;\nvar f=(function f(){return a});var b=f();');
      const seen: number[] = [];
      const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { mappings: string };
      shiftMappings(map.mappings, (line, column) => {
        if (line === 1) seen.push(column);
        return column;
      });
      // Each mapping moves with its token: `function` is now after `var f=(`.
      expect(seen).toEqual(columnsOf(out));
      expect(seen[0]).toBe('var f=('.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build when chunks import each other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-eager-cycle-'));
    try {
      writeFileSync(join(dir, 'a.js'), 'import{b}from"./b.js";export var a=1;');
      writeFileSync(join(dir, 'b.js'), 'import"./c.js";export var b=1;');
      writeFileSync(join(dir, 'c.js'), 'export var c=await import("./a.js");');
      expect(() => assertNoImportCycle(dir)).not.toThrow();
      writeFileSync(join(dir, 'c.js'), 'import{a}from"./a.js";export var c=a;');
      expect(() => assertNoImportCycle(dir)).toThrow(/a\.js -> b\.js -> c\.js -> a\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is in the build: the offline model chunk holds eager declarations', () => {
    ensureBuilt();
    const dist = join(ROOT, 'dist');
    const chunks = readdirSync(dist).filter((name) => name.endsWith('.js'));
    const model = chunks.filter((name) =>
      (
        JSON.parse(readFileSync(join(dist, `${name}.map`), 'utf8')) as { sources: string[] }
      ).sources.some((source) => source.endsWith('test-server/model/talk.ts')),
    );
    expect(model).toHaveLength(1);
    const code = readFileSync(join(dist, model[0] as string), 'utf8');
    expect(code.match(/var ([\w$]+)=\((?:async )?function\*? ?\1\(/g)?.length).toBeGreaterThan(20);
  });
});
