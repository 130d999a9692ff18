import { Box, Text } from 'ink';
import type { HistoryItem } from '../state.js';

type Item<K extends HistoryItem['kind']> = Extract<HistoryItem, { kind: K }>;

/** A phase begins: a rule with its title, so a debate or a council reads in its parts. */
export function PhaseMarker({ item }: { readonly item: Item<'phase'> }) {
  return (
    <Box marginTop={1}>
      <Text bold wrap="truncate-end">
        ── {item.title} ──
        {item.parallel ? <Text dimColor> everyone at once</Text> : null}
      </Text>
    </Box>
  );
}

/** A quiet line: a review's ranking, the tally, why a phase ended. */
export function NoteView({ item }: { readonly item: Item<'note'> }) {
  return (
    <Text dimColor wrap="wrap">
      · {item.text}
    </Text>
  );
}
