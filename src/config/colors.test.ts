import { describe, expect, it } from 'vitest';
import { COLOR_NAMES, NAMED_COLORS, normalizeColor } from './colors.js';

describe('normalizeColor', () => {
  it('lowercases #rrggbb and expands #rgb', () => {
    expect(normalizeColor('#A1B2C3')).toBe('#a1b2c3');
    expect(normalizeColor(' #fA0 ')).toBe('#ffaa00');
  });

  it('maps every chalk color name, in any case, to its hex', () => {
    for (const name of COLOR_NAMES) {
      expect(normalizeColor(name)).toBe(NAMED_COLORS[name]);
      expect(normalizeColor(name.toUpperCase())).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(normalizeColor('magentaBright')).toBe('#d670d6');
  });

  it('rejects anything else', () => {
    for (const bad of ['purple', '#12345', '#1234567', 'rgb(1,2,3)', '', '#ggg000']) {
      expect(normalizeColor(bad)).toBeUndefined();
    }
  });
});
