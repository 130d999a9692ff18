import { describe, expect, it } from 'vitest';
import type { QuestionRef } from './positions.js';
import {
  readSummaryRecord,
  summaryRecordInstruction,
  summaryRecordJsonSchema,
} from './summary-record.js';

const free: QuestionRef[] = [{ index: 3, text: 'Who pays?', options: [] }];
const names = ['Ann', 'Bob'];

describe('the summarizer’s structured record', () => {
  it('reads action items, open questions (once each) and groups, seats matched by name', () => {
    const read = readSummaryRecord(
      JSON.stringify({
        actionItems: [{ action: 'Cost the repairs', owner: 'ann' }],
        openQuestions: ['Who maintains it?', ' who maintains it? '],
        groups: [{ question: 'who pays?', stance: 'The region', seats: ['ANN', 'Bob'] }],
      }),
      free,
      names,
    );
    expect(read).toEqual({
      ok: true,
      record: {
        actionItems: [{ action: 'Cost the repairs', owner: 'ann' }],
        openQuestions: ['Who maintains it?'],
        groups: [{ question: 3, stance: 'The region', seats: ['Ann', 'Bob'] }],
      },
    });
  });

  it('names what it cannot use', () => {
    const read = readSummaryRecord(
      '{"actionItems": [{"action": ""}], "openQuestions": [3], "groups": [{"question": "Why?", "stance": "x", "seats": []}]}',
      free,
      names,
    );
    expect(read.ok ? [] : read.problems).toEqual([
      'actionItems[0]: expected {"action": "…", "owner": "…"}',
      'openQuestions[0]: expected a question as text',
      'groups[0].question: "Why?" is not one of the questions listed',
    ]);
    expect(readSummaryRecord('All done!', free, names).ok).toBe(false);
  });

  it('asks for it with a strict schema and in words, with an example that reads back', () => {
    const schema = summaryRecordJsonSchema(free, names) as { required: string[] };
    expect(schema.required).toEqual(['actionItems', 'openQuestions', 'groups']);
    const text = summaryRecordInstruction(free, names);
    expect(text).toContain('1. Who pays?');
    const example = text.slice(text.indexOf('For example: ') + 'For example: '.length);
    expect(readSummaryRecord(example, free, names).ok).toBe(true);
  });

  it('asks for no groups when every question lists options', () => {
    const schema = summaryRecordJsonSchema([], names) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual(['actionItems', 'openQuestions']);
    expect(schema.properties.groups).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('"enum":[]');
    const read = readSummaryRecord('{"actionItems": [], "openQuestions": []}', [], names);
    expect(read).toEqual({ ok: true, record: { actionItems: [], openQuestions: [], groups: [] } });
  });
});
