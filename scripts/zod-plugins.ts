// The build's two plugins for zod (scripts/build.ts): zod trimmed of what roundtable never
// calls, and zod kept out of the chunks a command imports.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * zod's `z` namespace exports everything zod has, so bundling it bundles what roundtable never
 * calls, and every discussion reads, decodes and deserialises it at its start: the error messages
 * in 64 languages (`z.locales`, 336 kB of source, over half of zod's chunk; roundtable words its
 * own errors from zod's issue codes and never changes zod's locale, so English, zod's default,
 * is kept), zod's schema compiler (`z.compile`, 92 kB) and its JSON Schema reader
 * (`z.fromJSONSchema`, 38 kB). The two are kept as names that throw if ever called. The build
 * fails if any of the three files no longer reads as expected.
 */
const NOT_BUNDLED = "throw new Error('not in roundtable\\'s bundle (scripts/build.ts)')";
const ZOD_TRIMMED: readonly { file: RegExp; exports: RegExp; contents: string }[] = [
  {
    file: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/,
    exports: /^export \{ default as en \} from "\.\/en\.js";$/m,
    contents: 'export { default as en } from "./en.js";',
  },
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]compile\.js$/,
    exports:
      /^export const INVALID = Symbol\.for\("zod\.compile\.invalid"\);\n(?:.*\n)*?export class ZodCompileAsyncError extends Error \{\n(?:.*\n)*?export class ZodCompileUnsupportedError extends Error \{\n(?:.*\n)*?export function compile\(schema, options\) \{\n(?:.*\n)*?export function withParser\(schema, parser\) \{\n(?:.*\n)*?export function compileFn\(schema, options\) \{$/m,
    contents: [
      'export const INVALID = Symbol.for("zod.compile.invalid");',
      'export class ZodCompileAsyncError extends Error {}',
      'export class ZodCompileUnsupportedError extends Error {}',
      `export function compile() { ${NOT_BUNDLED}; }`,
      `export function withParser() { ${NOT_BUNDLED}; }`,
      `export function compileFn() { ${NOT_BUNDLED}; }`,
    ].join('\n'),
  },
  {
    file: /[\\/]zod[\\/]v4[\\/]classic[\\/]from-json-schema\.js$/,
    exports: /^export function fromJSONSchema\(schema, params\) \{$/m,
    contents: `export function fromJSONSchema() { ${NOT_BUNDLED}; }`,
  },
];
export const zodTrimmed: Plugin = {
  name: 'zod-trimmed',
  setup(build) {
    for (const { file, exports, contents } of ZOD_TRIMMED) {
      build.onLoad({ filter: file }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const count = source.match(/^export /gm)?.length ?? 0;
        const expected = contents.match(/^export /gm)?.length ?? 0;
        // The locales list keeps one of its lines; the others keep all of theirs.
        const listed = file.source.includes('locales') ? count > expected : count === expected;
        if (!exports.test(source) || !listed) {
          throw new Error(`${args.path}: zod has changed; see scripts/build.ts`);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};

/**
 * zod is not in the chunks a command imports: `import { z } from 'zod'` is bundled as
 * scripts/zod-on-use.ts, a `z` that requires dist/zod.cjs (zod alone, built below) the first time
 * one of its names is read. Every schema is built on first use, so a discussion that checks no
 * setting, config file or events file never loads zod (~20-25 ms of its start). Only `zod` itself
 * may be imported: a subpath would bring a second copy of zod into the chunks.
 */
const ZOD_ON_USE = join(ROOT, 'scripts', 'zod-on-use.ts');
export const zodOnUse: Plugin = {
  name: 'zod-on-use',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, () => ({ path: ZOD_ON_USE }));
    build.onResolve({ filter: /^zod\// }, (args) => ({
      errors: [
        { text: `${args.importer}: import from 'zod', not '${args.path}' (see scripts/build.ts)` },
      ],
    }));
  },
};
