import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import {
  type Effect,
  initialUiState,
  interpretKey,
  type KeyContext,
  type UiState,
} from './controller.js';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const context: KeyContext = {
  names: ['Alice', 'Bob'],
  questionCount: 2,
  prompt: undefined,
  enginePaused: false,
  ended: false,
};

/** Feeds chunks as Ink would deliver them and collects the effects. */
function feed(
  chunks: readonly string[],
  ctx: KeyContext = context,
  start: UiState = initialUiState,
) {
  let ui = start;
  const effects: Effect[] = [];
  for (const chunk of chunks) {
    const key = { ...NO_KEY, return: chunk === '\r', escape: chunk === '\u001b' };
    const step = interpretKey(ui, chunk, key, ctx);
    ui = step.ui;
    effects.push(...step.effects);
  }
  return { ui, effects };
}

describe('interpretKey', () => {
  it('accepts text and Enter arriving in one chunk, as tmux send-keys delivers them', () => {
    expect(feed(['ihello @Bob\r']).effects).toEqual([
      { type: 'send', command: { type: 'interject', text: 'hello @Bob' } },
    ]);
    expect(feed(['/topic 2\r']).effects).toEqual([
      { type: 'send', command: { type: 'set-topic', topic: 2 } },
    ]);
  });

  it('ignores a stray paste while no box is open instead of firing its letters as keys', () => {
    expect(feed(['some pasted notes']).effects).toEqual([]);
  });

  it('toggles pause from what was last asked, before the engine confirms', () => {
    const { effects } = feed([' ', ' ', 'p']);
    expect(effects.map((effect) => effect.type === 'send' && effect.command.type)).toEqual([
      'pause',
      'resume',
      'pause',
    ]);
    const resumed = feed([' '], { ...context, enginePaused: true });
    expect(resumed.effects).toEqual([{ type: 'send', command: { type: 'resume' } }]);
  });

  it('sends a human seat’s line with its Enter, and leaves keys alone while they type', () => {
    const prompt = { id: 1, seat: 2, speaker: 'Bob', purpose: 'turn' as const };
    const { effects } = feed(['s', 'q', 'n', '\r'], { ...context, prompt });
    expect(effects).toEqual([{ type: 'answer', text: 'sqn' }]);
    expect(feed(['I agree\r'], { ...context, prompt }).effects).toEqual([
      { type: 'answer', text: 'I agree' },
    ]);
  });

  it('closes the app on q once the discussion has ended', () => {
    expect(feed(['q'], { ...context, ended: true }).effects).toEqual([{ type: 'exit' }]);
  });
});
