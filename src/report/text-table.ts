import stringWidth from 'string-width';
import { stripAnsi } from '../render/ansi.js';

/** A cell: its text (possibly coloured) and which side it keeps to. */
export interface Cell {
  readonly text: string;
  readonly right?: boolean | undefined;
}

const widthOf = (text: string) => stringWidth(stripAnsi(text));

/** Rows of cells as aligned columns, two spaces apart, measured as a terminal shows them. */
export function textTable(rows: readonly (readonly Cell[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, widthOf(cell.text));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - widthOf(cell.text)));
        return cell.right ? pad + cell.text : i === row.length - 1 ? cell.text : cell.text + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** `▁▃█▂`: each value's height against the largest; a blank for a missing one. */
export function sparkline(values: readonly (number | undefined)[], max?: number): string {
  const top = max ?? Math.max(0, ...values.map((v) => v ?? 0));
  return values
    .map((value) => {
      if (value === undefined) return ' ';
      if (top === 0) return BLOCKS[0];
      const index = Math.min(BLOCKS.length - 1, Math.round((value / top) * (BLOCKS.length - 1)));
      return BLOCKS[Math.max(0, index)];
    })
    .join('');
}

/** A bar of `width` cells for a share from 0 to 1. */
export function bar(share: number, width: number): string {
  const cells = Math.round(Math.max(0, Math.min(1, share)) * width);
  return '█'.repeat(cells) + '░'.repeat(width - cells);
}
