import { type Line, lineWidth, type Span, truncateLine } from '../spans.js';

/** Columns a box's border and padding take: "│ " on the left and " │" on the right. */
export const BOX_INSET = 4;

/**
 * Rows drawn inside a rounded border, as Ink's `borderStyle="round"` would draw them, but as
 * plain rows whose number is known before they are drawn (the frame budget counts them).
 */
export function boxed(
  content: readonly Line[],
  columns: number,
  style: { readonly color?: string | undefined; readonly dim?: boolean } = {},
): Line[] {
  const inner = Math.max(1, columns - BOX_INSET);
  const edge = (text: string): Span => ({ text, color: style.color, dim: style.dim });
  const rows: Line[] = [[edge(`╭${'─'.repeat(inner + 2)}╮`)]];
  for (const line of content) {
    const fitted = truncateLine(line, inner);
    const pad = inner - lineWidth(fitted);
    rows.push([edge('│ '), ...fitted, { text: ' '.repeat(pad) }, edge(' │')]);
  }
  rows.push([edge(`╰${'─'.repeat(inner + 2)}╯`)]);
  return rows;
}
