// loadTable's errors in the task files and roundtable.config.json, and several faults at once.
import { afterEach, describe, expect, it } from 'vitest';
import { loadTable, tableWhere } from './load-table.js';
import { inputError, removeTables, role, writeTable } from './test-utils/table-fixture.js';

afterEach(removeTables);

async function failure(overrides: Parameters<typeof writeTable>[0]) {
  const dir = await writeTable(overrides);
  return { dir, error: await inputError(loadTable(dir)) };
}

describe('loadTable: task files', () => {
  it('no task folder', async () => {
    const { error } = await failure({
      'task/context.txt': null,
      'task/instructions.txt': null,
      'task/questions.txt': null,
    });
    expect(error.message).toMatch(/task\/: folder not found; a table needs task\/context\.txt/);
  });

  it('a missing task file', async () => {
    const { error, dir } = await failure({ 'task/instructions.txt': null });
    expect(error.message).toBe(
      `${dir}/task/instructions.txt: missing; it holds how the participants should talk, given to every participant`,
    );
  });

  it('a questions file with only comments and blank lines', async () => {
    const { error, dir } = await failure({ 'task/questions.txt': '# nothing yet\n\n   \n' });
    expect(error.message).toBe(
      `${dir}/task/questions.txt: no questions; write one question a line (blank lines and lines starting with # are ignored)`,
    );
  });

  it('a file that is not UTF-8 gives the line and column of the first bad byte', async () => {
    const latin1 = Uint8Array.from([
      ...Buffer.from('Café ok\nna'),
      0xef,
      0x76,
      ...Buffer.from('e\n'),
    ]);
    const { error, dir } = await failure({ 'task/context.txt': latin1 });
    expect(error.message).toBe(
      `${dir}/task/context.txt:2:3: the file is not valid UTF-8 (byte 0xef); save it as UTF-8`,
    );
  });

  it('a UTF-16 file is named as such', async () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from('W\0h\0y\0?\0', 'latin1')]);
    const { error } = await failure({ 'task/questions.txt': utf16 });
    expect(error.message).toContain('task/questions.txt: the file is UTF-16, not UTF-8');
  });

  it('a role file that is not UTF-8', async () => {
    const { error } = await failure({
      'participants/role2.json': Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]),
    });
    expect(error.message).toContain(
      'participants/role2.json:1:3: the file is not valid UTF-8 (byte 0xe9)',
    );
  });
});

describe('loadTable: roundtable.config.json', () => {
  it('reports unknown settings, wrong values and API keys in the file', async () => {
    const { error, dir } = await failure({
      'roundtable.config.json': JSON.stringify({ turn: 5, wrapUpTurns: -1, apiKey: 'sk-x' }),
    });
    expect(error.message).toContain(`${dir}/roundtable.config.json has 3 problems:`);
    expect(error.message).toContain('- unknown setting "turn" (did you mean turns?)');
    expect(error.message).toContain('- wrapUpTurns: expected a whole number ≥ 0, got -1');
    expect(error.message).toContain(
      'API keys are read only from the environment (OPENAI_API_KEY, or the variable an endpoint names in apiKeyEnv)',
    );
    expect(error.message).not.toContain('sk-x');
  });

  it('malformed JSON in the config file', async () => {
    const { error, dir } = await failure({ 'roundtable.config.json': '{ "turns": 5, }' });
    expect(error.message).toContain(
      `${dir}/roundtable.config.json:1:13: malformed JSON: trailing comma`,
    );
  });
});

describe('loadTable: several faults at once', () => {
  it('lists every file with problems in one error, grouped by file', async () => {
    const { error, dir } = await failure({
      'participants/role2.json': role({
        name: 'Alan',
        full_name: 'A',
        prompt: 'x',
        creativity: 2,
        colour: 'red',
      }),
      'task/questions.txt': '',
      'task/context.txt': null,
    });
    expect(error.message.split('\n')).toEqual([
      `4 problems in the table at ${dir}:`,
      `  - ${dir}/participants/role2.json:`,
      '      - creativity: expected a number from 0 to 1 (default 0.7); it sets the temperature, got 2',
      '      - unknown field "colour" (did you mean color?)',
      `  - ${dir}/task/context.txt: missing; it holds the situation under discussion, given to every participant`,
      `  - ${dir}/task/questions.txt: no questions; write one question a line (blank lines and lines starting with # are ignored)`,
    ]);
  });

  it('says "this folder" for the folder the command runs in, not "the table at ."', () => {
    expect(tableWhere('.', '/home/ann/plans')).toBe('this folder (/home/ann/plans)');
    expect(tableWhere('/home/ann/plans/', '/home/ann/plans')).toBe('this folder (/home/ann/plans)');
    expect(tableWhere('tables/a', '/home/ann')).toBe('the table at tables/a');
  });
});
