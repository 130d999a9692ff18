import { Box, Text } from 'ink';
import type { HistoryItem } from '../state.js';

type SummaryItem = Extract<HistoryItem, { kind: 'summary' }>;

/** The summary stands apart from the turns: boxed in the summarizer's colour. */
export function Summary({ item, color }: { readonly item: SummaryItem; readonly color: string }) {
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor={color} paddingX={1}>
      <Text>
        <Text bold>Summary</Text>
        <Text dimColor> by </Text>
        <Text color={color} bold>
          {item.speaker}
        </Text>
        {item.status === 'complete' ? null : <Text color="yellow"> ({item.status})</Text>}
      </Text>
      <Text wrap="wrap">{item.text === '' ? '(no summary)' : item.text}</Text>
      {item.cutOff === undefined ? null : (
        <Text color="yellow" wrap="wrap">
          ⚠ cut off: {item.cutOff}
        </Text>
      )}
    </Box>
  );
}
