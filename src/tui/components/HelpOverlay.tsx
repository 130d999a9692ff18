import { Box, Text } from 'ink';
import { KEY_BINDINGS, SLASH_COMMANDS } from '../keys.js';

/** Every key and slash command; the content of the README's key table. */
export function HelpOverlay() {
  return (
    <Box flexDirection="column" borderStyle="round" borderDimColor paddingX={1} marginTop={1}>
      <Text bold>Keys</Text>
      {KEY_BINDINGS.map((binding) => (
        <Text key={binding.action} wrap="truncate-end">
          <Text color="cyan">{binding.keys.padEnd(10)}</Text> {binding.description}
        </Text>
      ))}
      <Text bold>In the input box</Text>
      {SLASH_COMMANDS.map((command) => (
        <Text key={command.usage} wrap="truncate-end">
          <Text color="cyan">{command.usage.padEnd(16)}</Text> {command.description}
        </Text>
      ))}
    </Box>
  );
}

/** Lines the overlay takes, so the live turn can make room for it. */
export const HELP_HEIGHT = KEY_BINDINGS.length + SLASH_COMMANDS.length + 5;
