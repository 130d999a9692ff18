import type { Key } from 'ink';
import { displayWidth, splitGraphemes } from './wrap.js';

/**
 * One key press. Ink hands over a whole chunk of text at once when several keys arrive in one
 * read (fast typing, `qq`, tmux send-keys, a paste without bracketed paste mode), so a chunk is
 * split here into presses that are each handled on their own.
 */
export type KeyPress =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'key';
      readonly name: KeyName;
      readonly ctrl: boolean;
      readonly meta: boolean;
    };

export type KeyName =
  | 'enter'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  // A letter with Ctrl or Alt held: 'w' for Ctrl-W.
  | (string & {});

const press = (name: KeyName, key: Key): KeyPress => ({
  kind: 'key',
  name,
  ctrl: key.ctrl,
  meta: key.meta,
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: recognising control characters is the point
const CONTROL = /^[\u0000-\u001f\u007f-\u009f]/;

/** What Ink delivered (`useInput`'s input and key) as separate key presses. */
export function decodeKeys(input: string, key: Key): KeyPress[] {
  if (key.return) return [press('enter', key)];
  if (key.escape) return [press('escape', key)];
  if (key.tab) return [press('tab', key)];
  if (key.backspace) return [press('backspace', key)];
  if (key.delete) return [press('delete', key)];
  if (key.leftArrow) return [press('left', key)];
  if (key.rightArrow) return [press('right', key)];
  if (key.upArrow) return [press('up', key)];
  if (key.downArrow) return [press('down', key)];
  if (key.home) return [press('home', key)];
  if (key.end) return [press('end', key)];
  if (key.pageUp) return [press('pageup', key)];
  if (key.pageDown) return [press('pagedown', key)];
  if ((key.ctrl || key.meta) && input.length === 1) return [press(input.toLowerCase(), key)];
  const presses: KeyPress[] = [];
  const plain = { ...key, ctrl: false, meta: false };
  for (const grapheme of splitGraphemes(input)) {
    if (grapheme === '\r' || grapheme === '\n' || grapheme === '\r\n') {
      presses.push(press('enter', plain));
    } else if (grapheme === '\t') {
      presses.push(press('tab', plain));
    } else if (grapheme === '\u007f' || grapheme === '\b') {
      presses.push(press('backspace', plain));
    } else if (CONTROL.test(grapheme)) {
      // Other control characters (the rest of an escape sequence Ink did not know) are no keys.
    } else {
      presses.push({ kind: 'text', text: grapheme });
    }
  }
  return presses;
}

export const isKey = (p: KeyPress, name: KeyName, mods: { ctrl?: boolean; meta?: boolean } = {}) =>
  p.kind === 'key' &&
  p.name === name &&
  p.ctrl === (mods.ctrl ?? false) &&
  p.meta === (mods.meta ?? false);

/** What a key does while no input box is open (an open box takes every key but Ctrl-C). */
export type KeyAction =
  | 'say'
  | 'toggle-pause'
  | 'skip'
  | 'next-topic'
  | 'wrap-up'
  | 'quit'
  | 'help'
  | 'close';

export interface KeyBinding {
  readonly action: KeyAction;
  /** As shown in the help overlay and the README. */
  readonly keys: string;
  /** As the status line shows it: short. */
  readonly hint: string;
  readonly description: string;
}

/**
 * Typing never acts by accident: letters, digits and punctuation open the input box (what you
 * type is for the table), and the actions live on keys nobody types in prose. The two that
 * change the discussion's course for good (next topic, wrap up) ask once: press the key again.
 */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    action: 'say',
    keys: 'type, Enter',
    hint: 'type to talk',
    description: 'speak as the moderator: typing opens the input box (/ starts a slash command)',
  },
  { action: 'toggle-pause', keys: 'space', hint: 'space pause', description: 'pause / resume' },
  {
    action: 'skip',
    keys: 'Ctrl-S',
    hint: '^S skip',
    description: 'skip: end the current turn now (what was said is kept)',
  },
  {
    action: 'next-topic',
    keys: 'Ctrl-N',
    hint: '^N topic',
    description: 'move to the next topic (press twice)',
  },
  {
    action: 'wrap-up',
    keys: 'Ctrl-W',
    hint: '^W wrap',
    description: 'wrap up now: the summary, then the end (press twice)',
  },
  {
    action: 'quit',
    keys: 'Ctrl-C',
    hint: '^C quit',
    description: 'stop: cut the turn off, write the transcript (exit 130); again: leave at once',
  },
  { action: 'help', keys: '?', hint: '? help', description: 'show / hide this help' },
  { action: 'close', keys: 'Esc', hint: 'Esc close', description: 'close help or the input box' },
];

/** Editing keys of the input box, for the help overlay. */
export const EDITING_KEYS: readonly { readonly keys: string; readonly description: string }[] = [
  { keys: 'Enter / Esc', description: 'send / cancel' },
  { keys: '← → Home End', description: 'move (Ctrl-A, Ctrl-E; Ctrl-← → by word)' },
  { keys: 'Ctrl-W Ctrl-U', description: 'delete a word / to the start' },
  { keys: '↑ ↓', description: 'earlier lines you sent' },
];

export const SLASH_COMMANDS: readonly { readonly usage: string; readonly description: string }[] = [
  { usage: '/topic <N|text>', description: 'go to question N, or a new topic' },
  { usage: '/ask <Name>', description: 'give Name the floor next' },
  { usage: '/next', description: 'move to the next topic' },
  { usage: '/skip', description: 'end the current turn now' },
  { usage: '/wrap', description: 'wrap up now' },
  { usage: '/end', description: 'finish after the current turn' },
  { usage: 'text', description: 'say it to the table' },
  { usage: '@Name', description: 'in text: Name speaks next' },
];

/** What the key of an action is, outside the input box. */
export function actionFor(p: KeyPress): KeyAction | undefined {
  if (p.kind === 'text') {
    if (p.text === ' ') return 'toggle-pause';
    if (p.text === '?') return 'help';
    return 'say';
  }
  if (p.meta) return undefined;
  if (p.ctrl) {
    switch (p.name) {
      case 'c':
        return 'quit';
      case 's':
        return 'skip';
      case 'n':
        return 'next-topic';
      case 'w':
        return 'wrap-up';
      default:
        return undefined;
    }
  }
  if (p.name === 'enter') return 'say';
  if (p.name === 'escape') return 'close';
  return undefined;
}

/**
 * The status line's key hints, in their order, as many as fit `width`: the least needed are
 * left out first, help last of all (it lists the rest).
 */
export function keyHints(
  actions: readonly KeyAction[],
  width: number,
  lead = '',
  overrides: Partial<Record<KeyAction, string>> = {},
): string {
  const chosen = KEY_BINDINGS.filter((b) => actions.includes(b.action));
  const dropOrder: KeyAction[] = [
    'close',
    'next-topic',
    'skip',
    'wrap-up',
    'say',
    'toggle-pause',
    'quit',
  ];
  const shown = new Set(chosen.map((b) => b.action));
  const render = (): string =>
    lead +
    chosen
      .filter((b) => shown.has(b.action))
      .map((b) => overrides[b.action] ?? b.hint)
      .join(' · ');
  for (const action of dropOrder) {
    if (displayWidth(render()) <= width) break;
    shown.delete(action);
  }
  return render();
}
