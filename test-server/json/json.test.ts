import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatorRequest } from '../../src/engine/policies/moderator.js';
import {
  summaryRecordInstruction,
  summaryRecordJsonSchema,
} from '../../src/outcome/summary-record.js';
import { buildDummyApp } from '../app.js';
import { sfc32 } from '../prng.js';
import { engineRequests } from '../test-utils/engine-requests.js';
import { SchemaFactory } from './random-schema.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = buildDummyApp({ logLevel: 'silent' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const turn = [
  { role: 'system', content: 'You are Ann Lee, a structural engineer.' },
  { role: 'user', content: 'Bob: Parks need upkeep money. Ann, what would a tram cost per year?' },
];

async function ask(format: unknown, extra: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    payload: { model: 'markov', messages: turn, response_format: format, ...extra },
  });
  return {
    status: response.statusCode,
    body: response.json<{
      choices?: { message: { content: string }; finish_reason: string }[];
      error?: { message: string; param: string | null; code: string | null };
    }>(),
  };
}

const jsonSchema = (schema: unknown, name = 'answer') => ({
  type: 'json_schema',
  json_schema: { name, strict: true, schema },
});

/** The offline model's structured answer to a chat request, parsed. */
async function answerOf(payload: Record<string, unknown>) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    payload: { model: 'markov', ...payload },
  });
  return JSON.parse(response.json().choices[0].message.content);
}

describe('response_format json_schema', () => {
  it('answers 1,000 generated schemas with 1,000 values a real validator accepts', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats.default(ajv);
    const factory = new SchemaFactory(sfc32(1, 2, 3, 4));
    const failures: unknown[] = [];
    for (let i = 0; i < 1000; i++) {
      const schema = factory.root();
      const { status, body } = await ask(jsonSchema(schema), { temperature: 0.8, seed: i });
      const content = body.choices?.[0]?.message.content ?? '';
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch {
        failures.push({ schema, status, content: content || body.error?.message });
        continue;
      }
      const validate = ajv.compile(schema);
      if (status !== 200 || !validate(value)) {
        failures.push({ schema, value, errors: validate.errors });
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
  }, 120_000);

  it.each([
    ['minimum above maximum', { type: 'number', minimum: 2, maximum: 1 }, 'minimum'],
    ['an empty integer range', { type: 'integer', minimum: 0.2, maximum: 0.8 }, 'type'],
    [
      'no multiple in range',
      { type: 'integer', minimum: 1, maximum: 2, multipleOf: 5 },
      'multipleOf',
    ],
    ['minLength above maxLength', { type: 'string', minLength: 9, maxLength: 3 }, 'minLength'],
    ['minItems above maxItems', { type: 'array', minItems: 4, maxItems: 1 }, 'minItems'],
    ['an empty enum', { type: 'string', enum: [] }, 'enum'],
    ['an enum of the wrong type', { type: 'integer', enum: ['a', 'b'] }, 'enum'],
    ['a const out of range', { type: 'integer', minimum: 5, const: 1 }, 'const'],
    [
      'a required property that may not exist',
      { type: 'object', properties: {}, required: ['x'], additionalProperties: false },
      'required',
    ],
    [
      'too few distinct items',
      { type: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true, minItems: 3 },
      'uniqueItems',
    ],
    ['a pattern', { type: 'string', pattern: '^[a-z]+$' }, 'pattern'],
    ['not', { not: { type: 'string' } }, 'not'],
    ['if/then', JSON.parse('{"if": {"type": "string"}, "then": {"minLength": 2}}'), 'if'],
    ['an unknown format', { type: 'string', format: 'phone' }, 'format'],
    ['a remote $ref', { $ref: 'https://example.com/s.json' }, '$ref'],
    [
      'recursion with no end',
      {
        $defs: { a: { type: 'object', properties: { a: { $ref: '#/$defs/a' } }, required: ['a'] } },
        $ref: '#/$defs/a',
      },
      '$ref',
    ],
  ])('answers %s with a 400 naming the keyword', async (_name, schema, keyword) => {
    const wrapped = { type: 'object', properties: { x: schema }, required: ['x'] };
    const { status, body } = await ask(jsonSchema(wrapped, 'probe'));
    expect(status).toBe(400);
    expect(body.error?.param).toBe('response_format');
    expect(body.error?.code).toBe('invalid_json_schema');
    expect(body.error?.message).toContain(`'${keyword}'`);
    expect(body.error?.message).toContain("response_format 'probe'");
  });

  it('streams the same JSON as it answers whole', async () => {
    const format = jsonSchema({
      type: 'object',
      properties: {
        position: { type: 'string' },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['position', 'confidence'],
      additionalProperties: false,
    });
    const whole = await ask(format, { seed: 5 });
    const streamed = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: { model: 'markov', messages: turn, response_format: format, seed: 5, stream: true },
    });
    const text = streamed.body
      .split('\n\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)).choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toBe(whole.body.choices?.[0]?.message.content);
    expect(JSON.parse(text)).toMatchObject({ position: expect.any(String) });
  });
});

describe('response_format json_object', () => {
  it('follows the JSON example the prompt shows, placeholders and optional keys too', async () => {
    const messages = [
      ...turn,
      {
        role: 'user',
        content:
          'Moderator: Answer in JSON like {"next": "<name>", "reason": "<one line>", "confidence": 0.5, "steer?": "<optional>"}.',
      },
    ];
    for (const seed of [1, 2, 3]) {
      const value = await answerOf({ messages, seed, response_format: { type: 'json_object' } });
      expect(Object.keys(value)).toEqual(expect.arrayContaining(['next', 'reason', 'confidence']));
      expect(typeof value.next).toBe('string');
      expect(value.confidence).toBeGreaterThanOrEqual(0);
      expect(value.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('answers an object even when the prompt shows none', async () => {
    const { status, body } = await ask({ type: 'json_object' });
    expect(status).toBe(200);
    expect(JSON.parse(body.choices?.[0]?.message.content ?? '')).toEqual({
      answer: expect.any(String),
    });
  });

  it('breaks its JSON on purpose with bad_json=1', async () => {
    const { body } = await ask({ type: 'json_object' }, { model: 'markov?bad_json=1' });
    expect(() => JSON.parse(body.choices?.[0]?.message.content ?? '')).toThrow();
  });
});

describe('answers that fit the conversation', () => {
  it("a moderator's {next, reason, steer, action}: the seat just asked, and why", async () => {
    const { requests } = await engineRequests({ seed: 3, turns: 8 });
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['next', 'reason', 'steer', 'action'],
      properties: {
        next: { type: 'string', enum: ['Ann', 'Bob', 'Cy', 'Dee'] },
        reason: { type: 'string' },
        steer: { type: ['string', 'null'] },
        action: { type: 'string', enum: ['continue', 'next-topic', 'end'] },
      },
    };
    const history = requests[5]?.messages ?? [];
    const messages = [
      { role: 'system', content: 'You moderate a discussion. Choose who speaks next.' },
      {
        role: 'user',
        content: `${history
          .slice(1)
          .map((m) => m.content)
          .join('\n\n')}\n\nDee: I have said my piece. Bob, would the planning office back a levy?`,
      },
    ];
    const actions = new Map<string, number>();
    for (let seed = 0; seed < 20; seed++) {
      const value = await answerOf({ messages, seed, response_format: jsonSchema(schema) });
      expect(value.next).toBe('Bob');
      expect(value.reason).toMatch(/Bob/);
      actions.set(value.action, (actions.get(value.action) ?? 0) + 1);
    }
    expect(actions.get('continue')).toBeGreaterThan(12);
  });

  it("a moderator's action: 'end' only as the turns run out, or when the seats propose it", async () => {
    const seats = ['Ann', 'Bob', 'Cy', 'Dee'].map((name, i) => ({
      seat: i + 1,
      name,
      fullName: `${name} Example`,
      creativity: 0.5,
      prompt: `You are ${name}.`,
    }));
    const entries = [
      { kind: 'turn' as const, seat: 1, speaker: 'Ann', text: 'Parks need upkeep money.' },
      { kind: 'turn' as const, seat: 2, speaker: 'Bob', text: 'A tram costs more per year.' },
    ];
    /** How many of 200 asks end the discussion, with this many turns left. */
    const ends = async (turnsLeft: number, proposedEnd: string[] = []) => {
      const request = moderatorRequest(
        {
          participants: seats,
          context: 'A town decides what to build.',
          topic: 'What should we build?',
          entries,
          candidates: ['Ann', 'Cy', 'Dee'],
          proposedEnd,
          turnsLeft,
        },
        {},
      );
      const format = request.responseFormat;
      if (format?.type !== 'json_schema') throw new Error('the moderator asks for a schema');
      let count = 0;
      for (let seed = 0; seed < 200; seed++) {
        const answer = await answerOf({
          messages: request.messages,
          seed,
          response_format: jsonSchema(format.schema, format.name),
        });
        if (answer.action === 'end') count++;
      }
      return count;
    };
    // 30 turns left: a moderator lets the discussion go on (it was ~5% of asks, whatever the
    // budget, which ended a long run near its 20th turn).
    expect(await ends(30)).toBe(0);
    const late = await ends(1);
    expect(late).toBeGreaterThan(20);
    expect(late).toBeLessThan(90);
    expect(await ends(3)).toBeLessThan(late);
    expect(await ends(3, ['Ann', 'Cy'])).toBeGreaterThan(await ends(3));
  }, 60_000);

  it("the summary record's stance groups: each names someone, and each person once while some are left", async () => {
    const { requests } = await engineRequests({ seed: 3, turns: 8 });
    const request = requests[6];
    if (request === undefined) throw new Error('no request');
    const names = ['Ann', 'Bob', 'Cy', 'Dee'];
    const free = [
      { index: 1, text: 'What should the river bank become?', options: [] },
      { index: 2, text: 'Who pays for the upkeep?', options: [] },
    ];
    const messages = [
      ...request.messages,
      { role: 'user', content: `Moderator: ${summaryRecordInstruction(free, names)}` },
    ];
    let groups = 0;
    for (let seed = 0; seed < 30; seed++) {
      const record = (await answerOf({
        messages,
        seed,
        response_format: jsonSchema(summaryRecordJsonSchema(free, names), 'record'),
      })) as {
        groups: { seats: string[] }[];
      };
      const placed = new Set<string>();
      for (const group of record.groups) {
        groups++;
        expect(group.seats.length).toBeGreaterThan(0);
        expect(new Set(group.seats).size).toBe(group.seats.length);
        // Someone in two stances only once everyone stands somewhere.
        if (group.seats.some((seat) => placed.has(seat))) expect(placed.size).toBe(names.length);
        for (const seat of group.seats) placed.add(seat);
      }
    }
    expect(groups).toBeGreaterThan(20);
  });

  it('a closing position: the question at hand, an option, a confidence, a reason', async () => {
    const { requests } = await engineRequests({ seed: 3, turns: 8 });
    const request = requests[6];
    if (request === undefined) throw new Error('no request');
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['question', 'position', 'confidence', 'changedMind', 'because'],
      properties: {
        question: { type: 'string' },
        position: { type: 'string', enum: ['park', 'housing', 'tram'] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        changedMind: { type: 'boolean' },
        because: { type: 'string' },
      },
    };
    const value = await answerOf({
      messages: request.messages,
      seed: 1,
      response_format: jsonSchema(schema),
    });
    expect(value.question).toMatch(/\?$/);
    expect(['park', 'housing', 'tram']).toContain(value.position);
    expect(value.confidence).toBeGreaterThan(0.5);
    expect(value.because).toMatch(/^Because /);
  });
});
