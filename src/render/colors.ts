import type { Participant } from '../engine/table.js';

export type Rgb = readonly [number, number, number];

/**
 * Mid-lightness colours, far apart in hue, that keep enough contrast on both dark and light
 * terminal backgrounds. Ordered so that small tables get the most distinct ones.
 */
export const SEAT_PALETTE: readonly string[] = [
  '#3b82f6', // blue
  '#ef4444', // red
  '#16a34a', // green
  '#d97706', // amber
  '#a855f7', // purple
  '#0891b2', // cyan
  '#db2777', // pink
  '#65a30d', // lime
];

/** A palette or generated colour closer than this to one already taken is skipped. */
const MIN_DISTANCE = 90;
const GOLDEN_ANGLE = 137.508;
/**
 * Generated colours are held to a band of relative luminance, so each keeps a contrast of at least
 * 3:1 against both black and white; cycling through three levels of the band gives them a second
 * axis to differ on besides hue.
 */
const GENERATED_LUMINANCE = [0.18, 0.13, 0.24] as const;

const HEX = /^#[0-9a-f]{6}$/i;

export function parseHex(hex: string): Rgb | undefined {
  if (!HEX.test(hex)) return undefined;
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * "Redmean" weighted distance: a cheap approximation of perceived difference that, unlike plain
 * RGB distance, does not call a dark green and a dark blue nearly the same.
 */
export function colorDistance(a: Rgb, b: Rgb): number {
  const rMean = (a[0] + b[0]) / 2;
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt((2 + rMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rMean) / 256) * db * db);
}

export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const h = (((hue % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = lightness - c / 2;
  const [r, g, b] =
    h < 1
      ? [c, x, 0]
      : h < 2
        ? [x, c, 0]
        : h < 3
          ? [0, c, x]
          : h < 4
            ? [0, x, c]
            : h < 5
              ? [x, 0, c]
              : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(rgb: Rgb): number {
  const linear = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
}

/** The colour of this hue whose luminance is `target` (luminance grows with HSL lightness). */
function colorWithLuminance(hue: number, target: number): Rgb {
  let low = 0;
  let high = 1;
  for (let step = 0; step < 24; step++) {
    const middle = (low + high) / 2;
    if (relativeLuminance(hslToRgb(hue, 0.75, middle)) < target) low = middle;
    else high = middle;
  }
  return hslToRgb(hue, 0.75, (low + high) / 2);
}

/** Endless candidates: the palette first, then golden-angle hues, which never repeat. */
function* candidates(): Generator<string, never> {
  yield* SEAT_PALETTE;
  for (let i = 0; ; i++) {
    const luminance = GENERATED_LUMINANCE[i % GENERATED_LUMINANCE.length] ?? 0.18;
    yield toHex(colorWithLuminance(20 + i * GOLDEN_ANGLE, luminance));
  }
}

/**
 * A distinct colour for every seat, any number of seats. A participant's own `color` always wins
 * (even when two participants chose the same one: that was their choice); every other seat gets
 * the first candidate far enough from all colours already taken, so an automatic colour never
 * looks like an explicit one. The distance bar is lowered only when a very large table has used
 * up the colour space, so the loop always ends and colours stay pairwise different.
 */
export function seatColors(
  participants: readonly Pick<Participant, 'seat' | 'color'>[],
): Map<number, string> {
  const colors = new Map<number, string>();
  const taken: Rgb[] = [];
  const auto: number[] = [];
  for (const p of participants) {
    const hex = p.color?.toLowerCase();
    const own = hex === undefined ? undefined : parseHex(hex);
    if (hex && own) {
      colors.set(p.seat, hex);
      taken.push(own);
    } else {
      auto.push(p.seat);
    }
  }

  const source = candidates();
  let bar = MIN_DISTANCE;
  let misses = 0;
  for (const seat of auto) {
    for (;;) {
      const hex = source.next().value;
      const rgb = parseHex(hex) ?? [0, 0, 0];
      const nearest = Math.min(...taken.map((t) => colorDistance(t, rgb)));
      if (nearest >= bar && nearest > 0) {
        colors.set(seat, hex);
        taken.push(rgb);
        misses = 0;
        break;
      }
      if (++misses >= 64) {
        bar /= 2;
        misses = 0;
      }
    }
  }
  return colors;
}
