import { Box, Text } from 'ink';
import type { TurnStatus } from '../../engine/events.js';
import type { HistoryItem } from '../state.js';

type TurnItem = Extract<HistoryItem, { kind: 'turn' }>;

function statusNote(status: TurnStatus): string | undefined {
  switch (status) {
    case 'complete':
      return undefined;
    case 'skipped':
      return 'skipped';
    case 'passed':
      return 'passed';
    case 'failed':
      return 'failed';
    case 'interrupted':
      return 'interrupted';
    case 'cut-off':
      return 'cut off';
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

export function turnLabel(turn: number, totalTurns: number | undefined, model: string | undefined) {
  const parts = [totalTurns === undefined ? `turn ${turn}` : `turn ${turn}/${totalTurns}`];
  if (model !== undefined) parts.push(model);
  return parts.join(' · ');
}

/** A finished turn; printed once into the scrollback. */
export function Turn({ item, color }: { readonly item: TurnItem; readonly color: string }) {
  const note = statusNote(item.status);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Text color={color} bold>
          {item.speaker}
        </Text>
        <Text dimColor> · {turnLabel(item.turn, item.totalTurns, item.model)}</Text>
        {note === undefined ? null : <Text color="yellow"> ({note})</Text>}
      </Text>
      {item.text === '' ? null : (
        <Box paddingLeft={2}>
          <Text wrap="wrap">{item.text}</Text>
        </Box>
      )}
      {item.cutOff === undefined ? null : (
        <Box paddingLeft={2}>
          <Text color="yellow" wrap="wrap">
            ⚠ cut off: {item.cutOff}
          </Text>
        </Box>
      )}
      {item.cut === undefined ? null : (
        <Box paddingLeft={2}>
          <Text dimColor wrap="wrap">
            ✂ cut where it began speaking as {item.cut.as}
          </Text>
        </Box>
      )}
    </Box>
  );
}
