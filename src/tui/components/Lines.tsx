import { Text } from 'ink';
import { createContext, useContext } from 'react';
import type { Line } from '../spans.js';

/**
 * Whether the live view may colour text: off with NO_COLOR (Ink's chalk ignores it), as the plain
 * output is. Bold and dim stay: they are not colours, and they carry the screen's structure.
 */
export const ColorContext = createContext(true);

/** A colour, or undefined when colours are off: for any Ink `color`/`borderColor` prop. */
export function usePaint(): (color: string | undefined) => string | undefined {
  const enabled = useContext(ColorContext);
  return (color) => (enabled ? color : undefined);
}

/**
 * Rows that were wrapped and measured before they reach Ink, one Text each. `truncate-end` is a
 * safety net: a row that fits (every row here does) is left alone, and none can add a row.
 */
export function Lines({ lines }: { readonly lines: readonly Line[] }) {
  const paint = usePaint();
  return (
    <>
      {lines.map((line, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <Text key={row} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((part, i) => (
                <Text
                  // biome-ignore lint/suspicious/noArrayIndexKey: spans have no identity but their place
                  key={i}
                  color={paint(part.color)}
                  bold={part.bold}
                  dimColor={part.dim}
                  italic={part.italic}
                >
                  {part.text}
                </Text>
              ))}
        </Text>
      ))}
    </>
  );
}
