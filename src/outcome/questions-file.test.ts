// Options in task/questions.txt, as the table loader reads them.
import { afterEach, describe, expect, it } from 'vitest';
import { loadTable } from '../config/load-table.js';
import { inputError, removeTables, writeTable } from '../config/test-utils/table-fixture.js';

afterEach(removeTables);

describe('task/questions.txt with options', () => {
  it('loads the options of each question, empty for a question without', async () => {
    const dir = await writeTable({
      'task/questions.txt':
        '# topics\nShould the branch line reopen? | trains | trail | housing\n\nWho pays?\nWhich grant? | active travel | rural connectivity\n',
    });
    const { task } = (await loadTable(dir)).table;
    expect(task.questions).toEqual(['Should the branch line reopen?', 'Who pays?', 'Which grant?']);
    expect(task.options).toEqual([
      ['trains', 'trail', 'housing'],
      [],
      ['active travel', 'rural connectivity'],
    ]);
  });

  it('leaves options out of a table that lists none', async () => {
    const { task } = (await loadTable(await writeTable())).table;
    expect(task.options).toBeUndefined();
  });

  it('reports every bad line with its number and what would be valid, and loads nothing', async () => {
    const dir = await writeTable({
      'task/questions.txt': 'Fine? | a | b\n# comment\nLonely? | one\nGap? | a || b\n',
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toContain(
      `${dir}/task/questions.txt:3: only one option ("one"); list at least two after the question, each after a "|"`,
    );
    expect(error.message).toContain(`${dir}/task/questions.txt:4: option 2 is empty`);
  });
});
