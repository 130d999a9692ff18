import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleTableDir } from './example-table.js';
import { loadTable } from './load-table.js';
import { nameFromFullName, parseHeading } from './persona-heading.js';
import { roleToMarkdown } from './role-markdown.js';
import { validateRole } from './role-schema.js';
import { inputError, removeTables, role, writeTable } from './test-utils/table-fixture.js';

afterEach(removeTables);

describe('parseHeading', () => {
  it.each([
    ['Town treasurer: Margit Aalto', { role: 'Town treasurer', fullName: 'Margit Aalto' }],
    [
      'Theoretical Physicist Persona: Dr. Sheldon Cooper',
      { role: 'Theoretical Physicist Persona', fullName: 'Dr. Sheldon Cooper' },
    ],
    [
      'Poet: Eino Leino (fi) [male]',
      { role: 'Poet', fullName: 'Eino Leino', language: 'fi', gender: 'male' },
    ],
    [
      'Poet: Eino Leino [male] (Finnish)',
      { role: 'Poet', fullName: 'Eino Leino', language: 'Finnish', gender: 'male' },
    ],
    ['Engineer: Ana Souza (pt-BR)', { role: 'Engineer', fullName: 'Ana Souza', language: 'pt-BR' }],
    ['Margit Aalto, town treasurer', { fullName: 'Margit Aalto, town treasurer' }],
    // Not a language: stays part of the name.
    ['Baker: Tom Hill (retired)', { role: 'Baker', fullName: 'Tom Hill (retired)' }],
    ['Critic: A: B', { role: 'Critic', fullName: 'A: B' }],
  ])('%s', (text, expected) => {
    expect(parseHeading(text)).toEqual(expected);
  });
});

describe('nameFromFullName', () => {
  it.each([
    ['Margit Aalto', 'Margit'],
    ['Dr. Sheldon Cooper', 'Sheldon'],
    ['Prof Ada Lovelace', 'Ada'],
    ['"Bram" Visser', 'Bram'],
    ['— Ada', undefined],
    ['¿Qué?', undefined],
  ])('%s → %s', (full, name) => {
    expect(nameFromFullName(full)).toBe(name);
  });
});

const md = (text: string) => ({ 'participants/role2.json': null, 'participants/role2.md': text });

describe('participants/roleN.md', () => {
  it('reads front matter, the heading and the body into the same participant as JSON would', async () => {
    const dir = await writeTable(
      md(
        [
          '---',
          'creativity: 0.9',
          'color: "#2472c8"',
          'model: llama3.1:8b',
          'endpoint: ollama',
          'max_tokens: 120',
          '---',
          '',
          '# Theoretical Physicist Persona: Dr. Sheldon Cooper (en) [male]',
          '',
          '## Background',
          'You are Dr. Sheldon Cooper.',
          '',
          'Speak precisely.',
          '',
        ].join('\r\n'),
      ),
    );
    const { table } = await loadTable(dir);
    expect(table.participants[1]).toEqual({
      seat: 2,
      name: 'Sheldon',
      fullName: 'Dr. Sheldon Cooper',
      role: 'Theoretical Physicist Persona',
      language: 'en',
      gender: 'male',
      creativity: 0.9,
      color: '#2472c8',
      model: 'llama3.1:8b',
      endpoint: 'ollama',
      maxTokens: 120,
      prompt: '## Background\nYou are Dr. Sheldon Cooper.\n\nSpeak precisely.',
    });
  });

  it('needs no front matter; name from front matter wins over the heading', async () => {
    const bare = await writeTable(md('# Logician: Alan Turing\n\nYou are Alan.\n'));
    expect((await loadTable(bare)).table.participants[1]).toEqual({
      seat: 2,
      name: 'Alan',
      fullName: 'Alan Turing',
      role: 'Logician',
      creativity: 0.7,
      prompt: 'You are Alan.',
    });
    const named = await writeTable(
      md('---\nname: Turing\nhuman: true\n---\n# Logician: Alan Turing\nYou are Alan.'),
    );
    expect((await loadTable(named)).table.participants[1]).toMatchObject({
      name: 'Turing',
      human: true,
    });
  });

  it('a missing heading says what is expected, with an example and the line', async () => {
    const dir = await writeTable(md('---\ncreativity: 0.2\n---\n\nYou are Alan.\n'));
    const error = await inputError(loadTable(dir));
    expect(error.message).toBe(
      `${dir}/participants/role2.md:5: expected the heading here, found "You are Alan."; a Markdown persona starts with a heading like "# Town treasurer: Margit Aalto" (role, colon, full name), followed by the prompt`,
    );
  });

  it.each([
    [
      '## Logician: Alan\nYou are Alan.',
      ':1: the first heading must have one # (level 1), found ##',
    ],
    [
      '#Logician: Alan\nYou are Alan.',
      ':1: expected the heading here, found "#Logician: Alan" (put a space after the #)',
    ],
    [
      '# Logician: Alan\n\n',
      ':1: no prompt below the heading; write the persona there ("You are …")',
    ],
    ['# Logician:\nYou are Alan.', ':1: the heading names no one;'],
    ['# : Alan\nYou are Alan.', ':1: the heading has nothing before the colon;'],
    ['---\n---\n', ':3: no heading; a Markdown persona starts with a heading like'],
    [
      '# Critic: ¿Qué?\nYou are.',
      ':1: name: cannot be taken from "¿Qué?"; add a front matter line such as "name: Ada"',
    ],
    [
      '---\nname: Alan\n# Logician: Alan\nYou are Alan.',
      ':1: the front matter opened by --- here is never closed',
    ],
  ])('%j', async (text, expected) => {
    const dir = await writeTable(md(text));
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(`${dir}/participants/role2.md${expected}`);
    expect(error.file).toBe(`${dir}/participants/role2.md`);
  });

  it('YAML errors give line and column in the file', async () => {
    const dir = await writeTable(
      md('---\ncreativity: 0.2\nname: [Alan\n---\n# Logician: Alan\nYou are Alan.'),
    );
    const error = await inputError(loadTable(dir));
    expect(error.message).toMatch(
      new RegExp(`^${dir}/participants/role2\\.md:3:\\d+: front matter is not valid YAML: `),
    );
    const dup = await writeTable(
      md('---\nname: Alan\nname: Al\n---\n# Logician: Alan\nYou are Alan.'),
    );
    expect((await inputError(loadTable(dup))).message).toBe(
      `${dup}/participants/role2.md:3:1: front matter is not valid YAML: map keys must be unique`,
    );
  });

  it('front matter keys: unknown → nearest, heading fields → the heading, nulls, all with their lines', async () => {
    const dir = await writeTable(
      md(
        [
          '---',
          'creativty: 0.4',
          'full_name: Alan Turing',
          'color: #2472c8',
          'model:',
          'apiKey: sk-abcdef123456789',
          '---',
          '# Logician: Alan Turing',
          'You are Alan.',
        ].join('\n'),
      ),
    );
    const error = await inputError(loadTable(dir));
    const file = `${dir}/participants/role2.md`;
    expect(error.message).toBe(
      `5 problems in the table at ${dir}:\n` +
        `  - ${file}:2: unknown front matter key "creativty" (did you mean creativity?)\n` +
        `  - ${file}:3: full_name comes from the heading (# Town treasurer: Margit Aalto), not the front matter\n` +
        `  - ${file}:4: color: quote the value, e.g. color: "#2472c8" (in YAML an unquoted # starts a comment)\n` +
        `  - ${file}:5: model: no value; give one or delete the line\n` +
        `  - ${file}:6: "apiKey" does not belong in a file: API keys are read only from the environment variable the endpoint names (apiKeyEnv)`,
    );
  });

  it('field validation is the same as for JSON, pointing at the front matter line', async () => {
    const dir = await writeTable(
      md('---\nname: Alan Turing\n\ncreativity: 2\n---\n# Logician: Alan Turing\nYou are Alan.'),
    );
    const error = await inputError(loadTable(dir));
    const file = `${dir}/participants/role2.md`;
    expect(error.message).toContain(
      `${file}:2: name: expected one word of letters, digits, "_" or "-" (at most 32 characters), used for name tags and mentions like @Ada, got "Alan Turing" (the long form belongs in full_name, or in the heading of a .md persona)`,
    );
    expect(error.message).toContain(
      `${file}:4: creativity: expected a number from 0 to 1 (default 0.7); it sets the temperature, got 2`,
    );
  });

  it('the same seat as .json and .md is an error naming both', async () => {
    const dir = await writeTable({ 'participants/role2.md': '# Logician: Alan\nYou are Alan.' });
    const error = await inputError(loadTable(dir));
    expect(error.message).toBe(
      `${dir}/participants/role2.md: seat 2 is also defined by ${dir}/participants/role2.json; keep only one of them`,
    );
  });

  it('duplicate names across formats are caught like any other', async () => {
    const dir = await writeTable(md('---\nname: ada\n---\n# Countess: Ada Byron\nYou are Ada.'));
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain('name: "ada" is already used by');
  });

  it('the example in participants/README.md loads as documented', async () => {
    const readme = await readFile(join(exampleTableDir(), 'participants/README.md'), 'utf8');
    const example = /```markdown\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const dir = await writeTable(md(example));
    expect((await loadTable(dir)).table.participants[1]).toMatchObject({
      name: 'Margit',
      fullName: 'Margit Aalto',
      role: 'Town treasurer',
      language: 'en',
      gender: 'female',
      creativity: 0.2,
      endpoint: 'ollama',
      model: 'llama3.1:8b',
    });
  });

  it('a .json role may carry role, language and gender too', async () => {
    const dir = await writeTable({
      'participants/role2.json': role({
        name: 'Eino',
        full_name: 'Eino Leino',
        prompt: 'You are Eino.',
        role: 'Poet',
        language: 'fi',
        gender: 'male',
      }),
    });
    expect((await loadTable(dir)).table.participants[1]).toMatchObject({
      role: 'Poet',
      language: 'fi',
      gender: 'male',
    });
  });
});

describe('roleToMarkdown', () => {
  it('writes a persona that reads back to the same fields', async () => {
    const fields = {
      name: 'Eino',
      full_name: 'Eino Leino',
      role: 'Poet',
      language: 'fi',
      gender: 'male',
      creativity: 0.85,
      color: '#aa00ff',
      max_tokens: 90,
      endpoint: 'ollama',
      prompt: 'You are Eino.\n\n- Speak in verse.',
    };
    const checked = validateRole(fields);
    if (!checked.ok) throw new Error('fixture invalid');
    const text = roleToMarkdown(checked.fields);
    expect(text).toBe(
      '---\nname: Eino\ncreativity: 0.85\nendpoint: ollama\ncolor: "#aa00ff"\nmax_tokens: 90\n---\n\n# Poet: Eino Leino (fi) [male]\n\nYou are Eino.\n\n- Speak in verse.\n',
    );
    const dir = await writeTable(md(text));
    expect((await loadTable(dir)).table.participants[1]).toEqual({
      seat: 2,
      name: 'Eino',
      fullName: 'Eino Leino',
      role: 'Poet',
      language: 'fi',
      gender: 'male',
      creativity: 0.85,
      color: '#aa00ff',
      maxTokens: 90,
      endpoint: 'ollama',
      prompt: 'You are Eino.\n\n- Speak in verse.',
    });
  });

  it('refuses a full name the heading could not carry unchanged', () => {
    const checked = validateRole({ name: 'A', full_name: 'A: B', prompt: 'p' });
    if (!checked.ok) throw new Error('fixture invalid');
    expect(() => roleToMarkdown(checked.fields)).toThrow(/cannot be written as a Markdown heading/);
  });
});
