// response_format json_schema and json_object: values a real validator accepts for 1,000
// generated schemas, a 400 naming the keyword it cannot meet, the same JSON streamed.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sfc32 } from '../prng.js';
import { jsonClient, jsonSchema, turn } from '../test-utils/json-client.js';
import { SchemaFactory } from './random-schema.js';

const client = jsonClient();
const { ask, answerOf } = client;

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
    const streamed = await client.app.inject({
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
