import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../engine/usage.js';
import type { Line } from '../spans.js';
import { initialTuiState, type LiveTurn, liveTurnOf, reduce } from '../state.js';
import { delta, started, turnStarted } from '../test-utils/events.js';
import { parallelLines, share } from './ParallelTurns.js';
import { tokensPart } from './StatusLine.js';

const text = (lines: readonly Line[]) => lines.map((line) => line.map((s) => s.text).join(''));

function live(seat: number, speaker: string, said: string): LiveTurn {
  return { ...liveTurnOf(turnStarted(seat, seat)), speaker, text: said };
}

const LONG = 'We could phase it: the cheap part now, the expensive part when we know more. '.repeat(
  4,
);
const colors = new Map<number, string>();

describe('parallel replies in the live view', () => {
  it('stand side by side when every column is wide enough, headed as the history heads them', () => {
    const turns = [live(1, 'Ann', 'Keep the rails.'), live(2, 'Bob', 'Build homes.')];
    const rows = text(parallelLines({ turns, colors, columns: 80, rows: 6, label: 'opening' }));
    expect(rows[0]).toBe('');
    expect(rows[1]).toMatch(/^Ann · opening {26,}Bob · opening$/);
    // Each text sits under its heading, indented as a turn's text is.
    expect(rows[2]).toMatch(/^ {2}Keep the rails\. {2,}\S/);
    expect(rows[2]?.indexOf('  Build homes.')).toBe(rows[1]?.indexOf('Bob'));
    expect(rows.every((row) => row.length <= 80)).toBe(true);
  });

  it('keep their columns as replies end, by the seats of the phase', () => {
    const one = [live(2, 'Bob', 'Build homes.')];
    const rows = text(parallelLines({ turns: one, colors, columns: 90, rows: 5, seats: 3 }));
    // Three columns of 28 on 90: Bob stays in a column, his text wrapped to it.
    const said = text(
      parallelLines({ turns: [live(2, 'Bob', LONG)], colors, columns: 90, rows: 5, seats: 3 }),
    );
    expect(rows[1]).toBe('Bob');
    expect(Math.max(...said.map((row) => row.length))).toBeLessThanOrEqual(28);
    // Without the phase's seats, a lone reply takes the whole width.
    const alone = text(
      parallelLines({ turns: [live(2, 'Bob', LONG)], colors, columns: 90, rows: 5 }),
    );
    expect(Math.max(...alone.map((row) => row.length))).toBeGreaterThan(60);
  });

  it('stack on a narrow terminal, a blank row between them while there is room', () => {
    const turns = [live(1, 'Ann', LONG), live(2, 'Bob', LONG), live(3, 'Cy', 'Short.')];
    const rows = text(
      parallelLines({ turns, colors, columns: 60, rows: 14, label: 'round 1 of 2' }),
    );
    expect(rows).toHaveLength(14);
    const headings = rows.filter((row) => / · round 1 of 2$/.test(row));
    expect(headings).toEqual(['Ann · round 1 of 2', 'Bob · round 1 of 2', 'Cy · round 1 of 2']);
    for (const heading of headings.slice(1)) expect(rows[rows.indexOf(heading) - 1]).toBe('');
    // A short reply takes one row of text; the long ones share what it leaves, clipped at the top.
    expect(rows.at(-1)).toBe('  Short.');
    expect(rows[rows.indexOf('Ann · round 1 of 2') + 1]).toBe('  ⋯');
    expect(rows.every((row) => row.length <= 60)).toBe(true);
  });

  it('stack without blank rows when rows are few, and never outgrow them', () => {
    const turns = [live(1, 'Ann', LONG), live(2, 'Bob', LONG), live(3, 'Cy', LONG)];
    for (const rows of [1, 2, 3, 5, 8]) {
      const lines = text(parallelLines({ turns, colors, columns: 40, rows }));
      expect(lines.length).toBeLessThanOrEqual(rows);
    }
    const eight = text(parallelLines({ turns, colors, columns: 40, rows: 8 }));
    expect(eight.filter((row) => row === '')).toEqual(['']);
  });

  it('show who is still thinking, and a retry, in the heading', () => {
    const waiting = live(1, 'Ann', '');
    const retried: LiveTurn = {
      ...live(2, 'Bob', ''),
      retry: { attempt: 2, delayMs: 1000, reason: 'HTTP 429' },
    };
    const rows = text(
      parallelLines({ turns: [waiting, retried], colors, columns: 80, rows: 4, frame: 0 }),
    );
    expect(rows[1]).toMatch(/^⠋ Ann · thinking… +⠋ Bob · ↻ retry 2 · thinking…$/);
  });
});

describe('share', () => {
  it('gives nobody more rows than it wants and splits the rest evenly', () => {
    expect(share([2, 10, 10], 12)).toEqual([2, 5, 5]);
    expect(share([10, 10, 10], 12)).toEqual([4, 4, 4]);
    expect(share([1, 1], 12)).toEqual([1, 1]);
    // Every pane keeps its heading even when rows run out.
    expect(share([5, 5, 5], 2)).toEqual([1, 1, 1]);
  });
});

const SAID = [
  'Keep the rails and run trams on them. ',
  'Build homes where the freight yard was. ',
] as const;

describe('the status line during a parallel phase', () => {
  it('counts every reply streaming, estimated, as it counts a single turn', () => {
    const events = [
      started(),
      {
        type: 'phase-started' as const,
        phase: 0,
        kind: 'opening' as const,
        title: 'Opening',
        parallel: true,
        seats: [1, 2],
      },
      turnStarted(1, 1),
      turnStarted(2, 2),
      delta(1, SAID[0]),
      delta(2, SAID[1]),
    ];
    const state = events.reduce(reduce, initialTuiState());
    expect(state.together).toHaveLength(2);
    const out = estimateTokens(SAID[0]) + estimateTokens(SAID[1]);
    expect(out).toBeGreaterThan(10);
    expect(tokensPart(state)).toBe(`0 in / ~${out} out`);
  });
});
