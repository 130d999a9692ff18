import { describe, expect, it } from 'vitest';
import { type LayoutInput, layout, MIN_COLUMNS, MIN_ROWS, RESERVED_ROWS } from './layout.js';

const base: LayoutInput = {
  columns: 80,
  rows: 24,
  live: { minRows: 2 },
  input: undefined,
  help: undefined,
  notice: false,
  statusRows: 4,
};

const total = (l: ReturnType<typeof layout>) =>
  l.live + l.help + l.input + l.notice + l.statusGap + l.status;

describe('layout', () => {
  it('never gives the live area more rows than the terminal has, less the two it keeps free', () => {
    for (const [columns, rows] of [
      [80, 24],
      [60, 20],
      [40, 15],
      [40, 12],
      [200, 60],
    ] as const) {
      for (const input of [undefined, { wantRows: 40, minRows: 4 }, { wantRows: 5, minRows: 4 }]) {
        for (const help of [undefined, { wantRows: 30, minRows: 4 }]) {
          for (const notice of [false, true]) {
            const plan = layout({ ...base, columns, rows, input, help, notice });
            expect(plan.tooSmall).toBe(false);
            expect(total(plan)).toBeLessThanOrEqual(rows - RESERVED_ROWS);
            if (input !== undefined) expect(plan.input).toBeGreaterThanOrEqual(input.minRows);
            expect(plan.live).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
  });

  it('gives the live turn what is left, and a blank row above the status when there is room', () => {
    const plan = layout(base);
    expect(plan).toMatchObject({ live: 17, statusGap: 1, status: 4 });
  });

  it('says a terminal below the minimum is too small', () => {
    expect(layout({ ...base, columns: MIN_COLUMNS - 1 }).tooSmall).toBe(true);
    expect(layout({ ...base, rows: MIN_ROWS - 1 }).tooSmall).toBe(true);
    expect(layout({ ...base, columns: MIN_COLUMNS, rows: MIN_ROWS }).tooSmall).toBe(false);
  });
});
