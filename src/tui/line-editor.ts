import { splitGraphemes } from './wrap.js';

/**
 * One line of text being typed, with its cursor: the input box's editing, as a shell's line
 * editor does it. Pure: every operation returns a new state. The cursor is an index into `text`
 * that always sits between two graphemes, so a flag (🇵🇹), an emoji with skin tone or a letter
 * with a combining accent moves and erases as one character.
 */
export interface LineState {
  readonly text: string;
  readonly cursor: number;
}

export const emptyLine: LineState = { text: '', cursor: 0 };

export function lineOf(text: string): LineState {
  return { text, cursor: text.length };
}

/** Offsets of every grapheme boundary, 0 and text.length included. */
function boundaries(text: string): number[] {
  const offsets = [0];
  let at = 0;
  for (const grapheme of splitGraphemes(text)) {
    at += grapheme.length;
    offsets.push(at);
  }
  return offsets;
}

function previousBoundary(state: LineState): number {
  const all = boundaries(state.text);
  return all.findLast((offset) => offset < state.cursor) ?? 0;
}

function nextBoundary(state: LineState): number {
  const all = boundaries(state.text);
  return all.find((offset) => offset > state.cursor) ?? state.text.length;
}

const isWordChar = (grapheme: string): boolean => /[\p{L}\p{N}_'’@-]/u.test(grapheme);

/** Where the word before the cursor starts (spaces and punctuation before it skipped). */
function wordStartBefore(state: LineState): number {
  const parts = splitGraphemes(state.text.slice(0, state.cursor));
  let i = parts.length;
  while (i > 0 && !isWordChar(parts[i - 1] ?? '')) i--;
  while (i > 0 && isWordChar(parts[i - 1] ?? '')) i--;
  return parts.slice(0, i).join('').length;
}

/** Where the word after the cursor ends. */
function wordEndAfter(state: LineState): number {
  const parts = splitGraphemes(state.text.slice(state.cursor));
  let i = 0;
  while (i < parts.length && !isWordChar(parts[i] ?? '')) i++;
  while (i < parts.length && isWordChar(parts[i] ?? '')) i++;
  return state.cursor + parts.slice(0, i).join('').length;
}

function cut(state: LineState, from: number, to: number): LineState {
  if (from === to) return state;
  return { text: state.text.slice(0, from) + state.text.slice(to), cursor: from };
}

export function insert(state: LineState, typed: string): LineState {
  if (typed === '') return state;
  const text = state.text.slice(0, state.cursor) + typed + state.text.slice(state.cursor);
  return { text, cursor: state.cursor + typed.length };
}

export const left = (s: LineState): LineState => ({ ...s, cursor: previousBoundary(s) });
export const right = (s: LineState): LineState => ({ ...s, cursor: nextBoundary(s) });
export const home = (s: LineState): LineState => ({ ...s, cursor: 0 });
export const end = (s: LineState): LineState => ({ ...s, cursor: s.text.length });
export const wordLeft = (s: LineState): LineState => ({ ...s, cursor: wordStartBefore(s) });
export const wordRight = (s: LineState): LineState => ({ ...s, cursor: wordEndAfter(s) });
export const backspace = (s: LineState): LineState => cut(s, previousBoundary(s), s.cursor);
export const deleteForward = (s: LineState): LineState => cut(s, s.cursor, nextBoundary(s));
export const deleteWordBefore = (s: LineState): LineState => cut(s, wordStartBefore(s), s.cursor);
export const deleteWordAfter = (s: LineState): LineState => cut(s, s.cursor, wordEndAfter(s));
export const deleteToStart = (s: LineState): LineState => cut(s, 0, s.cursor);
export const deleteToEnd = (s: LineState): LineState => cut(s, s.cursor, s.text.length);

/**
 * Lines sent earlier in this session, newest last, walked with up and down as a shell does: the
 * line being typed is kept aside while you look back, and comes back at the bottom.
 */
export interface History {
  readonly entries: readonly string[];
  /** Index into `entries` being shown, or undefined while editing a new line. */
  readonly at: number | undefined;
  /** The unsent line, kept while an older entry is shown. */
  readonly draft: string;
}

export const emptyHistory: History = { entries: [], at: undefined, draft: '' };

const HISTORY_LIMIT = 100;

export function remember(history: History, line: string): History {
  const entries =
    line.trim() === '' || history.entries.at(-1) === line
      ? history.entries
      : [...history.entries, line].slice(-HISTORY_LIMIT);
  return { entries, at: undefined, draft: '' };
}

export function historyUp(history: History, line: LineState): [History, LineState] {
  if (history.entries.length === 0 || history.at === 0) return [history, line];
  const at = history.at === undefined ? history.entries.length - 1 : history.at - 1;
  const draft = history.at === undefined ? line.text : history.draft;
  return [{ ...history, at, draft }, lineOf(history.entries[at] ?? '')];
}

export function historyDown(history: History, line: LineState): [History, LineState] {
  if (history.at === undefined) return [history, line];
  const at = history.at + 1;
  if (at >= history.entries.length) {
    return [{ ...history, at: undefined, draft: '' }, lineOf(history.draft)];
  }
  return [{ ...history, at }, lineOf(history.entries[at] ?? '')];
}
