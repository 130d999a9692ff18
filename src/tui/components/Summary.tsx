import type { HistoryItem } from '../history-item.js';
import type { Line } from '../spans.js';
import { wrapText } from '../wrap.js';
import { BOX_INSET, boxed } from './box.js';
import { Lines } from './Lines.js';

type SummaryItem = Extract<HistoryItem, { kind: 'summary' }>;

/** The summary stands apart from the turns: boxed in the summarizer's colour. */
export function summaryLines(item: SummaryItem, color: string, columns: number): Line[] {
  const inner = Math.max(1, columns - BOX_INSET);
  const title: Line = [
    { text: item.title ?? 'Summary', bold: true },
    { text: ' by ', dim: true },
    { text: item.speaker, color, bold: true },
    ...(item.status === 'complete' ? [] : [{ text: ` (${item.status})`, color: 'yellow' }]),
  ];
  const text = item.text.trim() === '' ? '(no summary)' : item.text.trim();
  const body: Line[] = wrapText(text, inner).map((row) => [{ text: row }]);
  const cutOff: Line[] =
    item.cutOff === undefined
      ? []
      : wrapText(`⚠ cut off: ${item.cutOff}`, inner).map((row) => [{ text: row, color: 'yellow' }]);
  return [[], ...boxed([title, ...body, ...cutOff], columns, { color })];
}

export function Summary(props: {
  readonly item: SummaryItem;
  readonly color: string;
  readonly columns: number;
}) {
  return <Lines lines={summaryLines(props.item, props.color, props.columns)} />;
}
