import type { Key } from 'ink';

/** What a key does while no input box is open (an open box takes every key but Ctrl-C). */
export type KeyAction =
  | 'toggle-pause'
  | 'skip'
  | 'next-topic'
  | 'wrap-up'
  | 'quit'
  | 'help'
  | 'close'
  | 'open-input'
  | 'open-command';

export interface KeyBinding {
  readonly action: KeyAction;
  /** As shown in the help overlay. */
  readonly keys: string;
  readonly description: string;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { action: 'toggle-pause', keys: 'space, p', description: 'pause / resume' },
  { action: 'skip', keys: 's', description: 'skip: end the current turn now' },
  { action: 'next-topic', keys: 'n', description: 'move to the next topic' },
  { action: 'wrap-up', keys: 'w', description: 'wrap up now (summary, then end)' },
  { action: 'open-input', keys: 'i, Enter', description: 'speak as the moderator' },
  { action: 'open-command', keys: '/', description: 'type a slash command' },
  {
    action: 'quit',
    keys: 'q, Ctrl-C',
    description: 'quit: q after this turn, Ctrl-C ends it now; again: abort',
  },
  { action: 'help', keys: '?', description: 'show / hide this help' },
  { action: 'close', keys: 'Esc', description: 'close help or the input box' },
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

/** The key hints of the status line, shortest first to keep within 60 columns. */
export const KEY_HINTS = 'space pause  s skip  n topic  w wrap  i say  q quit  ? help';

export function actionForKey(input: string, key: Key): KeyAction | undefined {
  if (key.ctrl) return input === 'c' ? 'quit' : undefined;
  if (key.meta) return undefined;
  if (key.escape) return 'close';
  if (key.return) return 'open-input';
  switch (input) {
    case ' ':
    case 'p':
      return 'toggle-pause';
    case 's':
      return 'skip';
    case 'n':
      return 'next-topic';
    case 'w':
      return 'wrap-up';
    case 'q':
      return 'quit';
    case '?':
      return 'help';
    case 'i':
      return 'open-input';
    case '/':
      return 'open-command';
    default:
      return undefined;
  }
}
