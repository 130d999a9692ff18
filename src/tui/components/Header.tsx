import type { Participant } from '../../engine/table.js';
import { creativityLabel } from '../../render/labels.js';
import { type Line, truncateLine, wrapSpans } from '../spans.js';
import { wrapText } from '../wrap.js';
import { Lines } from './Lines.js';

/** One seat as the header shows it; the CLI resolves where each seat runs. */
export interface SeatInfo {
  readonly participant: Participant;
  /** The model this seat talks to, when there is one. */
  readonly model?: string | undefined;
  /** The endpoint, "offline: Markov", or "human" for a person at the keyboard. */
  readonly runsOn: string;
}

export interface HeaderInfo {
  /** A short title, e.g. the table's first question. */
  readonly title?: string | undefined;
  readonly context: string;
  readonly seats: readonly SeatInfo[];
}

/** Lines after the first of a header line start under its text, not at the margin. */
const HANGING = 2;
/** The context is a reminder, not the whole briefing: at most this many rows. */
const CONTEXT_ROWS = 2;

export function headerLines(
  info: HeaderInfo,
  colors: ReadonlyMap<number, string>,
  columns: number,
): Line[] {
  const title: Line[] = wrapSpans(
    [
      { text: 'roundtable', bold: true },
      ...(info.title === undefined ? [] : [{ text: ` · ${info.title}`, dim: true }]),
    ],
    columns,
    { hangingIndent: HANGING },
  );
  const context = info.context.replace(/\s+/g, ' ').trim();
  const contextRows = context === '' ? [] : wrapText(context, columns);
  const shownContext: Line[] = contextRows
    .slice(0, CONTEXT_ROWS)
    .map((text, i) =>
      i === CONTEXT_ROWS - 1 && contextRows.length > CONTEXT_ROWS
        ? truncateLine([{ text: `${text} …`, dim: true }], columns)
        : [{ text, dim: true }],
    );
  const seats = info.seats.flatMap(({ participant, model, runsOn }) => {
    const color = colors.get(participant.seat);
    const where =
      participant.human === true || model === undefined ? runsOn : `${model} @ ${runsOn}`;
    return wrapSpans(
      [
        { text: '● ', color },
        { text: participant.name, color, bold: true },
        { text: ` ${participant.fullName}`, color },
        { text: ` · creativity ${creativityLabel(participant.creativity)} · ${where}`, dim: true },
      ],
      columns,
      { hangingIndent: HANGING },
    );
  });
  return [...title, ...shownContext, ...seats];
}

export function Header(props: {
  readonly info: HeaderInfo;
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
}) {
  return <Lines lines={headerLines(props.info, props.colors, props.columns)} />;
}
