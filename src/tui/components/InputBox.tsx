import { Box, Text } from 'ink';

/**
 * A one-field editor drawn from state the controller owns: the moderator's line, or a human
 * seat's turn. Typing, Enter and Esc are handled by the controller, not here.
 */
export function InputBox({
  label,
  draft,
  error,
  color,
}: {
  readonly label: string;
  readonly draft: string;
  readonly error?: string | undefined;
  readonly color?: string | undefined;
}) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color} paddingX={1} marginTop={1}>
      <Text color={color} wrap="wrap">
        {label}
      </Text>
      <Text wrap="wrap">
        <Text dimColor>› </Text>
        {draft}
        <Text inverse> </Text>
      </Text>
      {error === undefined ? null : (
        <Text color="red" wrap="wrap">
          {error}
        </Text>
      )}
    </Box>
  );
}

/** Rows the box takes at most for a short draft (borders, label, line, error, margin). */
export const INPUT_HEIGHT = 6;
