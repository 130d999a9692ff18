// Whatever plainlyValid accepts, the setting's rule (zod) accepts and returns unchanged: the plain
// check may only take a shortcut to the rule's own answer.
import { describe, expect, it } from 'vitest';
import { PLAIN_RULES, plainlyValid } from './plain-settings.js';
import { type SettingKey, settingSchemas } from './setting-schemas.js';

const VALUES: readonly unknown[] = [
  ...[-2, -1, -0, 0, 0.5, 1, 2, 3, 6, 19, 20, 21, 9_999, 10_000, 10_001, 2 ** 31, 2 ** 32 - 1],
  ...[2 ** 32, 2 ** 53 - 1, 2 ** 53, 1e300, Number.NaN, Infinity, -Infinity, 1.000_000_1],
  ...['3', '', 'true', true, false, null, undefined, {}, [], 3n],
  ...['roundtable', 'debate', 'council', 'rounds', 'Debate', ' debate', 'fair', 'bid', 'original'],
  ...['ranked', 'approval', 'score', 'toString', 'constructor', '__proto__'],
];

describe('a setting checked without zod', () => {
  it('is accepted only where its rule accepts it, and as the same value', () => {
    let plain = 0;
    for (const key of Object.keys(PLAIN_RULES) as SettingKey[]) {
      for (const value of VALUES) {
        if (!plainlyValid(key, value)) continue;
        plain++;
        const parsed = settingSchemas[key].safeParse(value);
        expect(parsed.success, `${key} ${String(value)}`).toBe(true);
        expect(Object.is(parsed.data, value), `${key} ${String(value)}`).toBe(true);
      }
    }
    expect(plain).toBeGreaterThan(40);
  });

  it('takes the README’s flags without zod: --seed 3, --turns 6, --no-summary', () => {
    expect(plainlyValid('seed', 3)).toBe(true);
    expect(plainlyValid('turns', 6)).toBe(true);
    expect(plainlyValid('summary', false)).toBe(true);
    expect(plainlyValid('format', 'debate')).toBe(true);
    expect(plainlyValid('turns', 0)).toBe(false);
    expect(plainlyValid('model', 'gpt')).toBe(false);
  });
});
