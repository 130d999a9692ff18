// Requests the server refuses: a 400 naming the field and an OpenAI error code, 413 over the body
// limit, an OpenAI-style 404 for an unknown route; the server answers normally afterwards.
import { describe, expect, it } from 'vitest';
import { buildDummyApp } from './app.js';
import { appClient } from './test-utils/app-client.js';

const client = appClient();
const { post } = client;

const valid = { model: 'markov', messages: [{ role: 'user', content: 'hello' }] };

describe('bad requests', () => {
  it.each([
    [
      'malformed JSON',
      '/v1/chat/completions',
      '{"model": "markov", "messages": [',
      null,
      'invalid_json',
    ],
    ['an empty body', '/v1/chat/completions', '', null, 'missing_body'],
    [
      'a __proto__ key',
      '/v1/chat/completions',
      '{"model":"m","messages":[],"__proto__":{"n":1}}',
      null,
      'invalid_json',
    ],
    ['a JSON array body', '/v1/chat/completions', '[1, 2]', null, 'invalid_type'],
    [
      'stream_options without stream',
      '/v1/chat/completions',
      { ...valid, stream_options: { include_usage: true } },
      'stream_options',
      'invalid_value',
    ],
    [
      'best_of below n',
      '/v1/completions',
      { model: 'markov', prompt: 'hello', n: 3, best_of: 2 },
      'best_of',
      'invalid_value',
    ],
    [
      'an unknown knob in the model name',
      '/v1/chat/completions',
      { ...valid, model: 'markov?mentoin=1' },
      'model',
      'unknown_knob',
    ],
    [
      'a knob out of range',
      '/v1/completions',
      { model: 'markov?repeat=2', prompt: 'hello' },
      'model',
      'invalid_knob',
    ],
    [
      'no model',
      '/v1/chat/completions',
      { messages: valid.messages },
      'model',
      'missing_required_parameter',
    ],
    [
      'an empty model',
      '/v1/chat/completions',
      { ...valid, model: '' },
      'model',
      'string_below_min_length',
    ],
    [
      'no messages',
      '/v1/chat/completions',
      { model: 'markov' },
      'messages',
      'missing_required_parameter',
    ],
    [
      'messages not a list',
      '/v1/chat/completions',
      { ...valid, messages: 'hi' },
      'messages',
      'invalid_type',
    ],
    [
      'no message at all',
      '/v1/chat/completions',
      { ...valid, messages: [] },
      'messages',
      'empty_array',
    ],
    [
      'a message without role',
      '/v1/chat/completions',
      { ...valid, messages: [{ content: 'x' }] },
      'messages[0].role',
      'missing_required_parameter',
    ],
    [
      'an unknown role',
      '/v1/chat/completions',
      { ...valid, messages: [{ role: 'robot', content: 'x' }] },
      'messages[0].role',
      'invalid_value',
    ],
    [
      'numeric content',
      '/v1/chat/completions',
      { ...valid, messages: [{ role: 'user', content: 42 }] },
      'messages[0].content',
      'invalid_type',
    ],
    [
      'a string temperature',
      '/v1/chat/completions',
      { ...valid, temperature: 'hot' },
      'temperature',
      'invalid_type',
    ],
    [
      'temperature above 2',
      '/v1/chat/completions',
      { ...valid, temperature: 3 },
      'temperature',
      'decimal_above_max_value',
    ],
    [
      'max_tokens 0',
      '/v1/chat/completions',
      { ...valid, max_tokens: 0 },
      'max_tokens',
      'integer_below_min_value',
    ],
    [
      'fractional max_tokens',
      '/v1/chat/completions',
      { ...valid, max_tokens: 1.5 },
      'max_tokens',
      'invalid_type',
    ],
    [
      'stream as a string',
      '/v1/chat/completions',
      { ...valid, stream: 'yes' },
      'stream',
      'invalid_type',
    ],
    ['n above 8', '/v1/chat/completions', { ...valid, n: 9 }, 'n', 'integer_above_max_value'],
    [
      'five stop sequences',
      '/v1/chat/completions',
      { ...valid, stop: ['a', 'b', 'c', 'd', 'e'] },
      'stop',
      'invalid_type',
    ],
    [
      'completions without model',
      '/v1/completions',
      { prompt: 'x' },
      'model',
      'missing_required_parameter',
    ],
    [
      'an object prompt',
      '/v1/completions',
      { model: 'm', prompt: { text: 'x' } },
      'prompt',
      'invalid_type',
    ],
  ])('answers %s with a 400 naming the field', async (_name, url, body, param, code) => {
    const response = await post(url, body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: Record<string, unknown> }>();
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(param);
    expect(error.code).toBe(code);
    expect(typeof error.message).toBe('string');
    if (param !== null) expect(error.message).toContain(`'${param}'`);
    // The server is still fine afterwards.
    expect((await post('/v1/chat/completions', valid)).statusCode).toBe(200);
  });

  it('answers a body over the limit with 413', async () => {
    const small = buildDummyApp({ bodyLimit: 2_000, logLevel: 'silent' });
    try {
      const big = { ...valid, messages: [{ role: 'user', content: 'word '.repeat(1_000) }] };
      const response = await post('/v1/chat/completions', big, small);
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({
        error: {
          message: "The request body is larger than this server's limit of 2000 bytes.",
          type: 'invalid_request_error',
          param: null,
          code: 'request_too_large',
        },
      });
      expect((await post('/v1/chat/completions', valid, small)).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('has a 1 MB limit by default', async () => {
    const content = 'word '.repeat(220_000);
    const response = await post('/v1/chat/completions', {
      ...valid,
      messages: [{ role: 'user', content }],
    });
    expect(response.statusCode).toBe(413);
  });

  it.each([
    ['GET', '/v1/unknown'],
    ['POST', '/v1/engines/davinci/completions'],
    ['GET', '/v1/chat/completions'],
    ['DELETE', '/health'],
  ] as const)('answers %s %s with an OpenAI-style 404', async (method, url) => {
    const response = await client.app.inject({ method, url });
    expect(response.statusCode).toBe(404);
    const { error } = response.json<{ error: Record<string, unknown> }>();
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      param: null,
      code: 'unknown_url',
    });
    expect(error.message).toContain(url);
  });
});
