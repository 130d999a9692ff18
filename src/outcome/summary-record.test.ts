import { describe, expect, it } from 'vitest';
import type { QuestionRef } from './positions.js';
import {
  readSummaryRecord,
  summaryRecordInstruction,
  summaryRecordJsonSchema,
} from './summary-record.js';

const free: QuestionRef[] = [{ index: 3, text: 'Who pays?', options: [] }];
const people = [
  { name: 'Ann', fullName: 'Ann Lee' },
  { name: 'Bob', fullName: 'Robert Brown' },
];
const names = people.map((p) => p.name);

describe('the summarizer’s structured record', () => {
  it('reads action items, open questions (once each) and groups, seats matched by name', () => {
    const read = readSummaryRecord(
      JSON.stringify({
        actionItems: [{ action: 'Cost the repairs', owner: 'ann' }],
        openQuestions: ['Who maintains it?', ' who maintains it? '],
        groups: [{ question: 'who pays?', stance: 'The region', seats: ['ANN', 'Bob'] }],
      }),
      free,
      people,
    );
    expect(read).toEqual({
      ok: true,
      record: {
        actionItems: [{ action: 'Cost the repairs', owner: 'Ann' }],
        openQuestions: ['Who maintains it?'],
        groups: [{ question: 3, stance: 'The region', seats: ['Ann', 'Bob'] }],
      },
    });
  });

  it('names what it cannot use', () => {
    const read = readSummaryRecord(
      '{"actionItems": [{"action": ""}], "openQuestions": [3], "groups": [{"question": "Why?", "stance": "x", "seats": []}]}',
      free,
      people,
    );
    expect(read.ok ? [] : read.problems).toEqual([
      'actionItems[0]: expected {"action": "…", "owner": "…"}',
      'openQuestions[0]: expected a question as text',
      'groups[0].question: "Why?" is not one of the questions listed',
    ]);
    expect(readSummaryRecord('All done!', free, people).ok).toBe(false);
  });

  it('asks for it with a strict schema and in words, with an example that reads back', () => {
    const schema = summaryRecordJsonSchema(free, names) as { required: string[] };
    expect(schema.required).toEqual(['actionItems', 'openQuestions', 'groups']);
    const text = summaryRecordInstruction(free, names);
    expect(text).toContain('1. Who pays?');
    const example = text.slice(text.indexOf('For example: ') + 'For example: '.length);
    expect(readSummaryRecord(example, free, people).ok).toBe(true);
  });

  it('asks for no groups when every question lists options', () => {
    const schema = summaryRecordJsonSchema([], names) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual(['actionItems', 'openQuestions']);
    expect(schema.properties.groups).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('"enum":[]');
    const read = readSummaryRecord('{"actionItems": [], "openQuestions": []}', [], people);
    expect(read).toEqual({ ok: true, record: { actionItems: [], openQuestions: [], groups: [] } });
  });
});

describe('action-item owners', () => {
  const owners = (...given: string[]) =>
    readSummaryRecord(
      JSON.stringify({
        actionItems: given.map((owner, i) => ({ action: `Step ${i + 1}`, owner })),
        openQuestions: [],
        groups: [],
      }),
      free,
      people,
    );

  it('asks for a seat by name or, in a branch of its own, someone outside the table', () => {
    const schema = summaryRecordJsonSchema(free, names) as {
      properties: { actionItems: { items: { properties: { owner: { anyOf: unknown[] } } } } };
    };
    expect(schema.properties.actionItems.items.properties.owner.anyOf).toEqual([
      { type: 'string', enum: ['Ann', 'Bob'], description: 'A participant.' },
      { type: 'string', description: expect.stringMatching(/outside the table/u) },
    ]);
  });

  it('makes a seat however it was written the seat’s name, and keeps a name or role from outside', () => {
    const read = owners('@bob', 'Ann Lee.', 'Robert Brown (planner)', '"Ann"', 'the town council');
    expect(read.ok ? read.record.actionItems.map((item) => item.owner) : read.problems).toEqual([
      'Bob',
      'Ann',
      'Bob',
      'Ann',
      'the town council',
    ]);
  });

  it('will not take a sentence for an owner, and says who could be named instead', () => {
    const read = owners('Ann', 'I think the town would carry it forever.', 'Who knows?', ' ');
    expect(read.ok ? [] : read.problems).toEqual([
      'actionItems[1].owner: "I think the town would carry it forever." is a sentence, not a person; name one of Ann, Bob, or someone outside the table in a few words',
      'actionItems[2].owner: "Who knows?" is a sentence, not a person; name one of Ann, Bob, or someone outside the table in a few words',
      'actionItems[3]: expected {"action": "…", "owner": "…"}',
    ]);
  });
});
