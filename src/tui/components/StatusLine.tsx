import { Box, Text, useAnimation } from 'ink';
import { formatElapsed, formatTokens } from '../format.js';
import { KEY_HINTS } from '../keys.js';
import { phaseStatus } from '../parallel.js';
import type { TuiState } from '../state.js';

export type StatusMode =
  | 'keys'
  | 'paused'
  | 'pausing'
  | 'resuming'
  | 'stopping'
  | 'ended'
  | 'input'
  | 'human';

function modeLine(mode: StatusMode, state: TuiState): string {
  switch (mode) {
    case 'keys':
      return KEY_HINTS;
    case 'paused':
      return '⏸ paused · space resume  s skip  n topic  i say  q quit';
    case 'pausing':
      return '⏸ pausing… · space resume  q quit  ? help';
    case 'resuming':
      return '▶ resuming… · space pause  q quit  ? help';
    case 'stopping':
      return 'finishing the current turn… q again aborts now';
    case 'ended':
      return `done: ${state.ended?.reason ?? 'ended'}`;
    case 'input':
      return 'Enter send · Esc cancel · /topic /ask /wrap /end';
    case 'human':
      return 'Enter send · empty line passes · Esc clear';
    default: {
      const unknown: never = mode;
      return unknown;
    }
  }
}

function topicLine(state: TuiState): string {
  const topic = state.topic;
  if (topic === undefined) return 'Waiting for the table…';
  const label = topic.index < 0 ? 'Topic' : `Topic ${topic.index + 1}/${state.questions.length}`;
  return `${label}: ${topic.text.replace(/\s+/g, ' ')}`;
}

function turnLine(state: TuiState): string {
  const live = state.live;
  if (live?.kind === 'summary') return 'Summary';
  const phase = phaseStatus(state.phase);
  if (phase !== undefined) return phase;
  if (state.totalTurns === undefined) return 'Starting';
  return `Turn ${Math.max(state.turn, 1)}/${state.totalTurns}`;
}

/**
 * Three lines under a rule, each cut to the terminal's width, so it fits 60 columns and
 * re-lays itself out on resize.
 */
export function StatusLine({
  state,
  mode,
  columns,
  startedAt,
  endedAt,
  now = Date.now,
}: {
  readonly state: TuiState;
  readonly mode: StatusMode;
  readonly columns: number;
  readonly startedAt: number;
  /** Stops the clock once the discussion has ended. */
  readonly endedAt?: number | undefined;
  readonly now?: () => number;
}) {
  // Ticks the clock once a second while the discussion runs.
  useAnimation({ interval: 1000, isActive: state.ended === undefined });
  const elapsed = formatElapsed((endedAt ?? now()) - startedAt);
  const stats = `${turnLine(state)} · ${elapsed} · ${formatTokens(state.usage)}`;
  const highlight = mode === 'keys' || mode === 'input' || mode === 'human' ? undefined : 'yellow';
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text dimColor wrap="truncate-end">
        {'─'.repeat(Math.max(1, columns))}
      </Text>
      <Text wrap="truncate-end">{topicLine(state)}</Text>
      <Text wrap="truncate-end">
        {stats}
        {state.errors > 0 ? (
          <Text color="red">
            {' '}
            · {state.errors} error{state.errors === 1 ? '' : 's'}
          </Text>
        ) : null}
      </Text>
      <Text wrap="truncate-end" color={highlight} dimColor={highlight === undefined}>
        {modeLine(mode, state)}
      </Text>
    </Box>
  );
}
