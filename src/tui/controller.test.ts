import { describe, expect, it } from 'vitest';
import {
  currentNotice,
  type Effect,
  initialUiState,
  interpretKeys,
  interpretPaste,
  type KeyContext,
  type UiState,
} from './controller.js';
import { decodeKeys } from './keys.js';
import { NO_KEY } from './test-utils/keys.js';

const context: KeyContext = {
  names: ['Alice', 'Bob'],
  questionCount: 2,
  prompt: undefined,
  enginePaused: false,
  turnsStarted: 1,
  ended: false,
  helpPages: 2,
};

type Chunk =
  | string
  | { readonly ctrl: string }
  | { readonly key: 'up' | 'down' | 'left' | 'escape' };

/** Feeds chunks as Ink would deliver them (text, Ctrl-letters, special keys); collects effects. */
function feed(
  chunks: readonly Chunk[],
  ctx: KeyContext = context,
  start: UiState = initialUiState,
) {
  let ui = start;
  const effects: Effect[] = [];
  for (const chunk of chunks) {
    const presses =
      typeof chunk === 'string'
        ? decodeKeys(chunk, { ...NO_KEY, return: chunk === '\r' })
        : 'ctrl' in chunk
          ? decodeKeys(chunk.ctrl, { ...NO_KEY, ctrl: true })
          : decodeKeys('', {
              ...NO_KEY,
              upArrow: chunk.key === 'up',
              downArrow: chunk.key === 'down',
              leftArrow: chunk.key === 'left',
              escape: chunk.key === 'escape',
            });
    const step = interpretKeys(ui, presses, ctx);
    ui = step.ui;
    effects.push(...step.effects);
  }
  return { ui, effects };
}

const sent = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'send' ? [e.command] : []));

describe('interpretKeys', () => {
  it('never acts on ordinary typing: "hello what" opens the input box and goes into it', () => {
    for (const chunks of [['hello what'], 'hello what'.split('')]) {
      const { ui, effects } = feed(chunks);
      expect(effects).toEqual([]);
      expect(ui.input?.line.text).toBe('hello what');
    }
  });

  it('handles keys that arrive in one write one by one: qq is text, not two quits', () => {
    const { ui, effects } = feed(['qq']);
    expect(effects).toEqual([]);
    expect(ui.input?.line.text).toBe('qq');
  });

  it('sends text and Enter arriving in one chunk, as tmux send-keys delivers them', () => {
    expect(sent(feed(['hello @Bob\r']).effects)).toEqual([
      { type: 'interject', text: 'hello @Bob' },
    ]);
    expect(sent(feed(['/topic 2\r']).effects)).toEqual([{ type: 'set-topic', topic: 2 }]);
  });

  it('toggles pause with space, from what was last asked, before the engine confirms', () => {
    expect(sent(feed([' ', ' ', ' ']).effects).map((c) => c.type)).toEqual([
      'pause',
      'resume',
      'pause',
    ]);
    expect(sent(feed([' '], { ...context, enginePaused: true }).effects)).toEqual([
      { type: 'resume' },
    ]);
  });

  it('skips on Ctrl-S at once, and asks once for next topic and wrap-up', () => {
    expect(sent(feed([{ ctrl: 's' }]).effects)).toEqual([{ type: 'skip' }]);
    const asked = feed([{ ctrl: 'w' }]);
    expect(asked.effects).toEqual([]);
    expect(asked.ui.confirm).toBe('wrap-up');
    expect(sent(feed([{ ctrl: 'w' }, { ctrl: 'w' }]).effects)).toEqual([{ type: 'wrap-up' }]);
    expect(sent(feed([{ ctrl: 'n' }, 'y']).effects)).toEqual([{ type: 'next-topic' }]);
    expect(sent(feed([{ ctrl: 'n' }, '\r']).effects)).toEqual([{ type: 'next-topic' }]);
  });

  it('answers a key with a notice that holds until the next turn starts or the pause flips', () => {
    const { ui } = feed([{ ctrl: 'w' }, { ctrl: 'w' }]);
    expect(currentNotice(ui, { turnsStarted: 1, paused: false })).toBe('wrapping up: summary next');
    expect(currentNotice(ui, { turnsStarted: 2, paused: false })).toBeUndefined();
    const pausing = feed([' ']).ui;
    expect(currentNotice(pausing, { turnsStarted: 1, paused: false })).toBe('pausing');
    expect(currentNotice(pausing, { turnsStarted: 1, paused: true })).toBeUndefined();
  });

  it('takes any other key as no, and does nothing else with it', () => {
    const { ui, effects } = feed([{ ctrl: 'w' }, 'h', 'i']);
    // The "h" only cancels; the "i" after it opens the input box as typing does.
    expect(effects).toEqual([]);
    expect(ui.confirm).toBeUndefined();
    expect(ui.input?.line.text).toBe('i');
  });

  it('stops on Ctrl-C, even while typing, and asks the session to abort again on a second', () => {
    const first = feed(['some text', { ctrl: 'c' }]);
    expect(first.effects).toEqual([{ type: 'abort' }]);
    expect(first.ui).toMatchObject({ stopping: true, input: undefined });
    expect(feed([{ ctrl: 'c' }, { ctrl: 'c' }]).effects).toEqual([
      { type: 'abort' },
      { type: 'abort' },
    ]);
    expect(feed([{ ctrl: 'c' }], { ...context, ended: true }).effects).toEqual([{ type: 'exit' }]);
  });

  it('pages the help with ? and closes it after the last page or on Esc', () => {
    expect(feed(['?']).ui.help).toBe(0);
    expect(feed(['?', '?']).ui.help).toBe(1);
    expect(feed(['?', '?', '?']).ui.help).toBeUndefined();
    expect(feed(['?', { key: 'escape' }]).ui.help).toBeUndefined();
  });

  it('checks names before sending and keeps the box open with the error', () => {
    const { ui, effects } = feed(['/ask Zed\r']);
    expect(effects).toEqual([]);
    expect(ui.input?.error).toContain('No one called Zed');
  });

  it('brings back earlier lines with up and down', () => {
    const { ui } = feed(['first\r', 'second\r', 'draft', { key: 'up' }, { key: 'up' }]);
    expect(ui.input?.line.text).toBe('first');
    const back = feed([{ key: 'down' }, { key: 'down' }], context, ui);
    expect(back.ui.input?.line.text).toBe('draft');
  });

  it('edits and sends a human seat turn; Esc clears it, Enter on nothing passes', () => {
    const prompt = { id: 1, seat: 2, speaker: 'Bob', purpose: 'turn' as const };
    const ctx = { ...context, prompt };
    expect(feed(['Trams.\r'], ctx).effects).toEqual([{ type: 'answer', text: 'Trams.' }]);
    expect(feed(['Trams', { key: 'escape' }, '\r'], ctx).effects).toEqual([
      { type: 'answer', text: '' },
    ]);
    // Keys that act outside a box are text here.
    expect(feed([' s?\r'], ctx).effects).toEqual([{ type: 'answer', text: ' s?' }]);
  });

  it("closes the help with Esc when the person's turn came while it was open", () => {
    const prompt = { id: 1, seat: 2, speaker: 'Bob', purpose: 'turn' as const };
    const open = feed(['?']).ui;
    expect(open.help).toBe(0);
    const typed = feed(['Trams'], { ...context, prompt }, open).ui;
    expect(typed.help).toBe(0);
    const closed = feed([{ key: 'escape' }], { ...context, prompt }, typed).ui;
    expect(closed.help).toBeUndefined();
    expect(closed.human.text).toBe('Trams');
    // A second Esc clears the line, as it does without the help.
    expect(feed([{ key: 'escape' }], { ...context, prompt }, closed).ui.human.text).toBe('');
  });
});

describe('interpretPaste', () => {
  it('puts a paste in the box whatever it holds, line breaks as spaces, and sends nothing', () => {
    const { ui, effects } = interpretPaste(initialUiState, 'q\nwrap up\r\n/end', context);
    expect(effects).toEqual([]);
    expect(ui.input?.line.text).toBe('q wrap up /end');
  });
});
