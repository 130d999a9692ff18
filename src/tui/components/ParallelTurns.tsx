import { Box, Text } from 'ink';
import type { LiveTurn as LiveTurnState } from '../state.js';
import { tailLines } from '../wrap.js';
import { Spinner } from './Spinner.js';

/** Narrower than this, parallel replies stack instead of standing side by side. */
export const MIN_COLUMN_WIDTH = 28;
const GAP = 1;

/** How the parallel replies are laid out for a terminal `columns` wide. */
export function parallelLayout(
  count: number,
  columns: number,
): { readonly sideBySide: boolean; readonly width: number } {
  const n = Math.max(1, count);
  const width = Math.floor((columns - GAP * (n - 1)) / n);
  return width >= MIN_COLUMN_WIDTH
    ? { sideBySide: true, width }
    : { sideBySide: false, width: columns };
}

/**
 * The replies of a parallel phase as they stream: side by side on a wide terminal, stacked on a
 * narrow one, each showing its last lines so the frame never outgrows the screen.
 */
export function ParallelTurns({
  turns,
  colors,
  columns,
  maxLines,
  title,
}: {
  readonly turns: readonly LiveTurnState[];
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
  /** Lines the whole view may take. */
  readonly maxLines: number;
  readonly title: string | undefined;
}) {
  const layout = parallelLayout(turns.length, columns);
  // Stacked, every reply gets its name line and a share of what is left.
  const bodyLines = layout.sideBySide
    ? Math.max(2, maxLines - 2)
    : Math.max(1, Math.floor((maxLines - 1) / Math.max(1, turns.length)) - 1);
  const panes = turns.map((live) => (
    <Pane
      key={live.turn}
      live={live}
      color={colors.get(live.seat) ?? 'white'}
      width={layout.width}
      lines={bodyLines}
    />
  ));
  return (
    <Box flexDirection="column" marginTop={1}>
      {title === undefined ? null : (
        <Text dimColor wrap="truncate-end">
          {title} · {turns.length} {turns.length === 1 ? 'reply' : 'replies'} streaming
        </Text>
      )}
      {layout.sideBySide ? (
        <Box flexDirection="row" columnGap={GAP}>
          {panes}
        </Box>
      ) : (
        <Box flexDirection="column">{panes}</Box>
      )}
    </Box>
  );
}

function Pane({
  live,
  color,
  width,
  lines,
}: {
  readonly live: LiveTurnState;
  readonly color: string;
  readonly width: number;
  readonly lines: number;
}) {
  const waiting = live.text === '';
  const text = live.text.replace(/\t/g, '  ').replace(/\r/g, '');
  const { lines: tail, clipped } = tailLines(text, width, Math.max(1, lines));
  const shown = clipped ? tail.slice(1) : tail;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        {waiting ? (
          <>
            <Spinner color={color} />{' '}
          </>
        ) : null}
        <Text color={color} bold>
          {live.speaker}
        </Text>
        {live.retry === undefined ? null : (
          <Text color="yellow"> ↻ retry {live.retry.attempt}</Text>
        )}
        {waiting ? <Text dimColor> · thinking…</Text> : null}
      </Text>
      {waiting ? null : (
        <Box flexDirection="column">
          {clipped ? <Text dimColor>⋯</Text> : null}
          <Text>{shown.join('\n')}</Text>
        </Box>
      )}
    </Box>
  );
}
