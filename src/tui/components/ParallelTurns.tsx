import { useAnimation } from 'ink';
import { type Line, lineWidth, truncateLine } from '../spans.js';
import type { LiveTurn as LiveTurnState } from '../state.js';
import { tailLines } from '../wrap.js';
import { Lines } from './Lines.js';

/** Narrower than this, parallel replies stack instead of standing side by side. */
export const MIN_COLUMN_WIDTH = 28;
const GAP = 2;
/** A reply's text sits under its heading as a turn's does in the history. */
const INDENT = 2;
/** Stacked replies get a blank row between them while each still shows this many rows. */
const ROOMY_PANE = 3;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** How the parallel replies are laid out for a terminal `columns` wide. */
export function parallelLayout(
  count: number,
  columns: number,
): { readonly sideBySide: boolean; readonly width: number } {
  const n = Math.max(1, count);
  const width = Math.floor((columns - GAP * (n - 1)) / n);
  return n > 1 && width >= MIN_COLUMN_WIDTH
    ? { sideBySide: true, width }
    : { sideBySide: false, width: columns };
}

export interface ParallelProps {
  readonly turns: readonly LiveTurnState[];
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
  /** Rows it may take, its blank top row included. */
  readonly rows: number;
  /**
   * How many seats answer in the phase. The layout follows it, not the replies still streaming,
   * so the columns stay put as replies end (and go to the history) one by one.
   */
  readonly seats?: number | undefined;
  /** What each reply is in its phase ("opening", "round 2 of 3"), as the history will say. */
  readonly label?: string | undefined;
  readonly frame?: number;
}

/**
 * The replies of a parallel phase as they stream: side by side on a wide terminal, stacked on a
 * narrow one, each showing the last rows of its text that fit, so the frame never outgrows the
 * screen. Each reply goes to the history whole when it ends, headed as it was here.
 */
export function parallelLines(props: ParallelProps): Line[] {
  const { turns, columns } = props;
  const margin = props.rows >= 4 ? 1 : 0;
  if (turns.length === 0) return [];
  const room = Math.max(1, props.rows - margin);
  const { sideBySide, width } = parallelLayout(Math.max(turns.length, props.seats ?? 0), columns);
  if (sideBySide) {
    const panes = turns.map((live) => paneLines(live, props, width, room));
    const height = Math.max(...panes.map((pane) => pane.length));
    const rows: Line[] = [];
    for (let r = 0; r < height; r++) {
      const row: Line[number][] = [];
      panes.forEach((pane, k) => {
        const cell = pane[r] ?? [];
        row.push(...cell);
        if (k < panes.length - 1) {
          row.push({ text: ' '.repeat(Math.max(0, width - lineWidth(cell)) + GAP) });
        }
      });
      rows.push(row);
    }
    return [...(margin ? [[]] : []), ...rows];
  }
  // Stacked: each reply as tall as its text, as long as the others keep their share.
  const gaps = Math.floor((room - (turns.length - 1)) / turns.length) >= ROOMY_PANE;
  const usable = room - (gaps ? turns.length - 1 : 0);
  const wants = turns.map((live) => paneLines(live, props, columns, usable).length);
  const heights = share(wants, usable);
  const rows = turns.flatMap((live, k) => [
    ...(gaps && k > 0 ? [[]] : []),
    ...paneLines(live, props, columns, heights[k] ?? 1),
  ]);
  return [...(margin ? [[]] : []), ...rows.slice(0, room)];
}

/** Splits `room` rows among panes wanting `wants`: nobody gets more than it wants, the rest even. */
export function share(wants: readonly number[], room: number): number[] {
  const given = wants.map(() => 0);
  let left = room;
  let open = wants.map((_, k) => k);
  while (left > 0 && open.length > 0) {
    const each = Math.max(1, Math.floor(left / open.length));
    for (const k of open) {
      const add = Math.min(each, (wants[k] ?? 0) - (given[k] ?? 0), left);
      given[k] = (given[k] ?? 0) + add;
      left -= add;
    }
    open = open.filter((k) => (given[k] ?? 0) < (wants[k] ?? 0));
  }
  // Every pane shows its heading at least.
  return given.map((rows) => Math.max(1, rows));
}

function paneLines(live: LiveTurnState, props: ParallelProps, width: number, rows: number): Line[] {
  const color = props.colors.get(live.seat) ?? 'white';
  const waiting = live.text === '';
  const lead = waiting ? `${FRAMES[(props.frame ?? 0) % FRAMES.length]} ` : '';
  const label = props.label === undefined ? '' : ` · ${props.label}`;
  const retry = live.retry === undefined ? '' : ` · ↻ retry ${live.retry.attempt}`;
  const heading = truncateLine(
    [
      { text: lead, color },
      { text: live.speaker, color, bold: true },
      { text: `${label}${retry}${waiting ? ' · thinking…' : ''}`, dim: true },
    ],
    width,
  );
  if (waiting || rows <= 1) return [heading];
  const pad = ' '.repeat(INDENT);
  const { lines, clipped } = tailLines(live.text, width - INDENT, rows - 1);
  const body: Line[] = lines.map((text) => [{ text: pad + text }]);
  // A dim ⋯ in the first row says the reply began above what is shown.
  if (clipped && body.length > 1) body[0] = [{ text: `${pad}⋯`, dim: true }];
  return [heading, ...body];
}

export function ParallelTurns(props: Omit<ParallelProps, 'frame'>) {
  const spinning = props.turns.some((live) => live.text === '');
  const { frame } = useAnimation({ interval: 80, isActive: spinning });
  return <Lines lines={parallelLines({ ...props, frame })} />;
}
