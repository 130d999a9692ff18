import { describe, expect, it } from 'vitest';
import { actionFor, decodeKeys, KEY_BINDINGS, keyHints } from './keys.js';
import { NO_KEY } from './test-utils/keys.js';
import { displayWidth } from './wrap.js';

describe('decodeKeys', () => {
  it('splits a chunk of several keys into presses, one a grapheme', () => {
    expect(decodeKeys('qq', NO_KEY)).toEqual([
      { kind: 'text', text: 'q' },
      { kind: 'text', text: 'q' },
    ]);
    expect(decodeKeys('hi🇵🇹\r', NO_KEY)).toEqual([
      { kind: 'text', text: 'h' },
      { kind: 'text', text: 'i' },
      { kind: 'text', text: '🇵🇹' },
      { kind: 'key', name: 'enter', ctrl: false, meta: false },
    ]);
  });

  it('names Ctrl and Alt keys by their letter, and the special keys by name', () => {
    expect(decodeKeys('w', { ...NO_KEY, ctrl: true })).toEqual([
      { kind: 'key', name: 'w', ctrl: true, meta: false },
    ]);
    expect(decodeKeys('', { ...NO_KEY, leftArrow: true, ctrl: true })).toEqual([
      { kind: 'key', name: 'left', ctrl: true, meta: false },
    ]);
    expect(decodeKeys('', { ...NO_KEY, backspace: true, meta: true })).toEqual([
      { kind: 'key', name: 'backspace', ctrl: false, meta: true },
    ]);
  });
});

describe('actionFor', () => {
  it('gives no letter, digit or punctuation an action but opening the input box', () => {
    for (const text of 'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;:!@#-\'"/'.split('')) {
      expect(actionFor({ kind: 'text', text })).toBe('say');
    }
    expect(actionFor({ kind: 'text', text: ' ' })).toBe('toggle-pause');
    expect(actionFor({ kind: 'text', text: '?' })).toBe('help');
  });

  it('puts the actions on Ctrl keys nobody types in prose', () => {
    const ctrl = (name: string) => actionFor({ kind: 'key', name, ctrl: true, meta: false });
    expect([ctrl('s'), ctrl('n'), ctrl('w'), ctrl('c')]).toEqual([
      'skip',
      'next-topic',
      'wrap-up',
      'quit',
    ]);
    expect(ctrl('x')).toBeUndefined();
  });
});

describe('keyHints', () => {
  const all = KEY_BINDINGS.map((b) => b.action).filter((a) => a !== 'close');

  it('shows every key when there is room', () => {
    expect(keyHints(all, 100)).toBe(
      'type to talk · space pause · ^S skip · ^N topic · ^W wrap · ^C quit · ? help',
    );
  });

  it('leaves out the least needed first, keeping help, on narrow terminals', () => {
    for (const width of [30, 40, 60, 80]) {
      const hints = keyHints(all, width, '⏸ paused · ');
      expect(displayWidth(hints)).toBeLessThanOrEqual(width);
      expect(hints).toContain('? help');
      expect(hints.startsWith('⏸ paused · ')).toBe(true);
    }
  });
});
