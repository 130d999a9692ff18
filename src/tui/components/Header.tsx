import { Box, Text } from 'ink';
import type { Participant } from '../../engine/table.js';
import { clip } from '../format.js';

/** One seat as the header shows it; the CLI resolves where each seat runs. */
export interface SeatInfo {
  readonly participant: Participant;
  /** The model this seat talks to, when there is one. */
  readonly model?: string | undefined;
  /** The endpoint URL, "offline: Markov", or "human" for a person at the keyboard. */
  readonly runsOn: string;
}

export interface HeaderInfo {
  /** A short title, e.g. the table's folder. */
  readonly title?: string | undefined;
  readonly context: string;
  readonly seats: readonly SeatInfo[];
}

export function Header({
  info,
  colors,
  columns,
}: {
  readonly info: HeaderInfo;
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
}) {
  return (
    <Box flexDirection="column">
      <Text bold>
        roundtable
        {info.title === undefined ? '' : <Text dimColor> · {info.title}</Text>}
      </Text>
      {info.context.trim() === '' ? null : (
        <Text dimColor>{clip(info.context, Math.max(20, columns * 2 - 4))}</Text>
      )}
      {info.seats.map(({ participant, model, runsOn }) => {
        const where =
          participant.human === true || model === undefined ? runsOn : `${model} @ ${runsOn}`;
        const details = `creativity ${participant.creativity} · ${where}`;
        return (
          <Text key={participant.seat}>
            <Text color={colors.get(participant.seat)}>
              ● <Text bold>{participant.name}</Text> {participant.fullName}
            </Text>
            <Text dimColor> · {details}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
