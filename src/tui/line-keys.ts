// Which key edits a line how: the keys both input boxes share (a shell's line editor's, with
// Ctrl and Meta chords), and up and down through the lines sent before.
import { isKey, type KeyPress } from './keys.js';
import {
  backspace,
  deleteForward,
  deleteToEnd,
  deleteToStart,
  deleteWordAfter,
  deleteWordBefore,
  end,
  type History,
  historyDown,
  historyUp,
  home,
  insert,
  type LineState,
  left,
  right,
  wordLeft,
  wordRight,
} from './line-editor.js';

/** Line-editing keys, shared by both boxes; undefined for a key that does not edit. */
export function editLine(line: LineState, p: KeyPress): LineState | undefined {
  if (p.kind === 'text') return insert(line, p.text);
  const plain = !p.ctrl && !p.meta;
  switch (p.name) {
    case 'left':
      return plain ? left(line) : wordLeft(line);
    case 'right':
      return plain ? right(line) : wordRight(line);
    case 'home':
      return home(line);
    case 'end':
      return end(line);
    case 'backspace':
      return p.meta || p.ctrl ? deleteWordBefore(line) : backspace(line);
    case 'delete':
      return deleteForward(line);
    default:
      break;
  }
  if (p.ctrl) {
    switch (p.name) {
      case 'a':
        return home(line);
      case 'e':
        return end(line);
      case 'b':
        return left(line);
      case 'f':
        return right(line);
      case 'd':
        return deleteForward(line);
      case 'w':
        return deleteWordBefore(line);
      case 'u':
        return deleteToStart(line);
      case 'k':
        return deleteToEnd(line);
      default:
        return undefined;
    }
  }
  if (p.meta) {
    switch (p.name) {
      case 'b':
        return wordLeft(line);
      case 'f':
        return wordRight(line);
      case 'd':
        return deleteWordAfter(line);
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Up and down walk the lines sent before; other keys edit. */
export function editWithHistory(
  sent: History,
  line: LineState,
  p: KeyPress,
): { history: History; line: LineState } | undefined {
  if (isKey(p, 'up')) {
    const [history, next] = historyUp(sent, line);
    return { history, line: next };
  }
  if (isKey(p, 'down')) {
    const [history, next] = historyDown(sent, line);
    return { history, line: next };
  }
  const next = editLine(line, p);
  return next === undefined ? undefined : { history: sent, line: next };
}
