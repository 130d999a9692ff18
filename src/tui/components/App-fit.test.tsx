// The live view fits the terminal: narrow, short, resized, too small, with everything at once.
import { describe, expect, it, vi } from 'vitest';
import { count, setupApp as setup, statusBlock } from '../test-utils/app.js';
import { delta, spokenTurn, started, turnEnded, turnStarted } from '../test-utils/events.js';
import { stripAnsi, tick } from '../test-utils/render.js';

describe('App on a terminal of any size', () => {
  it('fits a 60-column terminal, long topic and all, and re-fits after a resize', async () => {
    const ui = setup({ columns: 60, rows: 24 });
    const longTopic = `Whether ${'very '.repeat(30)}long topics fit`;
    await ui.emit(
      started(200),
      turnStarted(150, 1),
      {
        type: 'topic-changed',
        turn: 150,
        topic: { index: -1, text: longTopic },
        reason: 'moderator',
      },
      delta(150, 'word '.repeat(400)),
    );
    const widths = (frame: string) => frame.split('\n').map((line) => [...line].length);
    expect(Math.max(...widths(ui.frame()))).toBeLessThanOrEqual(60);
    expect(statusBlock(ui.frame())[1]).toMatch(/^Topic: Whether very very .*…$/);

    ui.stdout.resize(40);
    await tick();
    const block = statusBlock(ui.frame());
    expect(block[0]).toBe('─'.repeat(40));
    expect(Math.max(...block.map((line) => [...line].length))).toBeLessThanOrEqual(40);
  });

  it('on a terminal, clears and reprints the history at the new width after a resize', async () => {
    const ui = setup({ columns: 80, rows: 30 }, true);
    await ui.emit(started(), ...spokenTurn(1, 1, 'Printed before the resize.'));
    expect(count(ui.frame(), 'Printed before the resize.')).toBe(1);
    const wide = '· m-a @ http://127.0.0.1:8000/v1';
    expect(ui.frame()).toContain(wide);
    ui.stdout.resize(50);
    const clear = '\u001b[2J\u001b[3J\u001b[H';
    await vi.waitFor(() => expect(ui.stdout.frames).toContain(clear), { timeout: 5000 });
    await tick();
    const after = stripAnsi(ui.stdout.frames.slice(ui.stdout.frames.indexOf(clear)).join(''));
    expect(after).toContain('· m-a @\n  http://127.0.0.1:8000/v1');
    expect(after).toContain('Printed before the resize.');
    expect(after).not.toContain(wide);
  });

  it('keeps the live turn within the terminal height, showing its latest lines', async () => {
    const ui = setup({ columns: 60, rows: 20 });
    await ui.emit(started(), turnStarted(1, 1));
    const lines = Array.from({ length: 80 }, (_, i) => `Line ${i} of a long answer.`);
    await ui.emit(delta(1, lines.join('\n')));
    const frame = ui.frame();
    expect(frame).toContain('Line 79 of a long answer.');
    expect(frame).not.toContain('Line 10 of a long answer.');
    expect(frame).toContain('⋯');
    const live = frame.slice(frame.lastIndexOf('Alice · turn 1/10'));
    expect(live.split('\n').length).toBeLessThan(20);

    await ui.emit(turnEnded(1, 1, lines.join('\n')));
    expect(ui.frame()).toContain('Line 10 of a long answer.');
  });

  it('wraps without a space at the start of a row, and indents the header under its text', async () => {
    const ui = setup({ columns: 40, rows: 30 });
    await ui.emit(
      started(),
      ...spokenTurn(
        1,
        1,
        'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron',
      ),
    );
    const lines = ui.frame().split('\n');
    const body = lines.slice(lines.findIndex((l) => l.startsWith('Alice · turn 1/10')) + 1);
    for (const line of body.slice(0, 3)) expect(line).toMatch(/^ {2}\S/);
    const seat = lines.findIndex((l) => l.startsWith('● Carol'));
    expect(lines[seat + 1]).toMatch(/^ {2}\S/);
  });

  it('fits 80×24, 60×20 and 40×15 with the help, the input box and a long turn all at once', async () => {
    for (const [columns, rows] of [
      [80, 24],
      [60, 20],
      [40, 15],
    ] as const) {
      const ui = setup({ columns, rows });
      await ui.emit(started(), turnStarted(1, 1), delta(1, 'word '.repeat(500)));
      const live = () => ui.stdout.lastFrame().split('\n');
      // Ink's debug frames hold the printed history too: measure from the live turn down.
      const height = () =>
        live().length - live().findLastIndex((l) => stripAnsi(l).startsWith('Alice · turn'));
      expect(height()).toBeLessThanOrEqual(rows - 2);
      await ui.press('?');
      expect(height()).toBeLessThanOrEqual(rows - 2);
      expect(ui.frame()).toMatch(/Keys|page/);
      // Closes the help and opens the box: one write, handled key by key.
      await ui.press(`tell us more about ${'the viaduct '.repeat(20)}`);
      expect(ui.frame()).toContain('Moderator: Enter sends');
      expect(height()).toBeLessThanOrEqual(rows - 2);
    }
  });

  it('says so when the terminal is too small, instead of cutting the keys off', async () => {
    const ui = setup({ columns: 30, rows: 10 });
    await ui.emit(started(), turnStarted(1, 1));
    expect(ui.frame()).toContain('Terminal too small (30×10)');
    ui.stdout.resize(60, 20);
    await tick();
    expect(ui.frame()).not.toContain('Terminal too small');
    expect(ui.frame()).toContain('? help');
  });
});
