import { afterEach, describe, expect, it } from 'vitest';
import { removeTables, writeTable } from '../config/test-utils/table-fixture.js';
import { InputError } from '../errors.js';
import { dimensionValues, expandGrid } from './expand.js';
import { validateGrid } from './grid.js';
import { prepareRuns } from './prepare.js';

afterEach(removeTables);

const fault = (raw: unknown): string => {
  try {
    validateGrid(raw, 'grid.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the grid to be refused');
};

describe('validateGrid', () => {
  it('names every fault with its field at once', () => {
    const message = fault({
      tables: ['a', 3],
      seeds: [1, -2, 1.5],
      settings: [{ turns: 0 }, { turnz: 4 }, { endpoints: {} }],
      seats: [{ Ada: { modle: 'x' } }, { Bob: { creativity: 2 } }],
      formats: [],
      extra: 1,
    });
    for (const part of [
      'unknown grid key "extra"',
      'tables[1]: expected a table folder (text), got 3',
      'seeds[1]: expected a whole number from 0 to 4294967295, got -2',
      'seeds[2]: expected a whole number from 0 to 4294967295, got 1.5',
      'settings[0]: turns: expected',
      'settings[1]: unknown setting "turnz" (did you mean turns?)',
      'settings[2]: "endpoints" goes at the top of the grid file',
      'seats[0].Ada: unknown field "modle" (valid fields: endpoint, model, creativity, max_tokens)',
      'seats[1].Bob.creativity: expected a number from 0 to 1, got 2',
      'formats: expected a non-empty list of format names, got an empty list',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('needs tables and nothing else', () => {
    expect(fault({ seeds: [1] })).toContain('tables: missing');
    expect(validateGrid({ tables: ['t'] }, 'grid.json')).toMatchObject({ tables: ['t'] });
    expect(fault([1, 2])).toMatch(/grid.json: expected a JSON object/);
  });

  it('checks the endpoints and their limits like the config file does', () => {
    expect(fault({ tables: ['t'], endpoints: { box: { requestsPerMinute: 0 } } })).toContain(
      'endpoints.box.requestsPerMinute: expected a whole number ≥ 1',
    );
  });
});

describe('expandGrid', () => {
  it('makes every combination one run, with a key that depends only on what the run is', () => {
    const grid = validateGrid(
      {
        tables: ['tables/a', 'tables/b'],
        seeds: [1, 2, 3],
        settings: [{ turns: 4 }, { turns: 8 }],
        seats: [{ Ada: { model: 'x' } }, { Ada: { model: 'y' } }],
      },
      '/work/grid.json',
    );
    const runs = expandGrid(grid);
    expect(runs).toHaveLength(2 * 3 * 2 * 2);
    expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
    expect(runs[0]).toMatchObject({ index: 1, tableDir: '/work/tables/a', seed: 1 });
    const second = runs[1];
    if (second === undefined) throw new Error('two runs at least');
    expect(dimensionValues(second)).toEqual({
      table: 'a',
      seed: '1',
      settings: 'turns=4',
      seats: 'Ada=y',
      format: '(table)',
    });
    // The same run in a reordered grid keeps its key (a restarted batch finds its folder).
    const reordered = expandGrid(
      validateGrid(
        {
          tables: ['tables/b', 'tables/a'],
          seeds: [3, 2, 1],
          settings: [{ turns: 8 }, { turns: 4 }],
          seats: [{ Ada: { model: 'y' } }, { Ada: { model: 'x' } }],
        },
        '/work/grid.json',
      ),
    );
    expect(new Set(reordered.map((r) => r.key))).toEqual(new Set(runs.map((r) => r.key)));
  });
});

describe('prepareRuns', () => {
  it('checks every run before any starts: seats, settings, endpoints, keys', async () => {
    const table = await writeTable();
    const grid = validateGrid(
      {
        tables: [table, `${table}-missing`],
        settings: [{ endpoint: 'nowhere' }, { endpoint: 'openai' }],
        seats: [{ Ada: { model: 'x' } }, { Zed: { model: 'y' } }],
      },
      'grid.json',
    );
    const error = await prepareRuns(grid, expandGrid(grid), {}).then(
      () => undefined,
      (e: unknown) => e as InputError,
    );
    expect(error).toBeInstanceOf(InputError);
    const message = error?.message ?? '';
    expect(message).toContain('table folder not found');
    expect(message).toContain('no endpoint named "nowhere"');
    expect(message).toContain('OPENAI_API_KEY');
    expect(message).toContain('has no seat named "Zed" (its seats: Ada, Alan)');
  });

  it('gives each run the table with its seat changes and the grid values over the config', async () => {
    const table = await writeTable({ 'roundtable.config.json': '{"turns": 12, "maxTokens": 99}' });
    const grid = validateGrid(
      {
        tables: [table],
        seeds: [7],
        settings: [{ turns: 3 }],
        seats: [{ Ada: { model: 'mistral', creativity: 0.9 } }],
      },
      'grid.json',
    );
    const [run] = await prepareRuns(grid, expandGrid(grid), { ROUNDTABLE_TURNS: '20' });
    expect(run?.settings).toMatchObject({ turns: 3, seed: 7, maxTokens: 99 });
    expect(run?.settings.origins.turns).toBe('grid.json');
    expect(run?.loaded.table.participants[0]).toMatchObject({ model: 'mistral', creativity: 0.9 });
    expect(run?.loaded.table.participants[1]?.model).toBeUndefined();
  });
});
