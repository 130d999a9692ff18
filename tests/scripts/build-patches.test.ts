// scripts/build.ts patches two dependencies as it bundles them, for what every discussion loads at
// its start: zod keeps English only of its 64 languages and leaves out its schema compiler and its
// JSON Schema reader, and commander takes Node's built-ins when it uses them instead of importing
// them as modules. zod is bundled apart (dist/zod.cjs), out of every chunk a command imports. The
// chunks are read through their source maps.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regExpSpans } from '../../scripts/chunk-rewrites.js';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

/** Each chunk of dist/ with the sources its map names. */
function chunks(): { name: string; code: string; sources: string[] }[] {
  ensureBuilt();
  const dist = join(ROOT, 'dist');
  return readdirSync(dist)
    .filter((name) => name.endsWith('.js') || name.endsWith('.cjs'))
    .map((name) => ({
      name,
      code: readFileSync(join(dist, name), 'utf8'),
      sources: (
        JSON.parse(readFileSync(join(dist, `${name}.map`), 'utf8')) as { sources: string[] }
      ).sources,
    }));
}

function holding(source: RegExp): { name: string; code: string; sources: string[] } {
  const found = chunks().filter((chunk) => chunk.sources.some((s) => source.test(s)));
  expect(found).toHaveLength(1);
  return found[0] as { name: string; code: string; sources: string[] };
}

describe('the bundle', () => {
  it("holds zod's English messages only, and neither its schema compiler nor its JSON Schema reader", () => {
    const zod = holding(/zod\/v4\/core\/schemas\.js$/);
    const locales = zod.sources.filter((s) => s.includes('/locales/'));
    expect(locales.map((s) => s.replace(/.*\/locales\//, '')).sort()).toEqual([
      'en.js',
      'index.js',
    ]);
    // Words of zod's own compile.js and from-json-schema.js, which the build keeps as names only.
    expect(zod.code).not.toContain('a schema whose subtree contains a reference cycle');
    expect(zod.code).not.toContain('Reference not found');
    expect(zod.code).toContain("not in roundtable's bundle");
  });

  it('makes a require function only in the chunks that call require', () => {
    const all = chunks().filter((chunk) => !chunk.name.endsWith('.cjs'));
    const banner = "import { createRequire as __createRequire } from 'node:module';";
    const making = all.filter((chunk) => chunk.code.startsWith(banner));
    // The chunks of CommonJS code (react, fastify, esbuild's require shim) keep it.
    expect(making.length).toBeGreaterThan(0);
    expect(making.length).toBeLessThan(all.length / 4);
    for (const chunk of all) {
      const body = chunk.code.startsWith(banner)
        ? chunk.code.slice(chunk.code.indexOf('\n'))
        : chunk.code;
      if (!chunk.code.startsWith(banner)) expect(body, chunk.name).not.toMatch(/\brequire\b/);
      // The emptied banner keeps its line, so that the source map's lines hold.
      expect(chunk.code.startsWith('\n') || chunk.code.startsWith(banner), chunk.name).toBe(true);
    }
  });

  it('writes every regular expression literal of every chunk in ASCII', () => {
    for (const chunk of chunks()) {
      for (const [start, end] of regExpSpans(chunk.code)) {
        expect(chunk.code.slice(start, end), chunk.name).toMatch(/^[^\u0080-\uffff]*$/);
      }
    }
    // The offline model's chunk, which had ’ and … in its patterns, is ASCII throughout.
    expect(holding(/test-server\/model\/words\.ts$/).code).toMatch(/^[^\u0080-\uffff]*$/);
  });

  it('keeps zod in dist/zod.cjs alone, which the chunks require only through zod-on-use', () => {
    const all = chunks();
    const withZod = all.filter((chunk) =>
      chunk.sources.some((s) => s.includes('node_modules/zod/')),
    );
    expect(withZod).toHaveLength(1);
    const requiring = all.filter((chunk) => chunk.code.includes('./zod.cjs'));
    expect(requiring).toHaveLength(1);
    expect(requiring[0]?.sources.some((s) => s.endsWith('scripts/zod-on-use.ts'))).toBe(true);
  });

  it("imports none of Node's built-ins in commander's chunk that a discussion does not use", () => {
    const commander = holding(/commander\/lib\/command\.js$/);
    const builtins = [...commander.code.matchAll(/from\s*"(node:[a-z_/]+)"/g)].map((m) => m[1]);
    expect(builtins.length).toBeGreaterThan(0);
    expect(builtins.filter((name) => /child_process|process$|util$/.test(name ?? ''))).toEqual([]);
  });
});
