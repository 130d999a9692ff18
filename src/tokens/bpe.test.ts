import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as gpt35 from 'gpt-tokenizer/model/gpt-3.5-turbo';
import * as gpt4 from 'gpt-tokenizer/model/gpt-4';
import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Role } from '../engine/model.js';
import { createRandom } from '../engine/random.js';
import { createTokenCounter } from './counter.js';

const WORDS = [
  'the',
  'railway',
  'park',
  'tram',
  'Ann:',
  'Moderator:',
  'cost',
  'per',
  'metre',
  '1,250',
  'housing',
  '—',
  'über',
  'naïve',
  '東京',
  '🚋',
  'isn’t',
  '\n\n',
  '"quoted"',
  'x86_64',
  '(see',
  'above)',
];
const ROLES: readonly Role[] = ['system', 'user', 'assistant'];

function randomChat(seed: number): ChatMessage[] {
  const random = createRandom(seed);
  return Array.from({ length: 1 + random.int(8) }, (_, i) => ({
    role: i === 0 ? 'system' : random.pick(ROLES),
    content: Array.from({ length: random.int(60) }, () => random.pick(WORDS)).join(' '),
  }));
}

describe('the BPE counter', () => {
  it.each([
    ['gpt-4o', gpt4o.countTokens],
    ['gpt-4', gpt4.countTokens],
    ['gpt-3.5-turbo', gpt35.countTokens],
  ] as const)('counts a %s chat exactly as the library does', (model, libraryCount) => {
    const counter = createTokenCounter(model);
    for (let seed = 1; seed <= 40; seed++) {
      const chat = randomChat(seed);
      expect(counter.count(chat)).toBe(libraryCount(chat));
    }
  });

  it('counts text the way the encoding does', () => {
    const counter = createTokenCounter('gpt-4o');
    const text = 'Trams cost the most up front and pay back over thirty years.';
    expect(counter.countText(text)).toBe(gpt4o.countTokens(text));
    expect(counter.countText('')).toBe(0);
  });

  it('treats special-token text in a reply as plain text instead of throwing', () => {
    const counter = createTokenCounter('gpt-4o');
    const text = 'the model wrote <|endoftext|> here';
    expect(counter.countText(text)).toBe(
      gpt4o.encode(text, { disallowedSpecial: new Set() }).length,
    );
    expect(counter.countText(text)).toBeGreaterThan(5);
  });

  it('learns nothing from reports: its count is already exact', () => {
    const counter = createTokenCounter('gpt-4o');
    const chat = randomChat(7);
    const before = counter.count(chat);
    counter.observe(chat, before * 3);
    expect(counter.count(chat)).toBe(before);
  });

  it('does not load the encoding tables until the first count', () => {
    const module = fileURLToPath(new URL('./counter.ts', import.meta.url));
    // Every module resolution is watched, so a static import (ESM or CJS) would show up too.
    const script = `
      const { registerHooks } = await import('node:module');
      const seen = [];
      registerHooks({
        resolve(specifier, context, next) {
          const resolved = next(specifier, context);
          if (resolved.url.includes('gpt-tokenizer')) seen.push(resolved.url);
          return resolved;
        },
      });
      const { createTokenCounter } = await import(${JSON.stringify(module)});
      const counter = createTokenCounter('gpt-4o');
      const before = seen.length > 0;
      counter.countText('hello');
      process.stdout.write(JSON.stringify({ before, after: seen.length > 0 }));
    `;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });
});
