import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWERS, CLOSINGS, FALLBACKS, WRAP_UPS } from './lines.js';
import { TALK_TEXT } from './talk-corpus.js';
import { runKeys } from './words.js';

// The built-in talk is spoken by every seat, so it must not hold a run of any bundled table's
// persona or instructions: a seat would "recite" another seat's persona, which it never saw.
describe('the built-in talk', () => {
  const ours = new Set(
    runKeys([TALK_TEXT, ...ANSWERS, ...CLOSINGS, ...WRAP_UPS, ...FALLBACKS].join('\n')),
  );
  const root = new URL('../../', import.meta.url);

  it.each(['./', 'tests/offline/fixtures/library/'])(
    'shares no six-word run with the table in %s',
    (dir) => {
      const base = new URL(dir, root);
      const texts: string[] = [];
      for (const file of readdirSync(new URL('participants/', base))) {
        if (!file.endsWith('.json')) continue;
        const role = JSON.parse(readFileSync(new URL(`participants/${file}`, base), 'utf8'));
        texts.push(role.prompt);
      }
      for (const file of ['instructions.txt', 'summarize.txt'])
        texts.push(readFileSync(new URL(`task/${file}`, base), 'utf8'));
      const shared = texts.flatMap((text) => runKeys(text)).filter((key) => ours.has(key));
      expect(shared).toEqual([]);
    },
  );
});
