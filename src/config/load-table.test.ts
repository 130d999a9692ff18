import { afterEach, describe, expect, it } from 'vitest';
import { exampleTableDir } from './example-table.js';
import { loadTable } from './load-table.js';
import { DEFAULT_SUMMARIZE } from './task.js';
import { removeTables, role, writeTable } from './test-utils/table-fixture.js';

afterEach(removeTables);

describe('loadTable', () => {
  it('maps role files to participants in seat order, with defaults filled in', async () => {
    const dir = await writeTable({
      'participants/role2.json': role({
        name: 'Alan',
        full_name: 'Alan Turing, logician',
        prompt: '  You are Alan.  ',
        color: 'RedBright',
        model: 'llama-3',
        max_tokens: 250,
        endpoint: 'local',
        human: false,
      }),
    });
    const loaded = await loadTable(dir);
    expect(loaded.dir).toBe(dir);
    expect(loaded.table.participants).toEqual([
      {
        seat: 1,
        name: 'Ada',
        fullName: 'Ada Lovelace, mathematician',
        creativity: 0.3,
        prompt: 'You are Ada.',
      },
      {
        seat: 2,
        name: 'Alan',
        fullName: 'Alan Turing, logician',
        creativity: 0.7,
        prompt: 'You are Alan.',
        color: '#f14c4c',
        model: 'llama-3',
        maxTokens: 250,
        endpoint: 'local',
        human: false,
      },
    ]);
    expect(loaded.config).toEqual({});
    expect(loaded.configPath).toBeUndefined();
    expect(loaded.warnings).toEqual([]);
  });

  it('reads the task, dropping comments and blank lines from the questions', async () => {
    const loaded = await loadTable(await writeTable());
    expect(loaded.table.task).toEqual({
      context: 'A question of machines.\nSecond line.',
      instructions: 'Speak briefly.',
      questions: ['Can machines think?', 'Should they?'],
      summarize: DEFAULT_SUMMARIZE,
    });
  });

  it('uses task/summarize.txt when present', async () => {
    const loaded = await loadTable(await writeTable({ 'task/summarize.txt': 'Sum it up.\n' }));
    expect(loaded.table.task.summarize).toBe('Sum it up.');
  });

  it('accepts a UTF-8 BOM and CRLF line endings in every file', async () => {
    const bom = '\uFEFF';
    const dir = await writeTable({
      'participants/role1.json': `${bom}{\r\n  "name": "Ada",\r\n  "full_name": "Ada L",\r\n  "prompt": "You are Ada."\r\n}\r\n`,
      'task/context.txt': `${bom}Line one\r\nLine two\r\n`,
      'task/questions.txt': `${bom}# c\r\nFirst?\r\n\r\nSecond?\r\n`,
    });
    const loaded = await loadTable(dir);
    expect(loaded.table.participants[0]?.name).toBe('Ada');
    expect(loaded.table.task.context).toBe('Line one\nLine two');
    expect(loaded.table.task.questions).toEqual(['First?', 'Second?']);
  });

  it('loads roundtable.config.json and reports its path', async () => {
    const dir = await writeTable({
      'roundtable.config.json': JSON.stringify({ $schema: './x.json', turns: 4, onError: 'stop' }),
    });
    const loaded = await loadTable(dir);
    expect(loaded.config).toEqual({ $schema: './x.json', turns: 4, onError: 'stop' });
    expect(loaded.configPath).toBe(`${dir}/roundtable.config.json`);
  });

  it('warns about a lone participant, empty context, repeated questions and stray role files (any .json)', async () => {
    const dir = await writeTable({
      'participants/role2.json': null,
      'participants/role-two.json': '{}',
      'participants/README.md': '# notes',
      'participants/margit.json': '{}',
      'task/context.txt': '  \n',
      'task/questions.txt': 'Why?\nwhy?\n',
      'task/summarize.txt': '\n',
    });
    const loaded = await loadTable(dir);
    expect(loaded.warnings).toEqual([
      expect.stringContaining('participants/margit.json is not named roleN.json'),
      expect.stringContaining('participants/role-two.json is not named roleN.json'),
      expect.stringContaining('only one participant'),
      expect.stringContaining('task/questions.txt lists "why?" more than once'),
      expect.stringContaining('task/context.txt is empty'),
      expect.stringContaining('task/summarize.txt is empty'),
    ]);
    expect(loaded.table.task.summarize).toBe(DEFAULT_SUMMARIZE);
  });
});

describe("the repository's own example table", () => {
  it('loads cleanly: four personas of clearly different creativity, 5–7 questions', async () => {
    const loaded = await loadTable(exampleTableDir());
    expect(loaded.warnings).toEqual([]);
    const { participants, task } = loaded.table;
    expect(participants).toHaveLength(4);
    const creativities = participants.map((p) => p.creativity).sort((a, b) => a - b);
    for (let i = 1; i < creativities.length; i++) {
      expect((creativities[i] ?? 0) - (creativities[i - 1] ?? 0)).toBeGreaterThan(0.1);
    }
    for (const p of participants) expect(p.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(task.questions.length).toBeGreaterThanOrEqual(5);
    expect(task.questions.length).toBeLessThanOrEqual(7);
    expect(task.summarize).not.toBe(DEFAULT_SUMMARIZE);
  });
});
