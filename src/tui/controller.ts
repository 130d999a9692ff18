import type { Command } from '../engine/commands.js';
import type { HumanPrompt } from './human-seat.js';
import { actionFor, isKey, type KeyPress } from './keys.js';
import {
  emptyHistory,
  emptyLine,
  type History,
  insert,
  type LineState,
  lineOf,
  remember,
} from './line-editor.js';
import { editWithHistory } from './line-keys.js';
import { parseModeratorInput, type TableFacts } from './moderator-input.js';
import { describeCommand, type Notice, noticeOf } from './notice.js';

export { currentNotice, type Notice } from './notice.js';

/** The actions that change the discussion's course for good: the key must be pressed twice. */
export type Confirmable = 'next-topic' | 'wrap-up';

/** The screen's own state: what the person is doing, as opposed to what the table is doing. */
export interface UiState {
  /** The help overlay's page, while it is open. */
  readonly help: number | undefined;
  /** The moderator's input box; undefined while closed. */
  readonly input: { readonly line: LineState; readonly error: string | undefined } | undefined;
  /** What the person is typing for a human seat's turn. */
  readonly human: LineState;
  /** Lines sent from either box, for up and down. */
  readonly history: History;
  /** An action waiting for its key to be pressed a second time. */
  readonly confirm: Confirmable | undefined;
  /** Ctrl-C was pressed once: the run is stopping; a second press leaves at once. */
  readonly stopping: boolean;
  /** The last pause/resume the person asked for (the engine confirms with a command event). */
  readonly pauseWanted: boolean | undefined;
  /**
   * A one-line acknowledgement of the last thing sent, and where the stream was when it was
   * sent: it is stale once another turn starts or the engine's pause flips.
   */
  readonly notice: Notice | undefined;
}

export const initialUiState: UiState = {
  help: undefined,
  input: undefined,
  human: emptyLine,
  history: emptyHistory,
  confirm: undefined,
  stopping: false,
  pauseWanted: undefined,
  notice: undefined,
};

export type Effect =
  | { readonly type: 'send'; readonly command: Command }
  | { readonly type: 'answer'; readonly text: string }
  /** Ctrl-C: the first stops the run (the turn in flight is cut off); a second leaves at once. */
  | { readonly type: 'abort' }
  | { readonly type: 'exit' };

export interface KeyContext extends TableFacts {
  readonly prompt: HumanPrompt | undefined;
  readonly enginePaused: boolean;
  /** Turns started so far, everything the engine said before the key drawn (TuiState). */
  readonly turnsStarted: number;
  readonly ended: boolean;
  /** Pages the help overlay has at the current terminal size. */
  readonly helpPages: number;
}

export interface Step {
  readonly ui: UiState;
  readonly effects: readonly Effect[];
}

const still = (ui: UiState): Step => ({ ui, effects: [] });

function send(
  ui: UiState,
  command: Command,
  context: KeyContext,
  extra: Partial<UiState> = {},
): Step {
  return {
    ui: { ...ui, notice: noticeOf(describeCommand(command), context), ...extra },
    effects: [{ type: 'send', command }],
  };
}

function quit(ui: UiState, context: KeyContext): Step {
  if (context.ended) return { ui, effects: [{ type: 'exit' }] };
  return {
    ui: {
      ...ui,
      stopping: true,
      input: undefined,
      help: undefined,
      confirm: undefined,
      notice: undefined,
    },
    effects: [{ type: 'abort' }],
  };
}

function humanKey(ui: UiState, p: KeyPress): Step {
  if (isKey(p, 'enter')) {
    const text = ui.human.text;
    return {
      ui: { ...ui, human: emptyLine, history: remember(ui.history, text) },
      effects: [{ type: 'answer', text }],
    };
  }
  // It is the person's turn: Esc closes the help if it was open when the turn came (every other
  // key goes to the box, so nothing else could), else clears the line; the box stays.
  if (isKey(p, 'escape')) {
    return still(ui.help !== undefined ? { ...ui, help: undefined } : { ...ui, human: emptyLine });
  }
  const edited = editWithHistory(ui.history, ui.human, p);
  return edited === undefined
    ? still(ui)
    : still({ ...ui, human: edited.line, history: edited.history });
}

function moderatorKey(
  ui: UiState,
  box: NonNullable<UiState['input']>,
  p: KeyPress,
  context: KeyContext,
): Step {
  if (isKey(p, 'escape')) return still({ ...ui, input: undefined });
  if (isKey(p, 'enter')) {
    const text = box.line.text;
    const outcome = parseModeratorInput(text, context);
    switch (outcome.kind) {
      case 'empty':
        return still({ ...ui, input: undefined });
      case 'error':
        return still({ ...ui, input: { ...box, error: outcome.message } });
      case 'command':
        return send(ui, outcome.command, context, {
          input: undefined,
          history: remember(ui.history, text),
        });
      default: {
        const unknown: never = outcome;
        return unknown;
      }
    }
  }
  const edited = editWithHistory(ui.history, box.line, p);
  if (edited === undefined) return still(ui);
  return still({ ...ui, input: { line: edited.line, error: undefined }, history: edited.history });
}

function openInput(ui: UiState, text: string): UiState {
  return { ...ui, help: undefined, input: { line: lineOf(text), error: undefined } };
}

function confirmed(ui: UiState, action: Confirmable, context: KeyContext): Step {
  const rest = { ...ui, confirm: undefined };
  return send(rest, { type: action }, context);
}

/**
 * Pure: what one key press does to the screen state and which commands it sends. While an input
 * box is open every key goes to it, except Ctrl-C, which always stops the run.
 */
export function interpretKey(ui: UiState, p: KeyPress, context: KeyContext): Step {
  if (isKey(p, 'c', { ctrl: true })) return quit(ui, context);
  if (ui.confirm !== undefined) {
    const again =
      actionFor(p) === ui.confirm || (p.kind === 'text' && p.text.toLowerCase() === 'y');
    if (again || isKey(p, 'enter')) return confirmed(ui, ui.confirm, context);
    // Any other key says no, and does nothing else: it was not meant for an action.
    return still({
      ...ui,
      confirm: undefined,
      notice: noticeOf('cancelled', context),
    });
  }
  if (context.prompt !== undefined) return humanKey(ui, p);
  if (ui.input !== undefined) return moderatorKey(ui, ui.input, p, context);
  if (context.ended) return still(ui);
  const action = actionFor(p);
  switch (action) {
    case undefined:
      return still(ui);
    case 'say':
      return still(openInput(ui, p.kind === 'text' ? p.text : ''));
    case 'toggle-pause': {
      const pause = !(ui.pauseWanted ?? context.enginePaused);
      return send(ui, { type: pause ? 'pause' : 'resume' }, context, { pauseWanted: pause });
    }
    case 'skip':
      return send(ui, { type: 'skip' }, context);
    case 'next-topic':
    case 'wrap-up':
      return still({ ...ui, confirm: action, notice: undefined });
    case 'quit':
      return quit(ui, context);
    case 'help': {
      if (ui.help === undefined) return still({ ...ui, help: 0 });
      const next = ui.help + 1;
      return still({ ...ui, help: next < context.helpPages ? next : undefined });
    }
    case 'close':
      return still({ ...ui, help: undefined });
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}

/** Several key presses in order (one chunk Ink read at once). */
export function interpretKeys(
  ui: UiState,
  presses: readonly KeyPress[],
  context: KeyContext,
): Step {
  let state = ui;
  const effects: Effect[] = [];
  for (const p of presses) {
    // A human prompt may close (Enter answered it) between two keys of one chunk.
    const step = interpretKey(
      state,
      p,
      effects.some((e) => e.type === 'answer') ? { ...context, prompt: undefined } : context,
    );
    state = step.ui;
    effects.push(...step.effects);
  }
  return { ui: state, effects };
}

/**
 * A paste (bracketed paste mode): text for the open box, or the moderator's box opened with it.
 * It never sends and never acts, whatever it holds; line breaks become spaces.
 */
export function interpretPaste(ui: UiState, pasted: string, context: KeyContext): Step {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const text = pasted.replace(/\r\n|\r|\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if (text === '') return still(ui);
  if (context.prompt !== undefined) return still({ ...ui, human: insert(ui.human, text) });
  if (ui.input !== undefined) {
    return still({ ...ui, input: { line: insert(ui.input.line, text), error: undefined } });
  }
  if (context.ended) return still(ui);
  return still(openInput({ ...ui, confirm: undefined }, text));
}
