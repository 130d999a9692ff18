import { useAnimation } from 'ink';
import type { Chooser } from '../parallel.js';
import { type Line, truncateLine } from '../spans.js';
import { Lines } from './Lines.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const WHAT: Record<Chooser, readonly [string, string]> = {
  moderator: ['Moderator', ' · choosing who speaks next…'],
  bids: ['The table', ' · every seat bids for the floor…'],
};

/**
 * Between two turns of a discussion whose floor the LLM moderator or the seats' bids give: the
 * request takes seconds, and without this the screen would sit still as if stuck.
 */
export function choosingLines(chooser: Chooser, columns: number, rows: number, frame = 0): Line[] {
  const [who, what] = WHAT[chooser];
  const line = truncateLine(
    [
      { text: `${FRAMES[frame % FRAMES.length]} `, dim: true },
      { text: who, bold: true, dim: true },
      { text: what, dim: true },
    ],
    columns,
  );
  return rows >= 4 ? [[], line] : [line];
}

export function Choosing(props: { chooser: Chooser; columns: number; rows: number }) {
  const { frame } = useAnimation({ interval: 80 });
  return <Lines lines={choosingLines(props.chooser, props.columns, props.rows, frame)} />;
}
