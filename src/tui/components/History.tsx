import { Static } from 'ink';
import { memo } from 'react';
import type { HistoryItem } from '../history-item.js';
import type { Line } from '../spans.js';
import { type HeaderInfo, headerLines } from './Header.js';
import { Lines } from './Lines.js';
import {
  commandLines,
  directiveLines,
  endLines,
  errorLines,
  interjectionLines,
  topicLines,
} from './Markers.js';
import { outcomeBoxLines } from './Outcome.js';
import { noteLines, phaseLines } from './PhaseMarkers.js';
import { summaryLines } from './Summary.js';
import { turnLines } from './Turn.js';

const FALLBACK_COLOR = 'white';

/** The rows one finished item prints, wrapped to the terminal's width. */
export function historyLines(
  item: HistoryItem,
  header: HeaderInfo,
  colors: ReadonlyMap<number, string>,
  columns: number,
): Line[] {
  switch (item.kind) {
    case 'header':
      return headerLines(header, colors, columns);
    case 'topic':
      return topicLines(item, columns);
    case 'directive':
      return directiveLines(item, columns);
    case 'turn':
      return turnLines(item, colors.get(item.seat) ?? FALLBACK_COLOR, columns);
    case 'summary':
      return summaryLines(item, colors.get(item.seat) ?? FALLBACK_COLOR, columns);
    case 'interjection':
      return interjectionLines(item, columns);
    case 'command':
      return commandLines(item, columns);
    case 'error':
      return errorLines(item, columns);
    case 'end':
      return endLines(item, columns);
    case 'outcome':
      return outcomeBoxLines(item.record, columns);
    case 'phase':
      return phaseLines(item, columns);
    case 'note':
      return noteLines(item, columns);
    default: {
      const unknown: never = item;
      return unknown;
    }
  }
}

/**
 * Everything finished, printed once into the scrollback (Ink's <Static>), however long the
 * discussion runs. Re-rendering <Static> with new props makes Ink draw at once instead of at
 * its throttled rate, so it only re-renders when the history (or the width) changes.
 */
export const History = memo(function History({
  items,
  header,
  colors,
  columns,
}: {
  readonly items: readonly HistoryItem[];
  readonly header: HeaderInfo;
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
}) {
  return (
    <Static items={items as HistoryItem[]}>
      {(item, index) => <Lines key={index} lines={historyLines(item, header, colors, columns)} />}
    </Static>
  );
});

export { FALLBACK_COLOR };
