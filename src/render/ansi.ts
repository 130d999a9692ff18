import { parseHex, type Rgb } from './colors.js';

/** 0: no colour, 1: the 16 basic colours, 2: the xterm 256-colour palette, 3: 24-bit colour. */
export type ColorLevel = 0 | 1 | 2 | 3;

export interface ColorStream {
  readonly isTTY?: boolean | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * How much colour to write to `stream`. FORCE_COLOR wins over NO_COLOR, as in Node's own
 * `tty.getColorDepth` and in chalk (which Ink uses), so the TUI and the plain output agree:
 * FORCE_COLOR=0/false disables; 1/2/3, true or empty-but-set enables (the number is a minimum
 * level). Then NO_COLOR with any non-empty value disables; then TERM=dumb; then `stream.isTTY`.
 */
export function colorLevel(stream: ColorStream, env: Env): ColorLevel {
  const force = env.FORCE_COLOR;
  let minimum: ColorLevel = 0;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    if (value === '0' || value === 'false') return 0;
    minimum = value === '2' ? 2 : value === '3' ? 3 : 1;
  } else {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
    if (env.TERM === 'dumb' || !stream.isTTY) return 0;
  }
  return Math.max(minimum, detectedLevel(env)) as ColorLevel;
}

export function colorEnabled(stream: ColorStream, env: Env): boolean {
  return colorLevel(stream, env) > 0;
}

function detectedLevel(env: Env): ColorLevel {
  const colorterm = env.COLORTERM?.toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 3;
  // The Linux virtual console and dumb terminals only know the 16 basic colours.
  if (env.TERM === 'linux' || env.TERM === 'dumb') return 1;
  return 2;
}

const ESC = '\u001b[';

export interface Style {
  readonly level: ColorLevel;
  /** Text in a `#rrggbb` foreground colour, approximated to what the terminal supports. */
  fg(hex: string, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
}

export function createStyle(level: ColorLevel): Style {
  if (level === 0) {
    const same = (text: string) => text;
    return { level, fg: (_hex, text) => text, bold: same, dim: same, red: same };
  }
  return {
    level,
    fg: (hex, text) => {
      const rgb = parseHex(hex);
      return rgb ? `${ESC}${foregroundCode(rgb, level)}m${text}${ESC}39m` : text;
    },
    bold: (text) => `${ESC}1m${text}${ESC}22m`,
    dim: (text) => `${ESC}2m${text}${ESC}22m`,
    red: (text) => `${ESC}31m${text}${ESC}39m`,
  };
}

/** The SGR parameters that select `rgb` as the foreground at `level` (1–3). */
export function foregroundCode(rgb: Rgb, level: Exclude<ColorLevel, 0>): string {
  switch (level) {
    case 3:
      return `38;2;${rgb[0]};${rgb[1]};${rgb[2]}`;
    case 2:
      return `38;5;${nearest256(rgb)}`;
    case 1: {
      const index = nearest16(rgb);
      return String(index < 8 ? 30 + index : 90 + index - 8);
    }
  }
}

const CUBE = [0, 95, 135, 175, 215, 255] as const;

function squaredDistance(a: Rgb, b: Rgb): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
}

/** The closest of the xterm 6×6×6 cube and the 24-step grey ramp (indices 16–255). */
export function nearest256(rgb: Rgb): number {
  const step = (c: number) => {
    let best = 0;
    for (let i = 1; i < CUBE.length; i++) {
      if (Math.abs((CUBE[i] ?? 0) - c) < Math.abs((CUBE[best] ?? 0) - c)) best = i;
    }
    return best;
  };
  const [ri, gi, bi] = [step(rgb[0]), step(rgb[1]), step(rgb[2])];
  const cube: Rgb = [CUBE[ri] ?? 0, CUBE[gi] ?? 0, CUBE[bi] ?? 0];
  const average = (rgb[0] + rgb[1] + rgb[2]) / 3;
  const greyIndex = Math.max(0, Math.min(23, Math.round((average - 8) / 10)));
  const grey = 8 + greyIndex * 10;
  return squaredDistance([grey, grey, grey], rgb) < squaredDistance(cube, rgb)
    ? 232 + greyIndex
    : 16 + 36 * ri + 6 * gi + bi;
}

/** xterm's default values of the 16 basic colours. */
const BASIC: readonly Rgb[] = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
  [127, 127, 127],
  [255, 0, 0],
  [0, 255, 0],
  [255, 255, 0],
  [92, 92, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 255],
];
/** Black and the whites vanish on one of the two usual backgrounds. */
const UNREADABLE = new Set([0, 7, 15]);

export function nearest16(rgb: Rgb): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  BASIC.forEach((candidate, index) => {
    if (UNREADABLE.has(index)) return;
    const distance = squaredDistance(candidate, rgb);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

// Matches the SGR sequences this module writes (and other CSI sequences).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is the point.
const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(CSI, '');
}
