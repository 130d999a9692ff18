// The summarizer's record has room for every seat's stance on every free-text question: a record
// cut off at a fixed 600 tokens read as unparsed once a table had several such questions.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from './discussion.js';
import type { Table } from './table.js';
import { collect } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { worstCaseModel } from './test-utils/worst-case-model.js';

async function recordRequest(table: Table) {
  const fake = worstCaseModel();
  await collect(
    runDiscussion({
      table,
      // A topic every second turn (each gets two): by the closing, all three were discussed.
      settings: fixtureSettings({ turns: 6, wrapUpTurns: 0, closing: true, topicChangeEvery: 1 }),
      model: fake.model,
    }),
  );
  return fake.requests.find(
    (r) => r.responseFormat?.type === 'json_schema' && r.responseFormat.name === 'record',
  );
}

describe("the record's room", () => {
  it('grows with the free-text questions and the seats', async () => {
    // Three free questions, four seats: 400 + 3 × (40 + 4 × 80).
    expect((await recordRequest(fixtureTable))?.maxTokens).toBe(1_480);
    const withOptions: Table = {
      ...fixtureTable,
      task: { ...fixtureTable.task, options: [['park', 'housing', 'tram line'], [], []] },
    };
    expect((await recordRequest(withOptions))?.maxTokens).toBe(400 + 2 * (40 + 4 * 80));
  });
});
