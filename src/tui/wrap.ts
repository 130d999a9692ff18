// The live turn shows only as many lines as fit on screen. Ink redraws a frame taller than the
// terminal in full on every update (and leaves copies in the scrollback), so the live area is cut
// to its last lines here; the whole turn is printed once, in <Static>, when it ends.

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /^(?:\p{Mn}|\p{Me}|\p{Cc}|[\u200b-\u200f]|[\ufe00-\ufe0f])$/u;

function charWidth(char: string): number {
  if (ZERO.test(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** Terminal columns a string takes (an estimate good for CJK, emoji and combining marks). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Greedy word wrap of one paragraph (no newlines); words longer than a line are broken. */
export function wrapParagraph(paragraph: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of paragraph.split(' ')) {
    const wordWidth = displayWidth(word);
    if (line !== '' && lineWidth + 1 + wordWidth <= max) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    if (wordWidth <= max) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    for (const char of word) {
      const width = charWidth(char);
      if (lineWidth + width > max && line !== '') {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      line += char;
      lineWidth += width;
    }
  }
  lines.push(line);
  return lines;
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
  while (lines.length < limit) {
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    const wrapped = wrapParagraph(text.slice(start, end), width);
    lines.unshift(...wrapped);
    if (start === 0) {
      const clipped = lines.length > limit;
      return { lines: clipped ? lines.slice(-limit) : lines, clipped };
    }
    end = start - 1;
  }
  return { lines: lines.slice(-limit), clipped: true };
}
