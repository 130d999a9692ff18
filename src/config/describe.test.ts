import { afterEach, describe, expect, it } from 'vitest';
import { describeTable } from './describe.js';
import { exampleTableDir } from './example-table.js';
import { loadTable } from './load-table.js';
import { resolveSettings } from './resolve-settings.js';
import { removeTables, role, writeTable } from './test-utils/table-fixture.js';

afterEach(removeTables);

describe('describeTable', () => {
  it('lists seats with temperatures from the settings, the task and each setting with its origin', async () => {
    const loaded = await loadTable(
      await writeTable({
        'participants/role2.json': role({
          name: 'Alan',
          full_name: 'Alan Turing',
          prompt: 'x',
          creativity: 0.5,
          model: 'own-model',
          color: 'blue',
        }),
      }),
    );
    const settings = resolveSettings({
      flags: { temperatureMax: '1.5', turns: '12' },
      env: { ROUNDTABLE_MODEL: 'table-model' },
      randomSeed: () => 42,
    });
    const text = describeTable(loaded, settings);
    expect(text).toContain('Participants (2)');
    expect(text).toContain('  1. Ada — Ada Lovelace, mathematician');
    expect(text).toContain('creativity 0.30 → temperature 0.45 · model table-model');
    expect(text).toContain('  2. Alan — Alan Turing');
    expect(text).toContain('creativity 0.50 → temperature 0.75 · model own-model · color #2472c8');
    expect(text).toContain('  Context: A question of machines.');
    expect(text).toContain('    1. Can machines think?\n    2. Should they?');
    expect(text).toContain('Summary instruction: built-in default');
    expect(text).toMatch(/turns\s+12\s+--turns/);
    expect(text).toMatch(/model\s+table-model\s+ROUNDTABLE_MODEL/);
    expect(text).toMatch(/seed\s+42\s+random/);
    expect(text).toMatch(/baseUrl\s+\(unset\)\s+default/);
    expect(text).toMatch(/temperatureMax\s+1\.5\s+--temperature-max/);
  });

  it('describes the example table without settings, using the default mapping', async () => {
    const text = describeTable(await loadTable(exampleTableDir()));
    expect(text).toContain('Participants (4)');
    expect(text).toContain('creativity 0.20 → temperature 0.20 · model table default');
    expect(text).toContain('Summary instruction: task/summarize.txt');
    expect(text).not.toContain('Settings');
  });

  it('never shows credentials written into the base URL', async () => {
    const loaded = await loadTable(await writeTable());
    const settings = resolveSettings({
      env: { OPENAI_BASE_URL: 'http://user:hunter2pass@127.0.0.1:9/v1?api-key=abc123secret' },
      randomSeed: () => 1,
    });
    const text = describeTable(loaded, settings);
    expect(text).toMatch(/baseUrl\s+http:\/\/127\.0\.0\.1:9\/v1\s+OPENAI_BASE_URL/);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc123secret');
  });
});
