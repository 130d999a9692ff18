// scripts/chunk-rewrites.ts: the chunks in ASCII (a non-ASCII character in a pattern made Node
// decode the whole chunk into a two-byte string, on a path ~100 times slower), patterns meaning
// what they meant, and the source maps' columns moved to match.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiChunk, regExpSpans, shiftMappings } from '../../scripts/chunk-rewrites.js';

const CHUNK = [
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a chunk's text, holding a template literal
  'var QUOTES=/^["\'“‘«]+|["\'”’»]+$/g,ratio=a/b/c,s="x/y",t=`a/${(()=>/[’]/u.test("\\u2019"))()}/b`;',
  'function tidy(x){return x.replace(/\\b(i|i’m)\\b/giu,"I").replace(QUOTES,"")}var tail=tidy;',
].join('\n');

/** Each segment's generated [line, column], in order. */
function columns(mappings: string): [number, number][] {
  const seen: [number, number][] = [];
  shiftMappings(mappings, (line, column) => {
    seen.push([line, column]);
    return column;
  });
  return seen;
}

describe('the chunk rewrites', () => {
  it('find the regular expression literals, not divisions, strings or template text', () => {
    const spans = regExpSpans(CHUNK).map(([start, end]) => CHUNK.slice(start, end));
    expect(spans).toEqual(['/^["\'“‘«]+|["\'”’»]+$/g', '/[’]/u', '/\\b(i|i’m)\\b/giu']);
  });

  it('write a chunk in ASCII whose patterns match as before, and move its map', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-chunk-rewrites-'));
    try {
      const path = join(dir, 'chunk.js');
      writeFileSync(path, CHUNK);
      // Two segments a line: at its start, and at a token after its patterns.
      const tokens = ['ratio', 'tail'];
      const tokenAt = (code: string, line: number) =>
        (code.split('\n')[line] as string).indexOf(tokens[line] as string);
      const count = new Map<number, number>();
      const mappings = shiftMappings('AAAA,AAAA;AAAA,AAAA', (line) => {
        const n = count.get(line) ?? 0;
        count.set(line, n + 1);
        return n === 0 ? 0 : tokenAt(CHUNK, line);
      });
      writeFileSync(`${path}.map`, JSON.stringify({ version: 3, mappings }));

      asciiChunk(path);
      const code = readFileSync(path, 'utf8');
      expect(code).toMatch(/^[^\u0080-\uffff]*$/);
      const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { mappings: string };
      expect(columns(map.mappings)).toEqual([
        [0, 0],
        [0, tokenAt(code, 0)],
        [1, 0],
        [1, tokenAt(code, 1)],
      ]);
      expect(tokenAt(code, 0)).toBeGreaterThan(tokenAt(CHUNK, 0));

      const evaluate = (text: string) =>
        new Function('a', 'b', 'c', `${text}; return { QUOTES, tidy, t };`)(6, 3, 1) as {
          QUOTES: RegExp;
          tidy: (x: string) => string;
          t: string;
        };
      const before = evaluate(CHUNK);
      const after = evaluate(code);
      for (const text of ['“Quoted”', '«i’m here»', "'plain'", 'i’m — I’m — im']) {
        expect(after.tidy(text)).toBe(before.tidy(text));
        expect(text.replace(after.QUOTES, '')).toBe(text.replace(before.QUOTES, ''));
      }
      expect(after.t).toBe(before.t);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("move a map's generated columns past each escape on its line, and no others", () => {
    // Line 0: segments at columns 0, 10 and 30; line 1: at 0 and 5.
    const mappings = 'AAAA,UAAA,oBAAA;AAAA,KAAA';
    expect(columns(mappings)).toEqual([
      [0, 0],
      [0, 10],
      [0, 30],
      [1, 0],
      [1, 5],
    ]);
    const moved = shiftMappings(mappings, (line, column) =>
      line === 0 && column >= 20 ? column + 5 : column,
    );
    expect(columns(moved)).toEqual([
      [0, 0],
      [0, 10],
      [0, 35],
      [1, 0],
      [1, 5],
    ]);
  });
});
