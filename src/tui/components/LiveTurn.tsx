import { useAnimation } from 'ink';
import { formatDelay } from '../format.js';
import type { LiveTurn as LiveTurnState } from '../live-turn.js';
import { type Line, truncateLine } from '../spans.js';
import { tailLines } from '../wrap.js';
import { Lines } from './Lines.js';
import { turnLabel } from './Turn.js';

const INDENT = 2;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface LiveTurnProps {
  readonly live: LiveTurnState;
  readonly color: string;
  readonly totalTurns: number | undefined;
  readonly columns: number;
  /** Rows it may take, its blank top row included; at least 1 (the heading alone). */
  readonly rows: number;
  /** The speaker is the person at the keyboard: their turn, not a model's. */
  readonly human: boolean;
  readonly frame?: number;
}

/** Rows the live turn needs to show its heading and one row of text, with its top margin. */
export const LIVE_MIN_ROWS = 2;

/**
 * The turn being spoken: the only part of the transcript that re-renders. It shows the last
 * rows of the text that fit in `rows`, so the frame never outgrows the terminal; the whole turn is
 * printed once, into the scrollback, when it ends.
 */
export function liveTurnLines(props: LiveTurnProps): Line[] {
  const { live, color, columns } = props;
  const waiting = live.text === '';
  const label =
    live.kind === 'summary' ? 'summary' : turnLabel(live.turn, props.totalTurns, live.model);
  const activity = props.human
    ? 'your turn: type your reply below'
    : live.kind === 'summary'
      ? 'summarizing…'
      : 'thinking…';
  const lead = props.human ? '✎ ' : waiting ? `${FRAMES[(props.frame ?? 0) % FRAMES.length]} ` : '';
  const heading = truncateLine(
    [
      { text: lead, color },
      { text: live.speaker, color, bold: true },
      {
        text: ` · ${label}${live.why === undefined ? '' : ` · ${live.why}`}${waiting ? ` · ${activity}` : ''}`,
        dim: true,
      },
    ],
    columns,
  );
  const retry: Line[] =
    live.retry === undefined
      ? []
      : [
          truncateLine(
            [
              {
                text: `↻ retry ${live.retry.attempt} in ${formatDelay(live.retry.delayMs)}: ${live.retry.reason}`,
                color: 'yellow',
              },
            ],
            columns,
          ),
        ];
  const margin = props.rows >= 4 ? 1 : 0;
  const room = props.rows - margin - 1 - retry.length;
  const body: Line[] = [];
  if (!waiting && room > 0) {
    const { lines, clipped } = tailLines(live.text, columns - INDENT, room);
    const pad = ' '.repeat(INDENT);
    // A dim ⋯ in the first row says the turn began above what is shown.
    const marked = clipped && room > 1;
    if (marked) body.push([{ text: `${pad}⋯`, dim: true }]);
    for (const text of marked ? lines.slice(1) : lines) body.push([{ text: pad + text }]);
  }
  return [
    ...(margin ? [[]] : []),
    heading,
    ...retry.slice(0, Math.max(0, props.rows - margin - 1)),
    ...body,
  ];
}

export function LiveTurn(props: Omit<LiveTurnProps, 'frame'>) {
  const spinning = props.live.text === '' && !props.human;
  const { frame } = useAnimation({ interval: 80, isActive: spinning });
  return <Lines lines={liveTurnLines({ ...props, frame })} />;
}
