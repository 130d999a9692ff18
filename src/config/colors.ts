/**
 * Named colors a role file may use (chalk's names) and the hex each stands for, so renderers only
 * ever deal with `#rrggbb`. The values are a common terminal palette (VS Code's), readable on both
 * dark and light backgrounds.
 */
export const NAMED_COLORS = {
  black: '#000000',
  red: '#cd3131',
  green: '#0dbc79',
  yellow: '#e5e510',
  blue: '#2472c8',
  magenta: '#bc3fbc',
  cyan: '#11a8cd',
  white: '#e5e5e5',
  gray: '#666666',
  grey: '#666666',
  blackBright: '#666666',
  redBright: '#f14c4c',
  greenBright: '#23d18b',
  yellowBright: '#f5f543',
  blueBright: '#3b8eea',
  magentaBright: '#d670d6',
  cyanBright: '#29b8db',
  whiteBright: '#ffffff',
} as const satisfies Record<string, string>;

export type ColorName = keyof typeof NAMED_COLORS;

export const COLOR_NAMES: readonly ColorName[] = Object.keys(NAMED_COLORS) as ColorName[];

const byLowerName = new Map<string, string>(
  COLOR_NAMES.map((name) => [name.toLowerCase(), NAMED_COLORS[name]]),
);

/**
 * `#rrggbb`, `#rgb` or a color name (any case) → lowercase `#rrggbb`; undefined when it is none of
 * these.
 */
export function normalizeColor(input: string): string | undefined {
  const text = input.trim();
  const long = /^#([0-9a-f]{6})$/i.exec(text);
  if (long?.[1] !== undefined) return `#${long[1].toLowerCase()}`;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  if (short !== null) {
    return `#${short
      .slice(1)
      .map((d) => `${d}${d}`)
      .join('')
      .toLowerCase()}`;
  }
  return byLowerName.get(text.toLowerCase());
}
