import type { TurnStatus } from '../../engine/events.js';
import type { HistoryItem } from '../history-item.js';
import { type Line, wrapSpans } from '../spans.js';
import { wrapText } from '../wrap.js';
import { Lines } from './Lines.js';

type TurnItem = Extract<HistoryItem, { kind: 'turn' }>;

const INDENT = 2;

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
    default:
      return status;
  }
}

export function turnLabel(turn: number, totalTurns: number | undefined, model: string | undefined) {
  const parts = [totalTurns === undefined ? `turn ${turn}` : `turn ${turn}/${totalTurns}`];
  if (model !== undefined) parts.push(model);
  return parts.join(' · ');
}

/** Text indented under a heading, wrapped to the screen; no row starts with a stray space. */
export function indented(
  text: string,
  columns: number,
  style: Omit<Line[number], 'text'> = {},
): Line[] {
  const pad = ' '.repeat(INDENT);
  return wrapText(text, columns - INDENT).map((row) => [{ text: pad + row, ...style }]);
}

/** `1 → trail (56% sure). Because …`, indented, a wrapped row hanging past its arrow. */
function answerLines(answer: string, columns: number): Line[] {
  const hang = answer.indexOf('→') + 2;
  const pad = { text: ' '.repeat(INDENT) };
  return wrapSpans([{ text: answer }], columns - INDENT, { hangingIndent: hang }).map((row) => [
    pad,
    ...row,
  ]);
}

export function turnLines(item: TurnItem, color: string, columns: number): Line[] {
  const note = statusNote(item.status);
  const heading = wrapSpans(
    [
      { text: item.speaker, color, bold: true },
      { text: ` · ${item.label ?? turnLabel(item.turn, item.totalTurns, item.model)}`, dim: true },
      // Why it had the floor, a control word, a repeat: quietly, on the heading.
      ...(item.remarks === undefined
        ? []
        : [{ text: ` · ${item.remarks.join(' · ')}`, dim: true }]),
      ...(note === undefined ? [] : [{ text: ` (${note})`, color: 'yellow' }]),
    ],
    columns,
    { hangingIndent: INDENT },
  );
  const body =
    item.answers !== undefined
      ? item.answers.flatMap((answer) => answerLines(answer, columns))
      : item.text.trim() === ''
        ? []
        : indented(item.text.trim(), columns);
  const cutOff =
    item.cutOff === undefined
      ? []
      : indented(`⚠ cut off: ${item.cutOff}`, columns, { color: 'yellow' });
  const cut =
    item.cut === undefined
      ? []
      : indented(`✂ cut where it began speaking as ${item.cut.as}`, columns, { dim: true });
  return [[], ...heading, ...body, ...cutOff, ...cut];
}

/** A finished turn; printed once into the scrollback. */
export function Turn(props: {
  readonly item: TurnItem;
  readonly color: string;
  readonly columns: number;
}) {
  return <Lines lines={turnLines(props.item, props.color, props.columns)} />;
}
