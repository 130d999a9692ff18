import { describe, expect, it } from 'vitest';
import { nearest, unknownKeyMessage } from './suggest.js';

const fields = ['name', 'full_name', 'creativity', 'prompt', 'color', 'max_tokens'];

describe('nearest', () => {
  it('ignores case, dashes and underscores', () => {
    expect(nearest('fullName', fields)).toBe('full_name');
    expect(nearest('MAX-TOKENS', fields)).toBe('max_tokens');
  });

  it('finds typos within about one edit per three letters', () => {
    expect(nearest('creativty', fields)).toBe('creativity');
    expect(nearest('colour', fields)).toBe('color');
    expect(nearest('promt', fields)).toBe('prompt');
  });

  it('suggests nothing for unrelated words', () => {
    expect(nearest('mood', fields)).toBeUndefined();
    expect(nearest('temperature', fields)).toBeUndefined();
  });
});

describe('unknownKeyMessage', () => {
  it('suggests or lists', () => {
    expect(unknownKeyMessage('fulname', fields)).toBe(
      'unknown field "fulname" (did you mean full_name?)',
    );
    expect(unknownKeyMessage('xyz', ['a', 'b'], 'setting')).toBe(
      'unknown setting "xyz" (valid settings: a, b)',
    );
  });
});
