import { describe, expect, it } from 'vitest';
import {
  colorEnabled,
  colorLevel,
  createStyle,
  foregroundCode,
  nearest16,
  nearest256,
  stripAnsi,
} from './ansi.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colorEnabled', () => {
  it('follows isTTY when neither variable is set', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it('turns colour off for any non-empty NO_COLOR, and ignores an empty one', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: 'false' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('turns colour on for FORCE_COLOR 1/2/3, true or empty, even on a pipe', () => {
    for (const value of ['1', '2', '3', 'true', '']) {
      expect(colorEnabled(pipe, { FORCE_COLOR: value }), `FORCE_COLOR=${value}`).toBe(true);
    }
  });

  it('turns colour off for FORCE_COLOR=0 or false, even on a terminal', () => {
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('lets FORCE_COLOR win over NO_COLOR, as Node and chalk do', () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0', NO_COLOR: '' })).toBe(false);
  });

  it('treats TERM=dumb as colourless unless forced', () => {
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb', FORCE_COLOR: '1' })).toBe(true);
  });
});

describe('colorLevel', () => {
  it('uses truecolor when COLORTERM says so, 256 colours otherwise', () => {
    expect(colorLevel(tty, { COLORTERM: 'truecolor' })).toBe(3);
    expect(colorLevel(tty, { COLORTERM: '24bit' })).toBe(3);
    expect(colorLevel(tty, { TERM: 'xterm-256color' })).toBe(2);
    expect(colorLevel(tty, { TERM: 'linux' })).toBe(1);
  });

  it('treats the FORCE_COLOR number as a minimum level', () => {
    expect(colorLevel(pipe, { FORCE_COLOR: '3' })).toBe(3);
    expect(colorLevel(pipe, { FORCE_COLOR: '1', TERM: 'linux' })).toBe(1);
    expect(colorLevel(pipe, { FORCE_COLOR: '1', COLORTERM: 'truecolor' })).toBe(3);
  });
});

describe('colour codes', () => {
  it('writes exact 24-bit colour at truecolor', () => {
    expect(foregroundCode([59, 130, 246], 3)).toBe('38;2;59;130;246');
  });

  it('approximates with the xterm cube and grey ramp at 256 colours', () => {
    expect(nearest256([255, 0, 0])).toBe(196);
    expect(nearest256([0, 0, 0])).toBe(16);
    expect(nearest256([95, 135, 175])).toBe(16 + 36 * 1 + 6 * 2 + 3);
    // A mid grey is closer to the grey ramp than to any cube colour.
    expect(nearest256([128, 128, 128])).toBe(244);
  });

  it('falls back to a readable basic colour at 16 colours', () => {
    expect(nearest16([250, 10, 10])).toBe(9);
    expect(nearest16([0, 190, 0])).toBe(2);
    // Near-white and near-black map to something visible on both backgrounds.
    expect([0, 7, 15]).not.toContain(nearest16([250, 250, 250]));
    expect([0, 7, 15]).not.toContain(nearest16([5, 5, 5]));
    expect(foregroundCode([250, 10, 10], 1)).toBe('91');
    expect(foregroundCode([0, 190, 0], 1)).toBe('32');
  });

  it('wraps text in escape codes only when colour is on', () => {
    const plain = createStyle(0);
    expect(plain.fg('#ff0000', 'x') + plain.bold('y') + plain.dim('z') + plain.red('w')).toBe(
      'xyzw',
    );
    const rich = createStyle(3);
    expect(rich.fg('#ff0000', 'x')).toBe('\u001b[38;2;255;0;0mx\u001b[39m');
    expect(rich.bold('y')).toBe('\u001b[1my\u001b[22m');
    expect(stripAnsi(rich.dim(rich.fg('#00ff00', 'z')))).toBe('z');
  });
});
