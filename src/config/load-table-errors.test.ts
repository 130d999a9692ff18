// loadTable's errors in the participants folder: its numbering, malformed JSON, role fields.
import { afterEach, describe, expect, it } from 'vitest';
import { loadTable } from './load-table.js';
import {
  inputError,
  removeTables,
  role,
  validFiles,
  writeTable,
} from './test-utils/table-fixture.js';

afterEach(removeTables);

const ada = { name: 'Ada', full_name: 'Ada Lovelace', prompt: 'You are Ada.' };

async function failure(overrides: Parameters<typeof writeTable>[0]) {
  const dir = await writeTable(overrides);
  return { dir, error: await inputError(loadTable(dir)) };
}

describe('loadTable: the folders and their numbering', () => {
  it('a table folder that does not exist', async () => {
    const error = await inputError(loadTable('/nonexistent/roundtable-table'));
    expect(error.message).toContain('/nonexistent/roundtable-table: table folder not found');
  });

  it('no participants folder', async () => {
    const dir = await writeTable(
      {},
      { ...validFiles(), 'participants/role1.json': null, 'participants/role2.json': null },
    );
    const error = await inputError(loadTable(dir));
    expect(error.message).toBe(
      `${dir}/participants/: folder not found; a table needs participants/role1.json, role2.json, … (\`roundtable init\` writes an example)`,
    );
  });

  it('an empty participants folder names role1.json', async () => {
    const { error } = await failure({
      'participants/role1.json': null,
      'participants/role2.json': null,
      'participants/notes.txt': 'nothing',
    });
    expect(error.message).toMatch(/participants\/role1\.json: missing; a table needs at least/);
  });

  it('no role file at all, naming the role files it found under other names', async () => {
    const { error, dir } = await failure({
      'participants/role1.json': null,
      'participants/role2.json': null,
      'participants/margit.json': role(ada),
      'participants/ines.md': '# Ines',
      'participants/README.md': '# notes',
      'participants/notes.txt': 'nothing',
    });
    expect(error.message).toBe(
      `${dir}/participants/role1.json: missing; a table needs at least participants/role1.json or role1.md (roles are numbered from 1); found ines.md, margit.json: name them role1.md, role2.json`,
    );
  });

  it('no role1.json, naming the files that are there', async () => {
    const { error, dir } = await failure({
      'participants/role1.json': null,
      'participants/role3.json': role(ada),
    });
    expect(error.message).toBe(
      `${dir}/participants/role1.json: missing; roles are numbered from role1.json (found role2.json, role3.json)`,
    );
    expect(error.file).toBe(`${dir}/participants/role1.json`);
  });

  it('a gap: role5.json present but role4.json missing names both', async () => {
    const { error } = await failure({
      'participants/role3.json': role({ ...ada, name: 'Ava' }),
      'participants/role5.json': role({ ...ada, name: 'Eve' }),
    });
    expect(error.message).toMatch(
      /participants\/role4\.json: missing, but \S*participants\/role5\.json exists/,
    );
    expect(error.message).toContain('numbered from 1 without gaps');
  });

  it('role0, leading zeros and a format that is not supported', async () => {
    const { error } = await failure({
      'participants/role0.json': role(ada),
      'participants/role03.json': role(ada),
      'participants/role3.txt': 'Persona',
    });
    expect(error.message).toContain(
      'participants/role0.json: bad role number; numbering starts at 1',
    );
    expect(error.message).toContain(
      'participants/role03.json: bad role number; name it role3.json',
    );
    expect(error.message).toContain(
      'participants/role3.txt: unsupported role file type ".txt"; write role3.json or role3.md',
    );
  });
});

describe('loadTable: malformed JSON always gives line and column', () => {
  it.each([
    [
      'a missing comma',
      '{\n  "name": "Ada"\n  "full_name": "A"\n}',
      ':3:3',
      'expected "," or "}" after the value',
    ],
    ['a trailing comma', '{\n  "name": "Ada",\n}', ':2:16', 'trailing comma'],
    [
      'an unfinished file',
      '{\n  "name": "Ada",\n  "prompt": "You',
      ':3:13',
      'missing its closing double quote',
    ],
    ['a bare word (V8 gives no position)', '{"name": tru}', ':1:10', 'unexpected word tru'],
    ['an empty file', '', ':1:1', 'the file is empty'],
    ['single quotes', "{'name': 'Ada'}", ':1:2', 'double quotes'],
  ])('%s', async (_, text, location, reason) => {
    const { error, dir } = await failure({ 'participants/role2.json': text });
    expect(error.message).toContain(`${dir}/participants/role2.json${location}: malformed JSON: `);
    expect(error.message).toContain(reason);
    expect(error.file).toBe(`${dir}/participants/role2.json`);
  });

  it('shows the offending line with a caret under the column', async () => {
    const { error } = await failure({
      'participants/role2.json': '{\n  "name": "Ada"\n  "prompt": "x"\n}',
    });
    expect(error.message.split('\n').slice(1)).toEqual(['      "prompt": "x"', '      ^']);
  });
});

describe('loadTable: fields of a role file', () => {
  it('a missing field', async () => {
    const { error, dir } = await failure({
      'participants/role2.json': role({ name: 'Alan', full_name: 'Alan T' }),
    });
    expect(error.message).toBe(
      `${dir}/participants/role2.json: prompt: missing; expected non-empty text describing the persona ("You are …")`,
    );
  });

  it('mistyped fields', async () => {
    const { error } = await failure({
      'participants/role2.json': role({
        name: 42,
        full_name: ['Alan'],
        prompt: 'x',
        creativity: 'high',
        human: 'yes',
      }),
    });
    expect(error.message).toContain('participants/role2.json has 4 problems:');
    expect(error.message).toContain('- name: expected one word of letters, digits, "_" or "-"');
    expect(error.message).toContain('got 42');
    expect(error.message).toContain('- full_name: expected one line of text');
    expect(error.message).toContain(
      '- creativity: expected a number from 0 to 1 (default 0.7); it sets the temperature, got "high"',
    );
    expect(error.message).toContain('- human: expected true or false, got "yes"');
  });

  it('an unknown field suggests the nearest valid one', async () => {
    const { error, dir } = await failure({
      'participants/role2.json': role({
        name: 'Alan',
        fullname: 'Alan T',
        prompt: 'x',
        creativty: 0.5,
      }),
    });
    expect(error.message).toContain(`${dir}/participants/role2.json has 3 problems:`);
    expect(error.message).toContain('- unknown field "fullname" (did you mean full_name?)');
    expect(error.message).toContain('- unknown field "creativty" (did you mean creativity?)');
    expect(error.message).toContain('- full_name: missing');
  });

  it('an unknown field with no near match lists the valid fields', async () => {
    const { error } = await failure({
      'participants/role2.json': role({ ...ada, name: 'Alan', mood: 'sunny' }),
    });
    expect(error.message).toContain(
      'unknown field "mood" (valid fields: name, full_name, creativity, prompt',
    );
  });

  it.each([1.5, -0.1])('creativity %s is outside 0–1', async (creativity) => {
    const { error, dir } = await failure({
      'participants/role2.json': role({ ...ada, name: 'Alan', creativity }),
    });
    expect(error.message).toBe(
      `${dir}/participants/role2.json: creativity: expected a number from 0 to 1 (default 0.7); it sets the temperature, got ${creativity}`,
    );
  });

  it('a name that cannot be a mention', async () => {
    const { error } = await failure({
      'participants/role2.json': role({ ...ada, name: 'Alan Turing' }),
    });
    expect(error.message).toContain('name: expected one word of letters, digits, "_" or "-"');
    expect(error.message).toContain(
      'got "Alan Turing" (the long form belongs in full_name, or in the heading of a .md persona)',
    );
  });

  it('duplicate names, ignoring case, name both files', async () => {
    const { error, dir } = await failure({
      'participants/role2.json': role({ ...ada, name: 'ADA' }),
    });
    expect(error.message).toBe(
      `${dir}/participants/role2.json: name: "ADA" is already used by ${dir}/participants/role1.json; names must differ (ignoring case) because replies mention them`,
    );
  });

  it('a color that is neither #rrggbb nor a known name, with a suggestion', async () => {
    const { error } = await failure({
      'participants/role2.json': role({ ...ada, name: 'Alan', color: 'megenta' }),
    });
    expect(error.message).toContain('color: expected "#rrggbb" or a color name (black, red,');
    expect(error.message).toContain('got "megenta" (did you mean magenta?)');
  });

  it('a role file that is not an object', async () => {
    const { error } = await failure({ 'participants/role2.json': '["Alan"]' });
    expect(error.message).toContain(
      'role2.json: expected an object with name, full_name, creativity and prompt, got a list',
    );
  });
});
