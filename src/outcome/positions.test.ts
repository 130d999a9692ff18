import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson } from './extract-json.js';
import { positionsInstruction, positionsText, repairInstruction } from './position-prompts.js';
import type { QuestionRef } from './positions.js';
import { positionsJsonSchema } from './positions-schema.js';
import { readPositions } from './read-positions.js';

const questions: QuestionRef[] = [
  { index: 0, text: 'Should the line reopen?', options: ['trains', 'trail', 'housing'] },
  { index: 2, text: 'Who should pay?', options: [] },
];

const entry = (over: Record<string, unknown> = {}) => ({
  question: 'Should the line reopen?',
  position: 'trail',
  confidence: 0.8,
  changedMind: true,
  because: 'Cheaper, and the viaduct holds walkers.',
  ranking: ['trail', 'housing', 'trains'],
  ...over,
});
const free = {
  question: 'Who should pay?',
  position: 'The region, mostly.',
  confidence: 0.5,
  changedMind: false,
  because: 'It gains most.',
  ranking: null,
};

describe('readPositions', () => {
  it('reads a valid answer, options matched as written and the ranking headed by the position', () => {
    const read = readPositions(JSON.stringify({ positions: [entry(), free] }), questions, 'ranked');
    expect(read).toEqual({
      ok: true,
      missing: [],
      positions: [
        {
          question: 0,
          position: 'trail',
          confidence: 0.8,
          changedMind: true,
          because: 'Cheaper, and the viaduct holds walkers.',
          ranking: ['trail', 'housing', 'trains'],
        },
        {
          question: 2,
          position: 'The region, mostly.',
          confidence: 0.5,
          changedMind: false,
          because: 'It gains most.',
        },
      ],
    });
  });

  it('forgives what is plain: a code fence, prose around it, case, percentages, question numbers', () => {
    const text = `Here you go:\n\`\`\`json\n${JSON.stringify({
      positions: [
        entry({ question: 'Q1', position: ' Trail ', confidence: '80%', ranking: ['HOUSING'] }),
        { ...free, question: 2 },
      ],
    })}\n\`\`\`\nThanks.`;
    const read = readPositions(text, questions, 'ranked');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.positions[0]).toMatchObject({
      position: 'trail',
      confidence: 0.8,
      ranking: ['trail', 'housing'],
    });
    // Question numbers count the questions asked, in order: 2 is the second one asked.
    expect(read.positions[1]?.question).toBe(2);
  });

  it('lists the questions an answer leaves out', () => {
    const read = readPositions(JSON.stringify({ positions: [entry()] }), questions, 'ranked');
    expect(read).toMatchObject({ ok: true, missing: [2] });
  });

  it('says what is wrong, field by field, for a repair request', () => {
    const read = readPositions(
      JSON.stringify({
        positions: [
          entry({ position: 'tram', confidence: 7 }),
          entry({ question: 'What?', position: 'x' }),
          { question: 'Who should pay?' },
        ],
      }),
      questions,
      'ranked',
    );
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toContain(
      'positions[0].position: "tram" is not one of the options of "Should the line reopen?" (trains, trail, housing)',
    );
    expect(problems).toContain('positions[1].question: "What?" is not one of the questions asked');
    expect(problems.some((p) => p.startsWith('positions[2]: missing or mistyped position'))).toBe(
      true,
    );
  });

  it('refuses a reply without JSON, or with nothing usable', () => {
    expect(readPositions('I prefer the trail.', questions, 'ranked')).toEqual({
      ok: false,
      problems: ['the reply holds no JSON object'],
    });
    expect(readPositions('{"positions": []}', questions, 'ranked')).toEqual({
      ok: false,
      problems: ['no positions were given'],
    });
    expect(readPositions('{"answer": 1}', questions, 'ranked').ok).toBe(false);
  });

  it('reads approval and score votes', () => {
    const approval = readPositions(
      JSON.stringify({ positions: [entry({ ranking: undefined, approved: ['housing'] })] }),
      questions,
      'approval',
    );
    expect(approval.ok && approval.positions[0]?.approved).toEqual(['trail', 'housing']);
    const score = readPositions(
      JSON.stringify({
        positions: [
          entry({
            ranking: undefined,
            scores: [
              { option: 'trail', score: 9 },
              { option: 'Trains', score: '2' },
            ],
          }),
        ],
      }),
      questions,
      'score',
    );
    expect(score.ok && score.positions[0]?.scores).toEqual({ trail: 9, trains: 2 });
    const tooHigh = readPositions(
      JSON.stringify({ positions: [entry({ scores: { trail: 11 } })] }),
      questions,
      'score',
    );
    expect(tooHigh.ok ? [] : tooHigh.problems).toEqual([
      'positions[0].scores.trail: expected a score from 0 to 10, got 11',
    ]);
  });

  it('matches unicode options whatever their normalization', () => {
    const qs: QuestionRef[] = [{ index: 0, text: 'Wohin?', options: ['Z\u00fcge', '步道'] }];
    const read = readPositions(
      JSON.stringify({
        positions: [
          {
            question: 'Wohin?',
            position: 'zu\u0308ge',
            confidence: 1,
            changedMind: false,
            because: '',
            ranking: ['步道'],
          },
        ],
      }),
      qs,
      'ranked',
    );
    expect(read.ok && read.positions[0]).toMatchObject({
      position: 'Z\u00fcge',
      ranking: ['Z\u00fcge', '步道'],
    });
  });
});

describe('extractJson', () => {
  it('finds the object in prose and gives up on broken JSON', () => {
    expect(extractJson('sure: {"a": 1} ok')).toEqual({ a: 1 });
    expect(extractJson('[1, 2]')).toEqual([1, 2]);
    expect(extractJson('{"a": ')).toBeUndefined();
  });
});

describe('the request for positions', () => {
  it('is a strict JSON Schema: one answer per question, every property required, none other', () => {
    type Item = {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { enum?: string[]; type?: string }>;
    };
    const schema = positionsJsonSchema(questions, 'ranked') as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, Item>;
    };
    expect(schema.required).toEqual(['q1', 'q2']);
    expect(schema.additionalProperties).toBe(false);
    const { q1: choosing, q2: open } = schema.properties;
    for (const item of [choosing, open]) {
      expect(item?.additionalProperties).toBe(false);
      expect(item?.required.sort()).toEqual(Object.keys(item?.properties ?? {}).sort());
      expect(item?.required).toContain('ranking');
    }
    expect(choosing?.properties.position?.enum).toEqual(['trains', 'trail', 'housing']);
    expect(open?.properties.position?.enum).toBeUndefined();
    expect(open?.properties.ranking?.type).toBe('null');
    // A valid answer passes a validator built from the schema, and reads back; a free position on
    // a question with options, a missing answer or an unknown field does not pass.
    const { question: _q1, ...first } = entry();
    const { question: _q2, ...second } = free;
    const answer = { q1: first, q2: second };
    const validator = z.fromJSONSchema(schema as never);
    expect(validator.safeParse(answer).success).toBe(true);
    expect(readPositions(JSON.stringify(answer), questions, 'ranked')).toMatchObject({
      ok: true,
      missing: [],
      positions: [{ question: 0, position: 'trail' }, { question: 2 }],
    });
    expect(validator.safeParse({ ...answer, q3: second }).success).toBe(false);
    expect(validator.safeParse({ q1: first }).success).toBe(false);
    expect(validator.safeParse({ ...answer, q1: { ...first, position: 'maybe' } }).success).toBe(
      false,
    );
  });

  it('leaves the vote field out when no question lists options', () => {
    const schema = positionsJsonSchema([questions[1] as QuestionRef], 'ranked') as {
      properties: { q1: { required: string[] } };
    };
    expect(schema.properties.q1.required).not.toContain('ranking');
  });

  it('asks in words too, with the options and an example that reads back as valid', () => {
    const text = positionsInstruction(questions, 'ranked', 'closing');
    expect(text).toContain('1. Should the line reopen? Options: "trains", "trail", "housing".');
    expect(text).toContain('2. Who should pay?');
    const example = text.slice(text.indexOf('For example: ') + 'For example: '.length);
    expect(readPositions(example, questions, 'ranked').ok).toBe(true);
    expect(repairInstruction(['a', 'b'])).toBe(
      'Your answer could not be read:\n- a\n- b\nReply again with the corrected JSON object only: no other text, no code fence.',
    );
  });

  it('reads aloud as plain sentences', () => {
    const read = readPositions(JSON.stringify({ positions: [entry(), free] }), questions, 'ranked');
    expect(read.ok && positionsText(read.positions, questions)).toBe(
      'Should the line reopen? → trail (80% sure; I changed my mind). Cheaper, and the viaduct holds walkers.\nWho should pay? → The region, mostly. (50% sure.) It gains most.',
    );
  });

  it('gives a free-text position its own full stop, and the confidence a sentence of its own', () => {
    const said = (position: string) => {
      const answer = JSON.stringify({ positions: [{ ...free, position }] });
      const read = readPositions(answer, questions, 'ranked');
      return read.ok ? positionsText(read.positions, questions) : read.problems;
    };
    // Before: "… mostly. (50% sure)." with a full stop on each side of the bracket.
    expect(said('The region, mostly.')).toBe(
      'Who should pay? → The region, mostly. (50% sure.) It gains most.',
    );
    expect(said('Nobody yet?')).toBe('Who should pay? → Nobody yet? (50% sure.) It gains most.');
    expect(said('We will see…')).toBe('Who should pay? → We will see… (50% sure.) It gains most.');
    // A position that ends no sentence (an option, a phrase) takes the confidence inside its own.
    expect(said('The region, mostly')).toBe(
      'Who should pay? → The region, mostly (50% sure). It gains most.',
    );
  });
});
