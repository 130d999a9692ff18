// How the rows of the terminal are shared out among the parts of the live area (everything
// below the printed history that Ink redraws). Ink erases and redraws that area in place only
// while it is shorter than the terminal: a taller one is redrawn whole at every update and its
// copies pile up in the scrollback. So every part gets a number of rows before it is drawn, and
// the parts together never take more than the terminal has, less two: the row Ink leaves for
// the cursor, and one above the frame. A frame that starts on the terminal's top row is erased
// (once a cursor is placed in the input box) with "erase below" from the top-left corner, which
// tmux takes for clearing the screen and scrolls into the history (its scroll-on-clear).
// Components draw exactly what they are given (see the *Lines functions beside them).

/** Rows of the terminal the live area may not use (see above). */
export const RESERVED_ROWS = 2;

/** Below this the view shows only a line saying the terminal is too small. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

export interface LayoutInput {
  readonly columns: number;
  readonly rows: number;
  /** A turn is being spoken (heading + text), or undefined. */
  readonly live: { readonly minRows: number } | undefined;
  /** Rows the open input box would like (borders included), or undefined when closed. */
  readonly input: { readonly wantRows: number; readonly minRows: number } | undefined;
  /** Rows the help overlay would like, or undefined when closed. */
  readonly help: { readonly wantRows: number; readonly minRows: number } | undefined;
  /** A one-line notice under the input box. */
  readonly notice: boolean;
  /** Rows of the status block. */
  readonly statusRows: number;
}

export interface Layout {
  readonly tooSmall: boolean;
  readonly live: number;
  readonly help: number;
  readonly input: number;
  readonly notice: number;
  /** A blank row above the status block. */
  readonly statusGap: number;
  readonly status: number;
}

const NOTHING: Layout = {
  tooSmall: true,
  live: 0,
  help: 0,
  input: 0,
  notice: 0,
  statusGap: 0,
  status: 0,
};

/**
 * Shares out `rows - RESERVED_ROWS` rows: the status block first, then the input box (the person is typing),
 * the help overlay, and the live turn gets the rest (at least its heading). Extras go last: the
 * notice and the blank row above the status block, only where there is room.
 */
export function layout(input: LayoutInput): Layout {
  if (input.columns < MIN_COLUMNS || input.rows < MIN_ROWS) return NOTHING;
  let room = input.rows - RESERVED_ROWS - input.statusRows;
  const liveMin = input.live?.minRows ?? 0;
  const inputMin = input.input?.minRows ?? 0;
  // Squeezed, the live turn keeps only its heading; help that does not fit is not shown.
  if (room < Math.min(liveMin, 1) + inputMin) return NOTHING;
  const helpMin =
    input.help !== undefined && room >= Math.min(liveMin, 1) + inputMin + input.help.minRows
      ? input.help.minRows
      : 0;
  const box = Math.min(
    input.input?.wantRows ?? 0,
    Math.max(inputMin, room - helpMin - Math.min(liveMin, 1)),
  );
  room -= box;
  const help =
    helpMin === 0
      ? 0
      : Math.min(input.help?.wantRows ?? 0, Math.max(helpMin, room - Math.min(liveMin, 1)));
  room -= help;
  const notice = input.notice && room - liveMin >= 1 ? 1 : 0;
  room -= notice;
  const statusGap = room - liveMin >= 1 ? 1 : 0;
  room -= statusGap;
  const live = input.live === undefined ? 0 : Math.max(0, room);
  return { tooSmall: false, live, help, input: box, notice, statusGap, status: input.statusRows };
}
