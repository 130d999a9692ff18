import { describe, expect, it } from 'vitest';
import { lineOf } from '../line-editor.js';
import { lineText, lineWidth } from '../spans.js';
import { displayWidth } from '../wrap.js';
import { draftRows, inputBoxView } from './InputBox.js';

describe('draftRows', () => {
  it('wraps after the last space, keeping every space, and puts the cursor at the end', () => {
    const draft = draftRows(lineOf('what is the plan for the viaduct'), 12);
    expect(draft.rows).toEqual(['what is the ', 'plan for ', 'the viaduct']);
    expect(draft.cursor).toEqual({ row: 2, column: 11 });
  });

  it('keeps every row within the width, breaking a long word where it must', () => {
    const text = 'supercalifragilisticexpialidocious and 日本語の文章 🇵🇹🇵🇹🇵🇹';
    for (let width = 3; width < 20; width++) {
      const draft = draftRows(lineOf(text), width);
      expect(draft.rows.join('')).toBe(text);
      for (const row of draft.rows) expect(displayWidth(row)).toBeLessThanOrEqual(width);
    }
  });

  it('moves the cursor to a row of its own after a full last row', () => {
    expect(draftRows(lineOf('abcd'), 4)).toEqual({
      rows: ['abcd', ''],
      cursor: { row: 1, column: 0 },
    });
  });

  it('finds the cursor in the middle of the text', () => {
    const draft = draftRows({ text: 'hello brave new world', cursor: 8 }, 10);
    expect(draft.rows[draft.cursor.row]?.slice(0, draft.cursor.column)).toBe('br');
  });
});

describe('inputBoxView', () => {
  it('never takes more rows than it is given, and keeps the cursor row in view', () => {
    const line = lineOf('word '.repeat(120));
    for (const maxRows of [4, 5, 8]) {
      const view = inputBoxView({
        label: 'Moderator: Enter sends, Esc cancels',
        line,
        columns: 40,
        maxRows,
      });
      expect(view.lines.length).toBeLessThanOrEqual(maxRows);
      for (const row of view.lines) expect(lineWidth(row)).toBe(40);
      // The cursor is at the end of the text: on the last draft row, inside the border.
      expect(view.cursor.y).toBe(view.lines.length - 2);
      expect(lineText(view.lines[0] ?? [])).toMatch(/^╭─+╮$/);
    }
  });
});
