import { describe, expect, it } from 'vitest';
import { expandGrid } from './expand.js';
import { validateGrid } from './grid.js';
import { type ResultRow, summarize } from './results.js';
import { formatSummary } from './summary-format.js';

const grid = validateGrid(
  { tables: ['tables/a'], seeds: [1, 2], settings: [{ turns: 4 }, { turns: 8 }] },
  '/work/grid.json',
);
const specs = expandGrid(grid);
/** A row per run: turns as its settings asked, tokens 100 × seed. */
const rows = specs.map(
  (spec) =>
    ({
      key: spec.key,
      status: 'completed',
      turns: spec.settings?.index === 0 ? 4 : 8,
      tokens: 100 * (spec.seed ?? 0),
      costUsd: 0,
      costComplete: true,
      durationSeconds: 1,
      report: {},
    }) as unknown as ResultRow,
);

describe('the summary of a batch', () => {
  it('has a table for each dimension the grid varies, and only those', () => {
    const groups = summarize(specs, rows);
    expect(groups.map((g) => g.dimension)).toEqual(['seed', 'settings']);
    const bySeed = groups[0]?.rows.map((r) => [r.value, r.runs, r.meanTokens, r.meanTurns]);
    expect(bySeed).toEqual([
      ['1', 2, 100, 6],
      ['2', 2, 200, 6],
    ]);
  });

  it('is grouped by the one dimension --group-by names, even one the grid does not vary', () => {
    const bySettings = summarize(specs, rows, 'settings');
    expect(bySettings.map((g) => g.dimension)).toEqual(['settings']);
    expect(bySettings[0]?.rows.map((r) => [r.value, r.meanTurns, r.meanTokens])).toEqual([
      ['turns=4', 4, 150],
      ['turns=8', 8, 150],
    ]);
    const byTable = summarize(specs, rows, 'table');
    expect(byTable[0]?.rows.map((r) => [r.value, r.runs, r.ended])).toEqual([['a', 4, 4]]);
    const text = formatSummary(bySettings, 'grid.json');
    expect(text).toMatch(/^## By settings$/m);
    expect(text).not.toMatch(/^## By seed$/m);
  });
});
