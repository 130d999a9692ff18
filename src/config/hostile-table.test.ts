// A table from someone else: special files, huge files, links out of the folder, alias bombs,
// pathological headings, stray role numbers and look-alike names. Each is refused with an
// InputError (exit 2) naming the file, in bounded time and memory, or loads as it should.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTable } from './load-table.js';
import { readRoleMarkdown } from './markdown-role.js';
import { parseHeading } from './persona-heading.js';
import { inputError, removeTables, role, writeTable } from './test-utils/table-fixture.js';

afterEach(removeTables);

const MB = 1024 * 1024;
const ada = { name: 'Ada', full_name: 'Ada Lovelace', prompt: 'You are Ada.' };

describe('special files', () => {
  it('a FIFO as task/context.txt is refused at once, not waited on', async () => {
    const dir = await writeTable({ 'task/context.txt': null });
    execFileSync('mkfifo', [join(dir, 'task', 'context.txt')]);
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      `${dir}/task/context.txt: is a named pipe (FIFO), not a regular file`,
    );
  });

  it('a FIFO as a role file is refused', async () => {
    const dir = await writeTable({ 'participants/role2.json': null });
    execFileSync('mkfifo', [join(dir, 'participants', 'role2.json')]);
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain('role2.json: is a named pipe (FIFO), not a regular file');
  });

  it('summarize.txt linked to /dev/zero is refused (outside the folder, and a device)', async () => {
    const dir = await writeTable();
    await symlink('/dev/zero', join(dir, 'task', 'summarize.txt'));
    const outside = await inputError(loadTable(dir));
    expect(outside.message).toContain(
      `${dir}/task/summarize.txt: is a symbolic link to /dev/zero, outside the table folder`,
    );
    const device = await inputError(loadTable(dir, { followOutsideSymlinks: true }));
    expect(device.message).toContain('summarize.txt: is a device, not a regular file');
  });

  it('a folder where a file should be', async () => {
    const dir = await writeTable({ 'task/context.txt': null });
    await mkdir(join(dir, 'task', 'context.txt'));
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain('task/context.txt: is a folder, not a regular file');
  });
});

describe('the size limit', () => {
  it('refuses a file over the limit before reading it, and says how to raise it', async () => {
    const dir = await writeTable({ 'task/context.txt': 'x'.repeat(2 * MB) });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      'task/context.txt: is 2 MB, more than the 1 MB a table file may have; raise the limit with the maxFileBytes setting (--max-file-bytes, ROUNDTABLE_MAX_FILE_BYTES)',
    );
    const loaded = await loadTable(dir, { maxFileBytes: 3 * MB });
    expect(loaded.table.task.context).toHaveLength(2 * MB);
  });

  it('takes the limit from roundtable.config.json for the other files', async () => {
    const dir = await writeTable({
      'task/context.txt': 'y'.repeat(MB + 10),
      'roundtable.config.json': JSON.stringify({ maxFileBytes: 2 * MB }),
    });
    expect((await loadTable(dir)).table.task.context).toHaveLength(MB + 10);
    // A flag or the environment (passed in) wins over the file.
    await inputError(loadTable(dir, { maxFileBytes: MB }));
  });
});

describe('symbolic links', () => {
  let elsewhere = '';
  afterEach(async () => {
    if (elsewhere !== '') await rm(elsewhere, { recursive: true, force: true });
  });

  it('a role file linking outside the table is refused, naming the link; allowed on request', async () => {
    elsewhere = await mkdtemp(join(tmpdir(), 'roundtable-elsewhere-'));
    await writeFile(join(elsewhere, 'secret.json'), role(ada));
    const dir = await writeTable({ 'participants/role1.json': null });
    await symlink(join(elsewhere, 'secret.json'), join(dir, 'participants', 'role1.json'));
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      `${dir}/participants/role1.json: is a symbolic link to ${elsewhere}/secret.json, outside the table folder`,
    );
    expect(error.message).toContain('--follow-outside-symlinks');
    const loaded = await loadTable(dir, { followOutsideSymlinks: true });
    expect(loaded.table.participants[0]?.name).toBe('Ada');
  });

  it('a participants folder linking outside the table is refused', async () => {
    elsewhere = await mkdtemp(join(tmpdir(), 'roundtable-elsewhere-'));
    await writeFile(join(elsewhere, 'role1.json'), role(ada));
    const dir = await writeTable({
      'participants/role1.json': null,
      'participants/role2.json': null,
    });
    await symlink(elsewhere, join(dir, 'participants'));
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(`${dir}/participants: is a symbolic link to ${elsewhere}`);
  });

  it('a link that stays inside the table is followed', async () => {
    const dir = await writeTable({ 'task/summarize.txt': null });
    await symlink('instructions.txt', join(dir, 'task', 'summarize.txt'));
    expect((await loadTable(dir)).table.task.summarize).toBe('Speak briefly.');
  });
});

describe('Markdown personas', () => {
  it('a YAML alias bomb in the front matter is refused, naming the file and line', async () => {
    const bomb = [
      '---',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'name: Ada',
      '---',
      '# Mathematician: Ada Lovelace',
      '',
      'You are Ada.',
    ].join('\n');
    const dir = await writeTable({
      'participants/role1.json': null,
      'participants/role1.md': bomb,
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toMatch(
      /participants\/role1\.md:3:\d+: front matter uses the YAML alias \*a/,
    );
  });

  it('a front matter key that is a list is refused, and nothing is printed', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const text = '---\n? [a, b]: c\n---\n# Poet: Eino Leino\n\nYou are Eino.\n';
      const parsed = readRoleMarkdown(text, 'role1.md');
      expect(parsed.problems[0]?.message).toContain('front matter keys must be plain names');
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it.each([
    ['a heading and a megabyte of spaces', `# R: A${' '.repeat(MB)}x`],
    ['a megabyte of spaces before a language suffix', `# R: A${' '.repeat(MB)}(x`],
    ['a megabyte of spaces before closing #s', `# R: A${' '.repeat(MB)}x#`],
    ['a megabyte of opening parentheses', `# R: A ${'('.repeat(MB)}`],
    ['a megabyte of brackets', `# R: ${'[]'.repeat(MB / 2)}`],
    ['a megabyte of punctuation after the first name', `# R: A${'.'.repeat(MB)}x B`],
  ])('parses %s in linear time', (_, heading) => {
    // Quadratic parsing took 30 s at 120 KB; at 1 MB it would outlast the test's timeout by far.
    const parsed = readRoleMarkdown(`${heading}\n\nYou are A.\n`, 'role1.md');
    expect(parsed.raw ?? parsed.problems).toBeDefined();
    expect(parseHeading(heading.slice(2)).fullName.length).toBeGreaterThan(0);
  });
});

describe('role numbers', () => {
  it('a gap is one problem naming the range, however large', async () => {
    const dir = await writeTable({ 'participants/role900.json': role({ ...ada, name: 'Zed' }) });
    const error = await inputError(loadTable(dir));
    expect(error.message).toBe(
      `${dir}/participants/role3.json: missing, and so is every number up to role899.json, but ${dir}/participants/role900.json exists; roles are numbered from 1 without gaps (add the missing ones, or renumber)`,
    );
  });

  it('a role number too large gets sane advice, and no problem per missing number', async () => {
    const dir = await writeTable({
      'participants/role99999999.json': role({ ...ada, name: 'Zed' }),
      'participants/role99999999999999999999.json': role({ ...ada, name: 'Zoe' }),
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      'role99999999.json: role numbers go up to 999; number the roles from 1 without gaps',
    );
    expect(error.message).toContain('role99999999999999999999.json: role numbers go up to 999');
    expect(error.message).not.toContain('e+');
    expect(error.message.split('\n').length).toBeLessThan(6);
  });
});

describe('names', () => {
  it('refuses NUL and control characters in a name or full name', async () => {
    const dir = await writeTable({
      'participants/role1.json': role({ ...ada, full_name: 'Ada\u0000 Lovelace' }),
      'participants/role2.json': role({ ...ada, name: 'Al\u001b[2Jan', full_name: 'Alan' }),
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      'full_name: expected one line of text, e.g. "Ada Lovelace, mathematician", got "Ada\\u0000 Lovelace" (it holds a control character',
    );
    expect(error.message).toMatch(/role2\.json: name: .*it holds a control character/);
  });

  it('takes a decomposed "Zoé" as one word, stored composed', async () => {
    const dir = await writeTable({
      'participants/role1.json': role({ ...ada, name: 'Zoe\u0301', full_name: 'Zoe\u0301 Ka' }),
    });
    const loaded = await loadTable(dir);
    expect(loaded.table.participants[0]?.name).toBe('Zo\u00e9');
    expect(loaded.table.participants[0]?.fullName).toBe('Zo\u00e9 Ka');
  });

  it('takes names that need combining marks even in NFC (Devanagari)', async () => {
    const dir = await writeTable({
      'participants/role1.json': role({ ...ada, name: 'अनु', full_name: 'अनु शर्मा' }),
    });
    expect((await loadTable(dir)).table.participants[0]?.name).toBe('अनु');
  });

  it('refuses the same name composed and decomposed at one table', async () => {
    const dir = await writeTable({
      'participants/role1.json': role({ ...ada, name: 'Zo\u00e9' }),
      'participants/role2.json': role({ ...ada, name: 'zoe\u0301' }),
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain('is already used by');
  });

  it('refuses confusable names at one table ("Ada" and Cyrillic "Аdа")', async () => {
    const dir = await writeTable({
      'participants/role2.json': role({ ...ada, name: '\u0410d\u0430', full_name: 'Fake Ada' }),
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain('name: "Аdа" looks like "Ada" (');
    expect(error.message).toContain('А U+0410');
  });
});

describe('values', () => {
  it('reports creativity 1e999 as too large, not as null', async () => {
    const dir = await writeTable({
      'participants/role1.json':
        '{"name": "Ada", "full_name": "Ada L", "prompt": "You are Ada.", "creativity": 1e999}',
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain('creativity: expected a number from 0 to 1');
    expect(error.message).toContain('got a number too large to use');
    expect(error.message).not.toContain('got null');
  });

  it('explains a key field in a role file as the config does', async () => {
    const dir = await writeTable({
      'participants/role1.json': role({ ...ada, api_key: 'sk-live-0123456789' }),
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      '"api_key" does not belong here: API keys are read only from the environment',
    );
    expect(error.message).not.toContain('sk-live');
  });
});
