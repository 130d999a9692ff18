import { describe, expect, it } from 'vitest';
import {
  backspace,
  deleteForward,
  deleteToEnd,
  deleteToStart,
  deleteWordAfter,
  deleteWordBefore,
  emptyHistory,
  end,
  historyDown,
  historyUp,
  home,
  insert,
  type LineState,
  left,
  lineOf,
  remember,
  right,
  wordLeft,
  wordRight,
} from './line-editor.js';

/** The text with a | where the cursor is. */
const show = (s: LineState): string => `${s.text.slice(0, s.cursor)}|${s.text.slice(s.cursor)}`;
const at = (marked: string): LineState => ({
  text: marked.replace('|', ''),
  cursor: marked.indexOf('|'),
});

describe('the line editor', () => {
  it('inserts at the cursor and moves left and right', () => {
    expect(show(insert(at('helo|'), 'lo'))).toBe('helolo|');
    expect(show(insert(left(left(at('helo|'))), 'l'))).toBe('hel|lo');
    expect(show(right(at('he|llo')))).toBe('hel|lo');
    expect(show(right(at('hello|')))).toBe('hello|');
    expect(show(left(at('|hello')))).toBe('|hello');
    expect(show(home(at('hel|lo')))).toBe('|hello');
    expect(show(end(at('hel|lo')))).toBe('hello|');
  });

  it('erases a whole grapheme with one backspace: a flag, a skin tone, an accent', () => {
    expect(show(backspace(at('Portugal 🇵🇹|')))).toBe('Portugal |');
    expect(show(backspace(at('ok 👍🏽|')))).toBe('ok |');
    expect(show(backspace(at('café|')))).toBe('caf|');
    expect(show(deleteForward(at('|🇵🇹 yes')))).toBe('| yes');
    expect(show(left(at('a🇵🇹|')))).toBe('a|🇵🇹');
  });

  it('moves and deletes by word', () => {
    expect(show(wordLeft(at('give @Bob the floor|')))).toBe('give @Bob the |floor');
    expect(show(wordLeft(at('give @Bob |the floor')))).toBe('give |@Bob the floor');
    expect(show(wordRight(at('give| @Bob the floor')))).toBe('give @Bob| the floor');
    expect(show(deleteWordBefore(at('what about buses, |now')))).toBe('what about |now');
    expect(show(deleteWordAfter(at('what |about buses')))).toBe('what | buses');
    expect(show(deleteToStart(at('what about| buses')))).toBe('| buses');
    expect(show(deleteToEnd(at('what about| buses')))).toBe('what about|');
  });
});

describe('history', () => {
  it('walks back through sent lines and returns to the unsent one', () => {
    let history = remember(remember(emptyHistory, 'first'), 'second');
    let line = lineOf('draft');
    [history, line] = historyUp(history, line);
    expect(line.text).toBe('second');
    [history, line] = historyUp(history, line);
    expect(line.text).toBe('first');
    [history, line] = historyUp(history, line);
    expect(line.text).toBe('first');
    [history, line] = historyDown(history, line);
    expect(line.text).toBe('second');
    [history, line] = historyDown(history, line);
    expect(line).toEqual({ text: 'draft', cursor: 5 });
  });

  it('keeps neither empty lines nor a line twice in a row', () => {
    const history = remember(remember(remember(emptyHistory, 'same'), 'same'), '  ');
    expect(history.entries).toEqual(['same']);
  });
});
