import type { HistoryItem } from '../history-item.js';
import { type Line, wrapSpans } from '../spans.js';

type Item<K extends HistoryItem['kind']> = Extract<HistoryItem, { kind: K }>;

/** A phase begins: a rule with its title, so a debate or a council reads in its parts. */
export function phaseLines(item: Item<'phase'>, columns: number): Line[] {
  return [
    [],
    ...wrapSpans(
      [
        { text: `══ ${item.title} ══`, bold: true },
        ...(item.parallel ? [{ text: ' everyone at once', dim: true }] : []),
      ],
      columns,
      { hangingIndent: 3 },
    ),
    // Each question once; a wrapped one hangs under its text, past its number.
    ...(item.questions ?? []).flatMap((line) =>
      wrapSpans([{ text: line }], columns, { hangingIndent: line.indexOf(' ') + 1 }),
    ),
  ];
}

/** A quiet line: a review's ranking, the tally, why a phase ended. */
export function noteLines(item: Item<'note'>, columns: number): Line[] {
  return wrapSpans([{ text: `· ${item.text}`, dim: true }], columns, { hangingIndent: 2 });
}
