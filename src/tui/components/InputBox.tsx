import type { LineState } from '../line-editor.js';
import { type Line, wrapSpans } from '../spans.js';
import { displayWidth, splitGraphemes } from '../wrap.js';
import { BOX_INSET, boxed } from './box.js';
import { Lines } from './Lines.js';

const PROMPT = '› ';
const PROMPT_WIDTH = 2;

/** The typed text in rows of `width` columns, and where the cursor is among them. */
export interface DraftRows {
  /** Each row's text (without the prompt or indent). */
  readonly rows: readonly string[];
  readonly cursor: { readonly row: number; readonly column: number };
}

/**
 * Wraps what is being typed. Unlike displayed text it keeps every space (the cursor may sit on
 * one): a row breaks after the last space in it, so the word being typed moves down whole, or
 * mid-word when a word is wider than the row.
 */
export function draftRows(line: LineState, width: number): DraftRows {
  const room = Math.max(1, width);
  const rows: string[] = [];
  const starts: number[] = [];
  let row = '';
  let rowStart = 0;
  let used = 0;
  let offset = 0;
  /** Offset just after the last space in `row`, and the row's width up to it. */
  let breakAt: { offset: number; width: number } | undefined;
  for (const grapheme of splitGraphemes(line.text)) {
    const w = displayWidth(grapheme);
    // After a break at the last space the word moved down may still not leave room: then the
    // row breaks again, here.
    while (used + w > room && row !== '') {
      const cutAt = breakAt ?? { offset, width: used };
      const kept = line.text.slice(rowStart, cutAt.offset);
      rows.push(kept);
      starts.push(rowStart);
      row = line.text.slice(cutAt.offset, offset);
      used -= cutAt.width;
      rowStart = cutAt.offset;
      breakAt = undefined;
    }
    row += grapheme;
    used += w;
    offset += grapheme.length;
    if (grapheme === ' ') breakAt = { offset, width: used };
  }
  rows.push(row);
  starts.push(rowStart);
  // The cursor's row is the last one starting at or before it; after a full last row it
  // moves to a row of its own, as a terminal's cursor would.
  let cursorRow = starts.findLastIndex((start) => start <= line.cursor);
  if (cursorRow < 0) cursorRow = 0;
  let column = displayWidth(line.text.slice(starts[cursorRow] ?? 0, line.cursor));
  if (column >= room) {
    if (cursorRow === rows.length - 1) rows.push('');
    cursorRow += 1;
    column = 0;
  }
  return { rows, cursor: { row: cursorRow, column } };
}

export interface InputBoxView {
  /** Every row of the box, borders included. */
  readonly lines: Line[];
  /** Where the terminal's cursor goes, relative to the box's top-left corner. */
  readonly cursor: { readonly x: number; readonly y: number };
}

export interface InputBoxProps {
  readonly label: string;
  readonly line: LineState;
  readonly error?: string | undefined;
  readonly color?: string | undefined;
  readonly columns: number;
  /** Rows the whole box may take; the draft shows the rows around the cursor. */
  readonly maxRows: number;
}

/** The smallest box: borders, one label row, one draft row. */
export const INPUT_MIN_ROWS = 4;

/**
 * A one-field editor drawn from state the controller owns: the moderator's line, or a human
 * seat's turn. Its height is known before it is drawn, and never more than `maxRows`.
 */
export function inputBoxView(props: InputBoxProps): InputBoxView {
  const inner = Math.max(1, props.columns - BOX_INSET);
  const label = wrapSpans([{ text: props.label, color: props.color }], inner).slice(0, 2);
  const error =
    props.error === undefined ? [] : wrapSpans([{ text: props.error, color: 'red' }], inner);
  const draft = draftRows(props.line, inner - PROMPT_WIDTH);
  const room = Math.max(1, props.maxRows - 2 - label.length - error.length);
  // Rows around the cursor: as many as fit, the cursor's row always among them.
  const first = Math.max(0, Math.min(draft.cursor.row - room + 1, draft.rows.length - room));
  const shown = draft.rows.slice(first, first + room);
  const draftLines: Line[] = shown.map((text, i) => [
    first + i === 0 ? { text: PROMPT, dim: true } : { text: ' '.repeat(PROMPT_WIDTH) },
    { text },
  ]);
  const content = [
    ...label,
    ...draftLines,
    ...error.slice(0, Math.max(0, props.maxRows - 2 - label.length - 1)),
  ];
  return {
    lines: boxed(content, props.columns, { color: props.color }),
    cursor: {
      x: 2 + PROMPT_WIDTH + draft.cursor.column,
      y: 1 + label.length + (draft.cursor.row - first),
    },
  };
}

export function InputBox({ view }: { readonly view: InputBoxView }) {
  return <Lines lines={view.lines} />;
}
