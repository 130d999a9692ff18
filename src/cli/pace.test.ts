import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { LIVE_VIEW_PACE, paceFor } from './pace.js';

describe('paceFor', () => {
  it('paces the live view by default and leaves plain and JSON output unpaced', () => {
    expect(paceFor('tui', undefined)).toBe(LIVE_VIEW_PACE);
    expect(paceFor('plain', undefined)).toBe(0);
    expect(paceFor('json', undefined)).toBe(0);
  });

  it('takes --pace in every mode, 0 meaning as fast as it can', () => {
    expect(paceFor('tui', '0')).toBe(0);
    expect(paceFor('json', '12.5')).toBe(12.5);
    expect(paceFor('plain', '100')).toBe(100);
  });

  it('names the flag when the value is no pace', () => {
    for (const bad of ['-1', 'fast', '']) {
      expect(() => paceFor('tui', bad)).toThrow(InputError);
      expect(() => paceFor('tui', bad)).toThrow(/^--pace: expected a number ≥ 0, got "/);
    }
  });
});
