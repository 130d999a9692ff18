import { Box, Text } from 'ink';
import { formatDelay } from '../format.js';
import type { LiveTurn as LiveTurnState } from '../state.js';
import { tailLines } from '../wrap.js';
import { Spinner } from './Spinner.js';
import { turnLabel } from './Turn.js';

const INDENT = 2;

/**
 * The turn being spoken: the only part of the transcript that re-renders. It shows the last
 * `maxLines` lines so the live frame never outgrows the terminal (see wrap.ts).
 */
export function LiveTurn({
  live,
  color,
  totalTurns,
  columns,
  maxLines,
  human,
}: {
  readonly live: LiveTurnState;
  readonly color: string;
  readonly totalTurns: number | undefined;
  readonly columns: number;
  readonly maxLines: number;
  /** The speaker is a person: they are typing, not thinking. */
  readonly human: boolean;
}) {
  const waiting = live.text === '';
  const label = live.kind === 'summary' ? 'summary' : turnLabel(live.turn, totalTurns, live.model);
  const text = live.text.replace(/\t/g, '  ').replace(/\r/g, '');
  const { lines, clipped } = tailLines(text, columns - INDENT, Math.max(2, maxLines));
  const shown = clipped ? lines.slice(1) : lines;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        {waiting ? (
          <>
            <Spinner color={color} />{' '}
          </>
        ) : null}
        <Text color={color} bold>
          {live.speaker}
        </Text>
        <Text dimColor> · {label}</Text>
        {live.why === undefined ? null : <Text dimColor> · {live.why}</Text>}
        {waiting ? (
          <Text dimColor>
            {' '}
            ·{' '}
            {human
              ? 'waiting for their reply…'
              : live.kind === 'summary'
                ? 'summarizing…'
                : 'thinking…'}
          </Text>
        ) : null}
      </Text>
      {live.retry === undefined ? null : (
        <Text color="yellow" wrap="truncate-end">
          ↻ retry {live.retry.attempt} in {formatDelay(live.retry.delayMs)}: {live.retry.reason}
        </Text>
      )}
      {waiting ? null : (
        <Box flexDirection="column" paddingLeft={INDENT}>
          {clipped ? <Text dimColor>⋯</Text> : null}
          <Text>{shown.join('\n')}</Text>
        </Box>
      )}
    </Box>
  );
}
