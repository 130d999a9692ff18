// What the summarizer is asked for after its prose: action items with owners, the questions left
// open, and (for questions without options) the seats' free-text positions grouped by stance.
import { z } from 'zod';
import { once } from '../once.js';
import { extractJson } from './extract-json.js';
import { type Person, readOwner } from './owner.js';
import type { QuestionRef } from './positions.js';

export interface StructuredSummary {
  readonly actionItems: readonly { readonly action: string; readonly owner: string }[];
  readonly openQuestions: readonly string[];
  readonly groups: readonly {
    readonly question: number;
    readonly stance: string;
    readonly seats: readonly string[];
  }[];
}

export type SummaryRead =
  | { readonly ok: true; readonly record: StructuredSummary }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Free-text positions grouped by stance: asked only for questions without options. */
function groupsSchema(
  freeQuestions: readonly QuestionRef[],
  names: readonly string[],
): Record<string, unknown> {
  return {
    type: 'array',
    description:
      'For each question below, the participants’ final positions grouped by stance, each participant in one group.',
    items: {
      type: 'object',
      properties: {
        question: { type: 'string', enum: freeQuestions.map((q) => q.text) },
        stance: { type: 'string' },
        seats: { type: 'array', items: { type: 'string', enum: [...names] } },
      },
      required: ['question', 'stance', 'seats'],
      additionalProperties: false,
    },
  };
}

/** Strict-mode JSON Schema for `response_format`. */
export function summaryRecordJsonSchema(
  freeQuestions: readonly QuestionRef[],
  names: readonly string[],
): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      actionItems: {
        type: 'array',
        description: 'What should happen next, each with who should do it.',
        items: {
          type: 'object',
          properties: {
            action: { type: 'string' },
            // A seat by name, or (a real model may know them) someone outside the table.
            owner: {
              description: 'Who should do it.',
              anyOf: [
                { type: 'string', enum: [...names], description: 'A participant.' },
                {
                  type: 'string',
                  description:
                    'Someone outside the table the discussion named, in a few words (a name or a role).',
                },
              ],
            },
          },
          required: ['action', 'owner'],
          additionalProperties: false,
        },
      },
      openQuestions: {
        type: 'array',
        description: 'Questions the discussion left open.',
        items: { type: 'string' },
      },
      // Without such a question there is nothing to group (and an empty enum is no schema).
      ...(freeQuestions.length === 0 ? {} : { groups: groupsSchema(freeQuestions, names) }),
    },
    required: ['actionItems', 'openQuestions', ...(freeQuestions.length === 0 ? [] : ['groups'])],
    additionalProperties: false,
  };
}

export function summaryRecordInstruction(
  freeQuestions: readonly QuestionRef[],
  names: readonly string[],
): string {
  const groups =
    freeQuestions.length === 0
      ? '"groups": [] (no question needs grouping).'
      : `"groups": for each of these questions, the participants' final positions grouped by stance (each participant in one group), as {"question", "stance", "seats": [names]}:\n${freeQuestions.map((q, i) => `${i + 1}. ${q.text}`).join('\n')}`;
  return [
    'Now, for the written record, answer with one JSON object and nothing else:',
    `"actionItems": what should happen next, as {"action", "owner"}; the owner is who should do it, by name: one of ${names.join(', ')}, or someone outside the table the discussion named (a name or a role, in a few words);`,
    '"openQuestions": the questions the discussion left open, each as a sentence;',
    groups,
    'For example: {"actionItems": [{"action": "Get a second estimate for the repairs", "owner": "' +
      (names[0] ?? 'Ann') +
      '"}], "openQuestions": ["Who maintains the route?"], "groups": []}',
  ].join('\n');
}

// Built on first use: a summary without a structured record reads none.
const itemSchema = once(() =>
  z.object({
    action: z.string().trim().min(1),
    owner: z.string().trim().min(1),
  }),
);
const recordSchema = once(() =>
  z.object({
    actionItems: z.array(z.unknown()).default([]),
    openQuestions: z.array(z.unknown()).default([]),
    groups: z.array(z.unknown()).default([]),
  }),
);
const groupSchema = once(() =>
  z.object({
    question: z.union([z.string(), z.number()]),
    stance: z.string().trim().min(1),
    seats: z.array(z.string()),
  }),
);

const normal = (text: string): string => text.normalize('NFC').trim().toLocaleLowerCase();

/** Reads the summarizer's structured answer; entries that break the rules are named. */
export function readSummaryRecord(
  text: string,
  freeQuestions: readonly QuestionRef[],
  people: readonly Person[],
): SummaryRead {
  const names = people.map((p) => p.name);
  const json = extractJson(text);
  const parsed = recordSchema().safeParse(json);
  if (json === undefined || !parsed.success) {
    return {
      ok: false,
      problems: ['expected one JSON object with "actionItems", "openQuestions" and "groups"'],
    };
  }
  const problems: string[] = [];
  const actionItems = parsed.data.actionItems.flatMap((raw, i) => {
    const item = itemSchema().safeParse(raw);
    if (!item.success) {
      problems.push(`actionItems[${i}]: expected {"action": "…", "owner": "…"}`);
      return [];
    }
    const owner = readOwner(item.data.owner, people);
    if (owner.ok) return [{ action: item.data.action, owner: owner.owner }];
    problems.push(
      `actionItems[${i}].owner: ${owner.problem}; name one of ${names.join(', ')}, or someone outside the table in a few words`,
    );
    return [];
  });
  const seen = new Set<string>();
  const openQuestions = parsed.data.openQuestions.flatMap((raw, i) => {
    if (typeof raw === 'string' && raw.trim() !== '') {
      // The same question asked twice is one open question.
      const key = normal(raw);
      if (seen.has(key)) return [];
      seen.add(key);
      return [raw.trim()];
    }
    problems.push(`openQuestions[${i}]: expected a question as text`);
    return [];
  });
  // A seat holds one stance per question: named again (in the same group or another), it stays
  // where it was first named, and a group left with nobody is dropped.
  const grouped = new Map<number, Set<string>>();
  const groups = parsed.data.groups.flatMap((raw, i) => {
    const group = groupSchema().safeParse(raw);
    if (!group.success) {
      problems.push(`groups[${i}]: expected {"question", "stance", "seats": [names]}`);
      return [];
    }
    const q = group.data.question;
    const question =
      typeof q === 'number'
        ? freeQuestions[q - 1]
        : freeQuestions.find((f) => normal(f.text) === normal(q));
    if (question === undefined) {
      problems.push(`groups[${i}].question: "${String(q)}" is not one of the questions listed`);
      return [];
    }
    const taken = grouped.get(question.index) ?? new Set<string>();
    grouped.set(question.index, taken);
    const seats = group.data.seats.flatMap((name) => {
      const seat = names.find((n) => normal(n) === normal(name));
      if (seat === undefined) problems.push(`groups[${i}].seats: "${name}" is not at the table`);
      if (seat === undefined || taken.has(seat)) return [];
      taken.add(seat);
      return [seat];
    });
    return seats.length === 0
      ? []
      : [{ question: question.index, stance: group.data.stance, seats }];
  });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, record: { actionItems, openQuestions, groups } };
}
