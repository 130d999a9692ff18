import type { OutcomeRecord } from '../../outcome/record-schema.js';
import { outcomeLines } from '../../outcome/render.js';
import type { Line } from '../spans.js';
import { wrapText } from '../wrap.js';
import { BOX_INSET, boxed } from './box.js';
import { Lines } from './Lines.js';

/**
 * The decision record in a box after the summary: each question's outcome and support, the
 * dissent in the dissenters' words, action items, open questions, the cost. Wrapped to the box,
 * continuation rows indented under their line.
 */
export function outcomeBoxLines(record: OutcomeRecord, columns: number): Line[] {
  const inner = Math.max(1, columns - BOX_INSET);
  const body: Line[] = [];
  for (const text of outcomeLines(record)) {
    const indent = /^ */.exec(text)?.[0] ?? '';
    const heading = indent === '' && !text.startsWith('Cost:');
    const rows = wrapText(text.trimStart(), Math.max(1, inner - indent.length - 2));
    rows.forEach((row, i) => {
      const lead = i === 0 ? indent : `${indent}  `;
      body.push([
        { text: lead },
        { text: row, bold: heading && i === 0, dim: text.startsWith('Cost:') },
      ]);
    });
  }
  const title: Line = [{ text: 'Outcome', bold: true }];
  return [[], ...boxed([title, ...body], columns, { color: 'cyan' })];
}

export function Outcome(props: { readonly record: OutcomeRecord; readonly columns: number }) {
  return <Lines lines={outcomeBoxLines(props.record, props.columns)} />;
}
