import { describe, expect, it } from 'vitest';
import {
  colorDistance,
  parseHex,
  type Rgb,
  relativeLuminance,
  SEAT_PALETTE,
  seatColors,
} from './colors.js';

const seats = (n: number) => Array.from({ length: n }, (_, i) => ({ seat: i + 1 }));
const rgb = (hex: string): Rgb => parseHex(hex) ?? [-1, -1, -1];
const contrast = (a: Rgb, background: number) => {
  const l = relativeLuminance(a);
  return (Math.max(l, background) + 0.05) / (Math.min(l, background) + 0.05);
};
const minPairwiseDistance = (colors: string[]) => {
  let min = Number.POSITIVE_INFINITY;
  colors.forEach((a, i) => {
    for (const b of colors.slice(i + 1)) min = Math.min(min, colorDistance(rgb(a), rgb(b)));
  });
  return min;
};

describe('seatColors', () => {
  it('gives a small table the fixed palette in seat order', () => {
    const colors = seatColors(seats(4));
    expect([...colors.entries()]).toEqual([
      [1, SEAT_PALETTE[0]],
      [2, SEAT_PALETTE[1]],
      [3, SEAT_PALETTE[2]],
      [4, SEAT_PALETTE[3]],
    ]);
  });

  it('gives 20 participants 20 distinct, well separated colours', () => {
    const colors = [...seatColors(seats(20)).values()];
    expect(new Set(colors).size).toBe(20);
    for (const color of colors) expect(color).toMatch(/^#[0-9a-f]{6}$/);
    expect(minPairwiseDistance(colors)).toBeGreaterThan(60);
  });

  it('keeps every colour readable on both black and white backgrounds', () => {
    for (const color of seatColors(seats(40)).values()) {
      expect(contrast(rgb(color), 0)).toBeGreaterThanOrEqual(3);
      expect(contrast(rgb(color), 1)).toBeGreaterThanOrEqual(3);
    }
  });

  it('still ends with pairwise different colours for a very large table', () => {
    const colors = [...seatColors(seats(500)).values()];
    expect(new Set(colors).size).toBe(500);
  });

  it('uses explicit colours and keeps automatic ones away from them', () => {
    // Seat 2 picks (almost) the palette's first colour; seat 1 must not get a look-alike.
    const colors = seatColors([{ seat: 1 }, { seat: 2, color: '#3A80F0' }, { seat: 3 }]);
    expect(colors.get(2)).toBe('#3a80f0');
    expect(colors.get(1)).toBe(SEAT_PALETTE[1]);
    expect(colors.get(3)).toBe(SEAT_PALETTE[2]);
  });

  it('honours two participants who chose the same colour', () => {
    const colors = seatColors([
      { seat: 1, color: '#123456' },
      { seat: 2, color: '#123456' },
      { seat: 3 },
    ]);
    expect(colors.get(1)).toBe('#123456');
    expect(colors.get(2)).toBe('#123456');
    expect(colors.get(3)).not.toBe('#123456');
  });

  it('treats a colour that is not #rrggbb as absent rather than crashing', () => {
    const colors = seatColors([{ seat: 1, color: 'teal' }, { seat: 2 }]);
    expect(colors.get(1)).toBe(SEAT_PALETTE[0]);
    expect(colors.get(2)).toBe(SEAT_PALETTE[1]);
  });
});
