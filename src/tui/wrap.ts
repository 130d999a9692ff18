// Every text of the live view is wrapped here, not by Ink, for two reasons. Ink's wrapping keeps
// the space it breaks at, so wrapped lines start with a stray space, and it cannot indent the
// lines after the first (a hanging indent). And the live area must never be taller than the
// terminal (Ink redraws a taller frame in full on every update and leaves copies of it in the
// scrollback), which needs every line counted before it is drawn. Widths come from the same
// `string-width` Ink measures with, so a line that fits here fits there.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Terminal columns a string takes (wide CJK and emoji count two, combining marks none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The user-perceived characters of `text`: 🇵🇹 or e + a combining accent are one each. */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** Breaks a word wider than `width` into pieces that fit, between graphemes. */
function breakWord(word: string, first: number, rest: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  let room = Math.max(1, first);
  for (const grapheme of splitGraphemes(word)) {
    const w = displayWidth(grapheme);
    if (used + w > room && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
      room = Math.max(1, rest);
    }
    piece += grapheme;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}

export interface WrapOptions {
  /** Columns the first line may use (it may follow a prefix); `width` by default. */
  readonly firstWidth?: number;
  /** Spaces before every line after the first: a hanging indent. */
  readonly hangingIndent?: number;
}

/**
 * Greedy word wrap of one paragraph (no newlines). Lines never start or end with the space they
 * were broken at; runs of spaces count as one. Continuation lines carry `hangingIndent` spaces.
 */
export function wrapParagraph(
  paragraph: string,
  width: number,
  options: WrapOptions = {},
): string[] {
  const indent = Math.max(0, Math.min(options.hangingIndent ?? 0, width - 1));
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let room = Math.max(1, options.firstWidth ?? width);
  const rest = Math.max(1, width - indent);
  const push = (): void => {
    lines.push(lines.length === 0 ? line : pad + line);
    line = '';
    used = 0;
    room = rest;
  };
  for (const word of paragraph.split(/ +/)) {
    if (word === '') continue;
    const w = displayWidth(word);
    if (line !== '' && used + 1 + w <= room) {
      line += ` ${word}`;
      used += 1 + w;
      continue;
    }
    if (line !== '') push();
    if (w <= room) {
      line = word;
      used = w;
      continue;
    }
    const pieces = breakWord(word, room, rest);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) push();
      line = piece;
      used = displayWidth(piece);
    }
  }
  if (line !== '' || lines.length === 0) lines.push(lines.length === 0 ? line : pad + line);
  return lines;
}

/** Wraps text of several paragraphs (newlines kept as line breaks, tabs as two spaces). */
export function wrapText(text: string, width: number, options: WrapOptions = {}): string[] {
  const paragraphs = text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n');
  return paragraphs.flatMap((paragraph, i) =>
    wrapParagraph(paragraph, width, i === 0 ? options : { ...options, firstWidth: width }),
  );
}

/**
 * The last `maxLines` lines of `text` wrapped to `width`. Only the paragraphs that reach the
 * screen are wrapped, each from its own start, so the visible lines never reflow as text grows.
 */
export function tailLines(
  text: string,
  width: number,
  maxLines: number,
): { lines: string[]; clipped: boolean } {
  const limit = Math.max(1, maxLines);
  const lines: string[] = [];
  let end = text.length;
  while (lines.length <= limit) {
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    lines.unshift(...wrapParagraph(text.slice(start, end), width));
    if (start === 0) break;
    end = start - 1;
  }
  const clipped = lines.length > limit;
  return { lines: clipped ? lines.slice(-limit) : lines, clipped };
}
