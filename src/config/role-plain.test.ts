// validateRole answers a plainly valid role without zod (role-schema.ts, plainRole): whatever it
// accepts that way must be exactly what zod's roleSchema gives, fields and their order alike, and
// whatever zod refuses must still be refused with zod's messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isSeatName, namePattern, roleSchema, validateRole } from './role-schema.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = [1, 2, 3, 4].map(
  (n) =>
    JSON.parse(readFileSync(join(ROOT, 'participants', `role${n}.json`), 'utf8')) as Record<
      string,
      unknown
    >,
);

/** Values a field may be given: fine, padded, decomposed, too long, control characters, wrong types. */
const VALUES: readonly unknown[] = [
  'Ada',
  '  Ada  ',
  'Zoe\u0301',
  'Ada Lovelace',
  'A'.repeat(32),
  'A'.repeat(33),
  ` ${'B'.repeat(40)} `,
  'B'.repeat(41),
  '',
  '   ',
  'two\nlines',
  'tab\there',
  'bell\u0007',
  '\u001b[31mred',
  '#a1B2c3',
  '#abc',
  'teal',
  'not-a-colour',
  0,
  -0,
  0.5,
  1,
  1.5,
  -1,
  7,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  [],
  {},
];
const KEYS = [
  ...Object.keys(roleSchema().shape),
  'colour',
  'api_key',
  'toString',
  '__proto__',
  'constructor',
];

function cases(): unknown[] {
  const out: unknown[] = [...EXAMPLES, null, [], 'text', 3];
  for (const base of EXAMPLES) {
    for (const key of KEYS) {
      for (const value of VALUES) out.push(JSON.parse(JSON.stringify({ ...base, [key]: value })));
      const { [key]: _dropped, ...without } = base;
      out.push(without);
      out.push({ ...base, [key]: undefined });
    }
  }
  return out;
}

describe("validateRole's answer without zod", () => {
  it('is zod’s: the same fields in the same order, the same refusals and messages', () => {
    const parses = vi.spyOn(roleSchema(), 'safeParse');
    let plain = 0;
    for (const raw of cases()) {
      const zod = roleSchema().safeParse(raw);
      const before = parses.mock.calls.length;
      const ours = validateRole(raw);
      if (parses.mock.calls.length === before) plain++;
      expect(ours.ok, JSON.stringify(raw)).toBe(zod.success);
      if (ours.ok && zod.success) {
        expect(ours.fields).toStrictEqual(zod.data);
        expect(Object.keys(ours.fields)).toEqual(Object.keys(zod.data));
      }
    }
    parses.mockRestore();
    // The examples and their many valid variations took the path without zod.
    expect(plain).toBeGreaterThan(100);
  });
});

describe('isSeatName', () => {
  it('answers as namePattern() does: every code point alone, after a letter, and names', () => {
    const names = [
      'Ada',
      'ada_2',
      'Zoé',
      'Zoe\u0301',
      '\u0301Zoe',
      'Ωmega',
      'नमस्ते',
      '9lives',
      '-a',
      'a-',
      '_a',
    ];
    names.push('a b', 'a.b', 'Ada€', '€', '', '日本', 'Ǆemal', 'x\u{1F600}', '\u{10400}bc');
    for (let code = 0; code <= 0x2fff; code++) {
      const char = String.fromCodePoint(code);
      names.push(char, `A${char}`, `${char}a`);
    }
    for (const name of names) expect(isSeatName(name), name).toBe(namePattern().test(name));
  });
});
