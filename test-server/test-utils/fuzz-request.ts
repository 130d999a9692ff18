// Property-based fuzzing of the dummy server's request handling: requests of every shape a
// client could send (valid ones, each field replaced by any JSON, broken bodies, odd knobs and
// schemas), and what the server made of each. Shared by test-server/fuzz.test.ts and
// scripts/fuzz-report.ts (the figures in docs/reliability.md).

import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { SchemaFactory } from '../json/random-schema.js';
import { randomFrom } from '../prng.js';

export interface FuzzRequest {
  readonly url: string;
  readonly body: string;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
/** A field's value: usually a sensible one, sometimes anything at all. */
const field = <T>(sensible: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 15, arbitrary: sensible }, { weight: 1, arbitrary: anyJson });

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    'Moderator: Ines, the floor is yours (turn 3 of 10). Topic: the viaduct.',
    'Tomasz: I think we should reopen the line.',
    'Moderator: Please summarize the discussion.',
    'Moderator: How urgently do you want to speak, 0-9? Answer with one digit.',
    '',
    ' \n\n ',
    'You are Ann (Ann Lee, a baker).\n\nContext:\nA town.\n\nAt the table:\n- Bo (Bo Ek)\n\nInstructions:\nBe brief.',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const message = fc.record(
  {
    role: field(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('system', 'user', 'assistant') },
        { weight: 1, arbitrary: fc.constantFrom('developer', 'tool', 'moderator') },
      ),
    ),
    content: field(
      fc.oneof(
        text,
        fc.constant(null),
        fc.array(fc.record({ type: fc.constantFrom('text', 'image_url'), text }), {
          maxLength: 3,
        }),
      ),
    ),
    name: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: ['role', 'content'] },
);

const schema = fc
  .integer({ min: 0, max: 2 ** 31 - 1 })
  .map((seed) => new SchemaFactory(randomFrom(String(seed))).root());

const responseFormat = fc.oneof(
  fc.constant({ type: 'json_object' }),
  fc.constant({ type: 'text' }),
  schema.map((s) => ({ type: 'json_schema', json_schema: { name: 'answer', schema: s } })),
  fc.record({
    type: fc.constant('json_schema'),
    json_schema: fc.record({ name: fc.string(), schema: anyJson, strict: fc.boolean() }),
  }),
);

const model = fc.oneof(
  fc.constantFrom(
    'markov',
    'markov?mention=0.9&repeat=0.3',
    'markov?ramble=1',
    'markov?pass=1&bid=7',
    'markov?bad_json=1',
    'markov?nonsense=2',
    'markov?mention=2',
    'markov?&&=',
    'gpt-4o',
  ),
  fc.string({ maxLength: 30 }),
);

const chat = fc.record(
  {
    model: field(model),
    messages: field(fc.array(message, { maxLength: 5 })),
    temperature: field(fc.double({ min: 0, max: 2, noNaN: true })),
    top_p: field(fc.double({ min: 0, max: 1, noNaN: true })),
    max_tokens: field(fc.integer({ min: 1, max: 120 })),
    max_completion_tokens: field(fc.integer({ min: 1, max: 120 })),
    n: field(fc.integer({ min: 1, max: 3 })),
    stream: field(fc.boolean()),
    stream_options: field(fc.record({ include_usage: field(fc.boolean()) })),
    stop: field(
      fc.oneof(
        fc.string({ maxLength: 5 }),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
      ),
    ),
    seed: field(fc.integer()),
    response_format: field(responseFormat),
    ignore_eos: field(fc.boolean()),
    prompt: field(text),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  { weight: 6, arbitrary: chat.map((request) => JSON.stringify(request)) },
  { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: chat.map((request) => JSON.stringify(request).slice(0, -3)),
  },
);

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  url: fc.oneof(
    { weight: 8, arbitrary: fc.constant('/v1/chat/completions') },
    { weight: 2, arbitrary: fc.constant('/v1/completions') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '/v1/models',
        '/health',
        '/v1/nothing',
        '/v1/chat/completions?x=1',
      ),
    },
  ),
  body,
});

export type FuzzOutcome =
  | { readonly kind: 'answered' | 'refused' }
  | { readonly kind: 'crashed'; readonly error: string };

interface ErrorBody {
  error?: { message?: unknown; type?: unknown };
}

/**
 * Sends one request (Fastify's inject, no socket) and judges the answer: a 2xx whose body is a
 * completion with text in every choice (or an SSE stream that ends with [DONE]), or a 4xx in
 * OpenAI's error shape with a message. Anything else (a 5xx, an empty reply, a throw) crashed.
 */
export async function requestOutcome(
  app: FastifyInstance,
  request: FuzzRequest,
): Promise<FuzzOutcome> {
  try {
    const method = /models|health/.test(request.url) ? 'GET' : 'POST';
    // As a stream, read as a client reads: inject's buffered response never emits 'drain', so a
    // long stream that waits for it (a real socket's backpressure) would hang there.
    const response = await app.inject({
      method,
      url: request.url,
      headers: { 'content-type': 'application/json' },
      payloadAsStream: true,
      ...(method === 'POST' ? { payload: request.body } : {}),
    });
    const { statusCode } = response;
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream()) chunks.push(Buffer.from(chunk as Uint8Array));
    const payload = Buffer.concat(chunks).toString('utf8');
    if (statusCode >= 400 && statusCode < 500) {
      const parsed = JSON.parse(payload) as ErrorBody;
      const message = parsed.error?.message;
      if (typeof message === 'string' && message !== '' && typeof parsed.error?.type === 'string')
        return { kind: 'refused' };
      return { kind: 'crashed', error: `${statusCode} without an error message: ${payload}` };
    }
    if (statusCode !== 200) return { kind: 'crashed', error: `${statusCode}: ${payload}` };
    if (method === 'GET') return { kind: 'answered' };
    if (response.headers['content-type']?.toString().startsWith('text/event-stream')) {
      if (!payload.trimEnd().endsWith('data: [DONE]'))
        return { kind: 'crashed', error: `a stream without [DONE]: ${payload.slice(-200)}` };
      return { kind: 'answered' };
    }
    const parsed = JSON.parse(payload) as {
      choices?: { message?: { content?: unknown }; text?: unknown; finish_reason?: unknown }[];
    };
    const choices = parsed.choices ?? [];
    // A reply that begins with a stop sequence is empty, as OpenAI's is; nothing else may be.
    const stopped = (finish: unknown) => finish === 'stop' && hasStop(request.body);
    const empty =
      choices.length === 0 ||
      choices.some((choice) => {
        const content = choice.message?.content ?? choice.text;
        if (content === '' && stopped(choice.finish_reason)) return false;
        return typeof content !== 'string' || content.trim() === '';
      });
    if (empty) return { kind: 'crashed', error: `an empty reply: ${payload.slice(0, 300)}` };
    return { kind: 'answered' };
  } catch (error) {
    return { kind: 'crashed', error: String((error as Error)?.stack ?? error) };
  }
}

function hasStop(body: string): boolean {
  try {
    const { stop } = JSON.parse(body) as { stop?: unknown };
    return (
      (typeof stop === 'string' && stop !== '') ||
      (Array.isArray(stop) && stop.some((s) => typeof s === 'string' && s !== ''))
    );
  } catch {
    return false;
  }
}
