// The engine is pure: no I/O and no presentation. Every module it loads, followed through the
// imports that survive compilation (not `import type`), stays out of the folders that write for
// people or touch the world, and imports no Node module that does I/O.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = join(SRC, 'engine');

const PRESENTATION = ['render', 'tui', 'web', 'transcript', 'cli', 'report', 'batch', 'library'];
const IO =
  /^node:(fs|fs\/promises|net|http|https|child_process|worker_threads|os|process|readline|sqlite|dgram|tls)$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-utils' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The specifiers a module loads at run time: value imports and re-exports, dynamic imports. */
function runtimeImports(text: string): string[] {
  const found: string[] = [];
  const statement = /^(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gms;
  for (const match of text.matchAll(statement)) {
    if (match[2] === undefined) found.push(match[4] ?? '');
  }
  for (const match of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1] ?? '');
  for (const match of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(match[1] ?? '');
  return found;
}

/** Every module reached from the engine's own, with the one that imports it first. */
function reached(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = sources(ENGINE);
  for (const file of queue) seen.set(file, file);
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.')
        ? resolve(dirname(file), spec).replace(/\.js$/, '.ts')
        : spec;
      if (seen.has(target)) continue;
      seen.set(target, file);
      if (spec.startsWith('.')) queue.push(target);
    }
  }
  return seen;
}

describe('the engine', () => {
  const modules = reached();
  const from = (target: string) =>
    `${target.startsWith('/') ? relative(SRC, target) : target} (imported by ${relative(SRC, modules.get(target) ?? '')})`;

  it('loads nothing that formats for people or drives a program', () => {
    const outside = [...modules.keys()].filter((target) =>
      PRESENTATION.some((dir) => target.startsWith(`${join(SRC, dir)}/`)),
    );
    expect(outside.map(from)).toEqual([]);
  });

  it('loads no Node module that does I/O', () => {
    const io = [...modules.keys()].filter((target) => IO.test(target));
    expect(io.map(from)).toEqual([]);
  });

  it('follows its imports past its own folder', () => {
    // A walk that stopped at src/engine would prove nothing about what it loads.
    expect([...modules.keys()].some((target) => target.startsWith(`${join(SRC, 'cost')}/`))).toBe(
      true,
    );
  });
});
