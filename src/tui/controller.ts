import type { Key } from 'ink';
import type { Command } from '../engine/commands.js';
import type { HumanPrompt } from './human-seat.js';
import { actionForKey } from './keys.js';
import { parseModeratorInput, type TableFacts } from './moderator-input.js';

/** The screen's own state: what the person is doing, as opposed to what the table is doing. */
export interface UiState {
  readonly help: boolean;
  /** The moderator's input box; undefined while closed. */
  readonly input: { readonly draft: string; readonly error: string | undefined } | undefined;
  /** What the person is typing for a human seat's turn. */
  readonly humanDraft: string;
  /** q was pressed once: the run is finishing; a second press aborts. */
  readonly stopping: boolean;
  /** The last pause/resume the person asked for (the engine confirms with a command event). */
  readonly pauseWanted: boolean | undefined;
  /** A one-line acknowledgement of the last thing sent. */
  readonly notice: string | undefined;
}

export const initialUiState: UiState = {
  help: false,
  input: undefined,
  humanDraft: '',
  stopping: false,
  pauseWanted: undefined,
  notice: undefined,
};

export type Effect =
  | { readonly type: 'send'; readonly command: Command }
  | { readonly type: 'answer'; readonly text: string }
  | { readonly type: 'abort' }
  | { readonly type: 'exit' };

export interface KeyContext extends TableFacts {
  readonly prompt: HumanPrompt | undefined;
  readonly enginePaused: boolean;
  readonly ended: boolean;
}

interface Step {
  readonly ui: UiState;
  readonly effects: readonly Effect[];
}

function describe(command: Command): string {
  switch (command.type) {
    case 'skip':
      return 'skipping the rest of this turn';
    case 'next-topic':
      return 'next topic after this turn';
    case 'set-topic':
      return typeof command.topic === 'number'
        ? `question ${command.topic} after this turn`
        : 'new topic after this turn';
    case 'wrap-up':
      return 'wrapping up: summary next';
    case 'stop':
      return 'finishing after this turn';
    case 'pause':
      return 'pausing';
    case 'resume':
      return 'resuming';
    case 'interject':
      return 'the table will hear you after this turn';
    case 'ask':
      return `${command.name} speaks next`;
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function send(ui: UiState, command: Command, extra: Partial<UiState> = {}): Step {
  return {
    ui: { ...ui, notice: describe(command), ...extra },
    effects: [{ type: 'send', command }],
  };
}

/**
 * `q` lets the turn being spoken finish, then ends; Ctrl-C (`now`) ends that turn at once, what
 * was said kept, then ends: a reply that never stops must not hold the run. Either again aborts.
 */
function quit(ui: UiState, context: KeyContext, now = false): Step {
  if (context.ended) return { ui, effects: [{ type: 'exit' }] };
  if (ui.stopping) return { ui, effects: [{ type: 'abort' }] };
  // A waiting human seat would hold the run open; passing lets it finish now.
  const pass: Effect[] = context.prompt === undefined ? [] : [{ type: 'answer', text: '' }];
  // A model's reply is cut where it is; a person's empty answer already ends their turn.
  const skip: Effect[] =
    now && pass.length === 0 ? [{ type: 'send', command: { type: 'skip' } }] : [];
  return {
    ui: { ...ui, stopping: true, input: undefined, help: false, notice: undefined },
    effects: [...skip, { type: 'send', command: { type: 'stop' } }, ...pass],
  };
}

function isEnter(input: string, key: Key): boolean {
  return key.return || input === '\n' || input === '\r';
}

/** Printable text from one key press or paste; line breaks in a paste become spaces. */
function typed(input: string, key: Key): string {
  if (key.ctrl || key.meta || key.tab || key.escape) return '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return input.replace(/\r\n|\r|\n/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}

function erase(text: string): string {
  return Array.from(text).slice(0, -1).join('');
}

function editDraft(draft: string, input: string, key: Key): string | undefined {
  if (key.backspace || key.delete) return erase(draft);
  if (key.ctrl && input === 'u') return '';
  const text = typed(input, key);
  return text === '' ? undefined : draft + text;
}

function humanKey(ui: UiState, input: string, key: Key): Step {
  if (isEnter(input, key)) {
    return { ui: { ...ui, humanDraft: '' }, effects: [{ type: 'answer', text: ui.humanDraft }] };
  }
  if (key.escape) return { ui: { ...ui, humanDraft: '' }, effects: [] };
  const draft = editDraft(ui.humanDraft, input, key);
  return { ui: draft === undefined ? ui : { ...ui, humanDraft: draft }, effects: [] };
}

function moderatorKey(
  ui: UiState,
  box: NonNullable<UiState['input']>,
  input: string,
  key: Key,
  context: KeyContext,
): Step {
  if (key.escape) return { ui: { ...ui, input: undefined }, effects: [] };
  if (isEnter(input, key)) {
    const outcome = parseModeratorInput(box.draft, context);
    switch (outcome.kind) {
      case 'empty':
        return { ui: { ...ui, input: undefined }, effects: [] };
      case 'error':
        return { ui: { ...ui, input: { ...box, error: outcome.message } }, effects: [] };
      case 'command':
        return send(ui, outcome.command, { input: undefined });
      default: {
        const unknown: never = outcome;
        return unknown;
      }
    }
  }
  const draft = editDraft(box.draft, input, key);
  if (draft === undefined) return { ui, effects: [] };
  return { ui: { ...ui, input: { draft, error: undefined } }, effects: [] };
}

/**
 * Pure: what one key press does to the screen state and which commands it sends. While an input
 * box is open every key goes to it, except Ctrl-C, which always quits.
 */
export function interpretKey(ui: UiState, input: string, key: Key, context: KeyContext): Step {
  if (key.ctrl && input === 'c') return quit(ui, context, true);
  const typing = context.prompt !== undefined || ui.input !== undefined;
  if (typing && input.length > 1 && /[\r\n]$/.test(input)) {
    // Text and Enter in one chunk (a paste, or tmux send-keys): type the text, then send it.
    const text = interpretKey(ui, input.replace(/[\r\n]+$/, ''), key, context);
    const enter = interpretKey(text.ui, '\r', { ...key, return: true }, context);
    return { ui: enter.ui, effects: [...text.effects, ...enter.effects] };
  }
  if (context.prompt !== undefined) return humanKey(ui, input, key);
  if (ui.input !== undefined) return moderatorKey(ui, ui.input, input, key, context);
  if (input.length > 1 && !key.ctrl && !key.meta) {
    // Several characters at once (fast typing, a paste, tmux send-keys): honoured only when the
    // first opens the input box, so a stray paste cannot fire a burst of skips and topic changes.
    const [first = '', ...rest] = Array.from(input);
    if (first !== 'i' && first !== '/' && first !== '\r') return { ui, effects: [] };
    const opened = interpretKey(ui, first, { ...key, return: first === '\r' }, context);
    const typed = interpretKey(opened.ui, rest.join(''), key, context);
    return { ui: typed.ui, effects: [...opened.effects, ...typed.effects] };
  }
  const action = actionForKey(input, key);
  if (action === undefined) return { ui, effects: [] };
  switch (action) {
    case 'toggle-pause': {
      const pause = !(ui.pauseWanted ?? context.enginePaused);
      return send(ui, { type: pause ? 'pause' : 'resume' }, { pauseWanted: pause });
    }
    case 'skip':
      return send(ui, { type: 'skip' });
    case 'next-topic':
      return send(ui, { type: 'next-topic' });
    case 'wrap-up':
      return send(ui, { type: 'wrap-up' });
    case 'quit':
      return quit(ui, context);
    case 'help':
      return { ui: { ...ui, help: !ui.help }, effects: [] };
    case 'close':
      return { ui: { ...ui, help: false }, effects: [] };
    case 'open-input':
      return { ui: { ...ui, help: false, input: { draft: '', error: undefined } }, effects: [] };
    case 'open-command':
      return { ui: { ...ui, help: false, input: { draft: '/', error: undefined } }, effects: [] };
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}
