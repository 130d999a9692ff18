import { displayWidth, splitGraphemes } from './wrap.js';

/** A run of text in one style: what a line of the live view is made of. */
export interface Span {
  readonly text: string;
  readonly color?: string | undefined;
  readonly bold?: boolean | undefined;
  readonly dim?: boolean | undefined;
  readonly italic?: boolean | undefined;
}

/** One row of the screen. */
export type Line = readonly Span[];

export const span = (text: string, style: Omit<Span, 'text'> = {}): Span => ({ text, ...style });

export function lineWidth(line: Line): number {
  let width = 0;
  for (const part of line) width += displayWidth(part.text);
  return width;
}

export const lineText = (line: Line): string => line.map((part) => part.text).join('');

/** A word (no spaces) made of the styled pieces it spans. */
type Word = Span[];

function wordWidth(word: Word): number {
  return lineWidth(word);
}

/** Splits styled text at spaces into words; a word may carry several styles ("●" + bold name). */
function words(spans: readonly Span[]): Word[] {
  const result: Word[] = [];
  let current: Word = [];
  for (const part of spans) {
    const pieces = part.text.split(/( +)/);
    for (const piece of pieces) {
      if (piece === '') continue;
      if (piece.startsWith(' ')) {
        if (current.length > 0) result.push(current);
        current = [];
      } else {
        current.push({ ...part, text: piece });
      }
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** Cuts a word wider than a line into pieces of at most `first`, then `rest`, columns. */
function breakWord(word: Word, first: number, rest: number): Word[] {
  const pieces: Word[] = [];
  let piece: Word = [];
  let used = 0;
  let room = Math.max(1, first);
  for (const part of word) {
    for (const grapheme of splitGraphemes(part.text)) {
      const w = displayWidth(grapheme);
      if (used + w > room && used > 0) {
        pieces.push(piece);
        piece = [];
        used = 0;
        room = Math.max(1, rest);
      }
      const last = piece.at(-1);
      if (last !== undefined && sameStyle(last, part)) {
        piece[piece.length - 1] = { ...last, text: last.text + grapheme };
      } else {
        piece.push({ ...part, text: grapheme });
      }
      used += w;
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

function sameStyle(a: Span, b: Span): boolean {
  return a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic;
}

/** Joins neighbouring spans of one style, so a line renders as few Text nodes as it can. */
function compact(line: Span[]): Span[] {
  const out: Span[] = [];
  for (const part of line) {
    const last = out.at(-1);
    if (last !== undefined && sameStyle(last, part))
      out[out.length - 1] = { ...last, text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

export interface SpanWrapOptions {
  /** Spaces before every row after the first. */
  readonly hangingIndent?: number;
}

/**
 * Greedy word wrap of one paragraph of styled text to `width` columns. Rows never begin or end
 * with the space they broke at; rows after the first are indented by `hangingIndent` (a
 * hanging indent, as the header's seat lines use). Runs of spaces become one.
 */
export function wrapSpans(
  spans: readonly Span[],
  width: number,
  options: SpanWrapOptions = {},
): Line[] {
  const indent = Math.max(0, Math.min(options.hangingIndent ?? 0, width - 1));
  const lines: Line[] = [];
  let line: Span[] = [];
  let used = 0;
  let room = Math.max(1, width);
  const rest = Math.max(1, width - indent);
  // The space between two words takes the style of the word before it (no underline or
  // background is used, so it looks the same either way).
  const push = (): void => {
    lines.push(
      compact(lines.length === 0 || indent === 0 ? line : [{ text: ' '.repeat(indent) }, ...line]),
    );
    line = [];
    used = 0;
    room = rest;
  };
  for (const word of words(spans)) {
    const w = wordWidth(word);
    if (line.length > 0 && used + 1 + w <= room) {
      const before = line.at(-1) ?? {};
      line.push({ ...before, text: ' ' }, ...word);
      used += 1 + w;
      continue;
    }
    if (line.length > 0) push();
    if (w <= room) {
      line.push(...word);
      used = w;
      continue;
    }
    for (const [i, piece] of breakWord(word, room, rest).entries()) {
      if (i > 0) push();
      line.push(...piece);
      used = wordWidth(piece);
    }
  }
  if (line.length > 0 || lines.length === 0) push();
  return lines;
}

/** Cuts a row to `width` columns, ending it with "…" when something was cut. */
export function truncateLine(line: Line, width: number): Line {
  if (lineWidth(line) <= width) return line;
  const out: Span[] = [];
  let used = 0;
  const room = Math.max(0, width - 1);
  for (const part of line) {
    let text = '';
    for (const grapheme of splitGraphemes(part.text)) {
      const w = displayWidth(grapheme);
      if (used + w > room) break;
      text += grapheme;
      used += w;
    }
    if (text !== '') out.push({ ...part, text });
    if (used >= room || text.length < part.text.length) break;
  }
  const last = out.at(-1);
  if (last !== undefined) out[out.length - 1] = { ...last, text: `${last.text.trimEnd()}…` };
  else out.push({ text: '…' });
  return out;
}
