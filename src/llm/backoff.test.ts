import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from './backoff.js';

const headers = (init: Record<string, string>) => new Headers(init);

describe('retryAfterMs', () => {
  const now = () => Date.parse('2026-11-05T12:00:00Z');

  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.25' }, 250],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after-ms': '1234.5' }, 1235],
    [{ 'retry-after-ms': '20', 'retry-after': '5' }, 20],
    [{ 'retry-after': 'Thu, 05 Nov 2026 12:00:30 GMT' }, 30_000],
    // A date in the past means "now".
    [{ 'retry-after': 'Thu, 05 Nov 2026 11:59:00 GMT' }, 0],
  ])('%j → %i ms', (init, expected) => {
    expect(retryAfterMs(headers(init), now)).toBe(expected);
  });

  it.each<Record<string, string>>([
    {},
    { 'retry-after': 'soon' },
    { 'retry-after': '-5' },
    { 'retry-after': '  ' },
  ])('unusable %j → undefined', (init) => {
    expect(retryAfterMs(headers(init), now)).toBeUndefined();
  });

  it('falls back to Retry-After when retry-after-ms is unreadable', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': 'x', 'retry-after': '2' }), now)).toBe(2000);
  });
});

describe('backoffDelay', () => {
  const backoff = { baseMs: 1000, maxMs: 8000 };

  it('doubles each retry, capped at maxMs', () => {
    const top = (retry: number) => backoffDelay(retry, backoff, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('jitters within the upper half of each step', () => {
    for (const r of [0, 0.3, 0.999]) {
      const delay = backoffDelay(3, backoff, () => r);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
    expect(backoffDelay(3, backoff, () => 0)).toBe(2000);
    expect(backoffDelay(3, backoff, () => 0.5)).toBe(3000);
  });
});
