import { useAnimation } from 'ink';
import type { LiveTurn as LiveTurnState } from '../live-turn.js';
import { type Line, lineWidth, truncateLine } from '../spans.js';
import { tailLines } from '../wrap.js';
import { Lines } from './Lines.js';

/** Narrower than this, parallel replies stack instead of standing side by side. */
export const MIN_COLUMN_WIDTH = 28;
const GAP = 2;
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
  readonly frame?: number;
}

/**
 * The replies of a parallel phase as they stream: side by side on a wide terminal, stacked on a
 * narrow one, each showing the last rows of its text that fit, so the frame never outgrows the
 * screen. Each reply goes to the scrollback whole when it ends.
 */
export function parallelLines(props: ParallelProps): Line[] {
  const { turns, columns } = props;
  const margin = props.rows >= 4 ? 1 : 0;
  const room = Math.max(1, props.rows - margin);
  const { sideBySide, width } = parallelLayout(turns.length, columns);
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
  // Stacked: each reply gets its heading and an equal share of what is left.
  const each = Math.max(1, Math.floor(room / Math.max(1, turns.length)));
  const rows = turns.flatMap((live) => paneLines(live, props, columns, each));
  return [...(margin ? [[]] : []), ...rows.slice(0, room)];
}

function paneLines(live: LiveTurnState, props: ParallelProps, width: number, rows: number): Line[] {
  const color = props.colors.get(live.seat) ?? 'white';
  const waiting = live.text === '';
  const lead = waiting ? `${FRAMES[(props.frame ?? 0) % FRAMES.length]} ` : '';
  const retry = live.retry === undefined ? '' : ` ↻ retry ${live.retry.attempt}`;
  const heading = truncateLine(
    [
      { text: lead, color },
      { text: live.speaker, color, bold: true },
      { text: `${retry}${waiting ? ' · thinking…' : ''}`, dim: true },
    ],
    width,
  );
  if (waiting || rows <= 1) return [heading];
  const { lines, clipped } = tailLines(live.text, width, rows - 1);
  const body: Line[] = lines.map((text) => [{ text }]);
  if (clipped && body.length > 1) body[0] = [{ text: '⋯', dim: true }];
  return [heading, ...body];
}

export function ParallelTurns(props: Omit<ParallelProps, 'frame'>) {
  const spinning = props.turns.some((live) => live.text === '');
  const { frame } = useAnimation({ interval: 80, isActive: spinning });
  return <Lines lines={parallelLines({ ...props, frame })} />;
}
