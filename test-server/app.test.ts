import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDummyApp, dummyStats } from './app.js';
import { sentencesOf } from './model/sentences.js';
import { TALK_TEXT } from './model/talk-corpus.js';
import { type Chunk, fixture, sseChunks } from './test-utils/sse.js';
import { countTokens } from './tokens.js';

const turn5 = JSON.parse(fixture('turn5-request.json')) as {
  model: string;
  messages: { role: string; content: string }[];
};

interface ChatCompletion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

interface TextCompletion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; text: string; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

let app: FastifyInstance;
beforeAll(async () => {
  app = buildDummyApp({ seed: 7, logLevel: 'silent' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function post(url: string, body: unknown, target = app) {
  return target.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function chat(body: Record<string, unknown>, target = app): Promise<ChatCompletion> {
  const response = await post('/v1/chat/completions', { model: 'markov', ...body }, target);
  expect(response.statusCode).toBe(200);
  return response.json<ChatCompletion>();
}

async function chatStream(body: Record<string, unknown>): Promise<Chunk[]> {
  const response = await post('/v1/chat/completions', { model: 'markov', ...body, stream: true });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
  return sseChunks(response.body);
}

const promptTokens = (messages: readonly { content: string }[]): number =>
  messages.reduce((sum, message) => sum + countTokens(message.content), 0);

describe('POST /v1/chat/completions', () => {
  it('answers with an OpenAI chat.completion object', async () => {
    const before = Math.floor(Date.now() / 1000);
    const reply = await chat({ ...turn5, model: 'gpt-4o-mini' });
    expect(reply.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    expect(reply.object).toBe('chat.completion');
    expect(Number.isInteger(reply.created)).toBe(true);
    expect(reply.created).toBeGreaterThanOrEqual(before);
    expect(reply.model).toBe('gpt-4o-mini');
    expect(reply.choices).toHaveLength(1);
    const [choice] = reply.choices;
    expect(choice?.index).toBe(0);
    expect(choice?.message.role).toBe('assistant');
    expect(choice?.message.content.trim()).not.toBe('');
    expect(['stop', 'length']).toContain(choice?.finish_reason);
    const content = choice?.message.content ?? '';
    expect(reply.usage).toEqual({
      prompt_tokens: promptTokens(turn5.messages),
      completion_tokens: countTokens(content),
      total_tokens: promptTokens(turn5.messages) + countTokens(content),
    });
  });

  it('draws its words from what was said and its built-in talk, never from the system message', async () => {
    const reply = await chat({ messages: turn5.messages, temperature: 0.7 });
    const said = turn5.messages.filter((message) => message.role !== 'system');
    const promptWords = new Set(
      [...said.map((message) => message.content), TALK_TEXT].flatMap((text) => text.split(/\s+/)),
    );
    for (const word of reply.choices[0]?.message.content.split(' ') ?? []) {
      // Words keep their punctuation; a sentence end may gain a period.
      expect(promptWords.has(word) || promptWords.has(word.replace(/\.$/, ''))).toBe(true);
    }
  });

  it.each([1, 5, 17, 64])('respects max_tokens=%i', async (maxTokens) => {
    const reply = await chat({ messages: turn5.messages, max_tokens: maxTokens });
    const tokens = countTokens(reply.choices[0]?.message.content ?? '');
    expect(tokens).toBeLessThanOrEqual(maxTokens);
    expect(reply.usage.completion_tokens).toBe(tokens);
    if (tokens < maxTokens) expect(reply.choices[0]?.finish_reason).toBe('stop');
  });

  it('cuts at max_completion_tokens with finish_reason length when asked to ignore the end', async () => {
    const reply = await chat({
      messages: turn5.messages,
      max_completion_tokens: 300,
      ignore_eos: true,
    });
    expect(reply.usage.completion_tokens).toBe(300);
    expect(countTokens(reply.choices[0]?.message.content ?? '')).toBe(300);
    expect(reply.choices[0]?.finish_reason).toBe('length');
  });

  it('rambles to max_tokens with the ramble knob', async () => {
    const reply = await chat({
      model: 'markov?ramble=1',
      messages: turn5.messages,
      max_tokens: 333,
    });
    expect(reply.usage.completion_tokens).toBe(333);
    expect(reply.choices[0]?.finish_reason).toBe('length');
    expect(reply.model).toBe('markov?ramble=1');
  });

  it('runs every reply to max_tokens when the server ignores the end, unless the request says otherwise', async () => {
    const filling = buildDummyApp({ seed: 7, logLevel: 'silent', ignoreEos: true });
    try {
      const full = await chat({ messages: turn5.messages, max_tokens: 250 }, filling);
      expect(full.usage.completion_tokens).toBe(250);
      expect(full.choices[0]?.finish_reason).toBe('length');
      const natural = await chat(
        { messages: turn5.messages, max_tokens: 250, ignore_eos: false },
        filling,
      );
      expect(natural.usage.completion_tokens).toBeLessThan(250);
      expect(natural.choices[0]?.finish_reason).toBe('stop');
    } finally {
      await filling.close();
    }
  });

  it('never recites the system message, however short the conversation', async () => {
    // No server seed, so each request's own seed gives it a different walk.
    const unseeded = buildDummyApp({ logLevel: 'silent' });
    const system = {
      role: 'system',
      content: [
        'You are Zanzibarian the quixotic harbour pilot.',
        'Zanzibarian loves tides, lanterns and the old lighthouse keepers.',
        'Zanzibarian distrusts committees and speaks in short sentences.',
        'Zanzibarian remembers every storm since the year the pier burned.',
        'When Zanzibarian agrees, Zanzibarian says so plainly and moves on.',
      ].join(' '),
    };
    const contains = async (messages: unknown[]) => {
      const replies = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((seed) =>
          chat({ messages, max_tokens: 300, seed, temperature: 1 }, unseeded),
        ),
      );
      return replies.filter((r) => r.choices[0]?.message.content.includes('Zanzibarian')).length;
    };
    try {
      const said = turn5.messages.filter((m: { role: string }) => m.role !== 'system');
      expect(await contains([system, ...said])).toBe(0);
      const opening = [system, { role: 'user', content: 'Moderator: Welcome. Please begin.' }];
      expect(await contains(opening)).toBe(0);
    } finally {
      await unseeded.close();
    }
  });

  it('never walks the same word pair twice in one sentence', async () => {
    for (const seed of [1, 2, 3]) {
      const reply = await chat({ messages: turn5.messages, max_tokens: 600, seed, temperature: 1 });
      for (const sentence of (reply.choices[0]?.message.content ?? '').split(/(?<=[.!?])\s+/)) {
        const words = sentence.split(' ');
        const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
        expect(new Set(pairs).size, sentence).toBe(pairs.length);
      }
    }
  });

  it('writes n choices, each with its index', async () => {
    const reply = await chat({ messages: turn5.messages, n: 3 });
    expect(reply.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(new Set(reply.choices.map((choice) => choice.message.content)).size).toBe(3);
    const total = reply.choices.reduce(
      (sum, choice) => sum + countTokens(choice.message.content),
      0,
    );
    expect(reply.usage.completion_tokens).toBe(total);
  });

  it('ends before a stop sequence', async () => {
    const reply = await chat({ messages: turn5.messages, stop: ['.', '?'] });
    expect(reply.choices[0]?.message.content).not.toMatch(/[.?]/);
    expect(reply.choices[0]?.finish_reason).toBe('stop');
  });

  it('accepts content parts and any content type', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'text', text: turn5.messages[1]?.content }] }],
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<ChatCompletion>().choices[0]?.message.content).not.toBe('');
  });
});

describe('streaming chat completions', () => {
  it('streams role first, then content, then finish_reason, usage and [DONE]', async () => {
    const chunks = await chatStream({
      messages: turn5.messages,
      model: 'my-model',
      stream_options: { include_usage: true },
    });
    const first = chunks[0];
    expect(first?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    for (const chunk of chunks) {
      expect(chunk.id).toBe(first?.id);
      expect(chunk.id).toMatch(/^chatcmpl-/);
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.created).toBe(first?.created);
      expect(chunk.model).toBe('my-model');
    }
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    const choiceChunks = chunks.slice(0, -1);
    const last = choiceChunks.at(-1);
    expect(['stop', 'length']).toContain(last?.choices[0]?.finish_reason);
    for (const chunk of choiceChunks.slice(0, -1))
      expect(chunk.choices[0]?.finish_reason).toBeNull();
    const text = choiceChunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    // One token per delta, and usage counts them the same way.
    expect(choiceChunks.length - 2).toBe(countTokens(text));
    expect(usageChunk?.usage).toEqual({
      prompt_tokens: promptTokens(turn5.messages),
      completion_tokens: countTokens(text),
      total_tokens: promptTokens(turn5.messages) + countTokens(text),
    });
  });

  it('streams the same text as the non-streamed reply to the same request', async () => {
    const body = { messages: turn5.messages, temperature: 0.9, max_tokens: 80 };
    const whole = await chat(body);
    const chunks = await chatStream(body);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe(whole.choices[0]?.finish_reason);
  });

  it('sends no usage chunk unless asked', async () => {
    const chunks = await chatStream({ messages: turn5.messages });
    expect(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(
      true,
    );
  });

  it('streams every choice of n, each opened by its role and closed by its finish_reason', async () => {
    const chunks = await chatStream({ messages: turn5.messages, n: 2 });
    for (const index of [0, 1]) {
      const own = chunks.flatMap((chunk) =>
        chunk.choices.filter((choice) => choice.index === index),
      );
      expect(own[0]?.delta?.role).toBe('assistant');
      expect(own.at(-1)?.finish_reason).not.toBeNull();
      expect(own.slice(0, -1).every((choice) => choice.finish_reason === null)).toBe(true);
    }
  });
});

describe('POST /v1/completions', () => {
  it('answers with a text_completion, 16 tokens by default as OpenAI does', async () => {
    const response = await post('/v1/completions', {
      model: 'davinci-002',
      prompt: turn5.messages[1]?.content,
    });
    expect(response.statusCode).toBe(200);
    const reply = response.json<TextCompletion>();
    expect(reply.id).toMatch(/^cmpl-/);
    expect(reply.object).toBe('text_completion');
    expect(reply.model).toBe('davinci-002');
    expect(Number.isInteger(reply.created)).toBe(true);
    const [choice] = reply.choices;
    expect(choice?.index).toBe(0);
    expect(choice?.text).not.toBe('');
    expect(countTokens(choice?.text ?? '')).toBeLessThanOrEqual(16);
    expect(reply.usage.completion_tokens).toBe(countTokens(choice?.text ?? ''));
    expect(reply.usage.prompt_tokens).toBe(countTokens(turn5.messages[1]?.content ?? ''));
  });

  it('streams text chunks that add up to the non-streamed text', async () => {
    const body = { model: 'm', prompt: [turn5.messages[1]?.content, 'More text.'], max_tokens: 40 };
    const whole = (await post('/v1/completions', body)).json<TextCompletion>();
    const response = await post('/v1/completions', {
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = sseChunks(response.body);
    for (const chunk of chunks) expect(chunk.object).toBe('text_completion');
    const text = chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('');
    expect(text).toBe(whole.choices[0]?.text);
    expect(chunks.at(-1)?.usage).toEqual(whole.usage);
  });

  it('answers token-id prompts from the built-in text', async () => {
    const response = await post('/v1/completions', { model: 'm', prompt: [1, 2, 3] });
    expect(response.statusCode).toBe(200);
    expect(response.json<TextCompletion>().choices[0]?.text).not.toBe('');
  });
});

describe('a prompt with little to say', () => {
  const talkWords = new Set(sentencesOf([TALK_TEXT]).flatMap((sentence) => sentence.split(' ')));

  it.each([
    ['a greeting', [{ role: 'user', content: 'hi' }]],
    ['empty content', [{ role: 'user', content: '' }]],
    ['emoji only', [{ role: 'user', content: '🙂🎉👍' }]],
    [
      'whitespace',
      [
        { role: 'system', content: '  \n ' },
        { role: 'user', content: '\t' },
      ],
    ],
    [
      'null content',
      [
        { role: 'assistant', content: null },
        { role: 'user', content: '?' },
      ],
    ],
    ['a bare URL', [{ role: 'user', content: 'https://example.com/a/b' }]],
  ])('answers %s with talk of its own', async (_name, messages) => {
    for (const temperature of [0, 1, 2]) {
      const reply = await chat({ messages, temperature });
      const content = reply.choices[0]?.message.content ?? '';
      expect(content.trim()).not.toBe('');
      for (const word of content.split(' ')) {
        expect(talkWords.has(word) || talkWords.has(word.replace(/\.$/, ''))).toBe(true);
      }
    }
  });
});

describe('determinism', () => {
  const body = { messages: turn5.messages, temperature: 1 };

  it('gives the same reply to the same request under the same seed', async () => {
    const other = buildDummyApp({ seed: 7, logLevel: 'silent' });
    try {
      const a = await chat(body);
      const b = await chat(body, other);
      expect(b.choices[0]?.message.content).toBe(a.choices[0]?.message.content);
      const differentSeed = buildDummyApp({ seed: 8, logLevel: 'silent' });
      try {
        const c = await chat(body, differentSeed);
        expect(c.choices[0]?.message.content).not.toBe(a.choices[0]?.message.content);
      } finally {
        await differentSeed.close();
      }
    } finally {
      await other.close();
    }
  });

  it('varies without a seed, except at temperature 0 or with a request seed', async () => {
    const unseeded = buildDummyApp({ logLevel: 'silent' });
    try {
      const texts = async (extra: Record<string, unknown>) => {
        const replies = [];
        for (let i = 0; i < 4; i++)
          replies.push((await chat({ ...body, ...extra }, unseeded)).choices[0]?.message.content);
        return new Set(replies).size;
      };
      expect(await texts({})).toBeGreaterThan(1);
      expect(await texts({ temperature: 0 })).toBe(1);
      expect(await texts({ seed: 123 })).toBe(1);
    } finally {
      await unseeded.close();
    }
  });
});

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
    const response = await app.inject({ method, url });
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

describe('other endpoints and bookkeeping', () => {
  it('lists its model and answers to any model id', async () => {
    const list = (await app.inject({ method: 'GET', url: '/v1/models' })).json<{
      object: string;
      data: { id: string; object: string }[];
    }>();
    expect(list.object).toBe('list');
    expect(list.data.map((model) => model.id)).toContain('markov');
    const one = await app.inject({ method: 'GET', url: '/v1/models/anything-at-all' });
    expect(one.json()).toMatchObject({ id: 'anything-at-all', object: 'model' });
  });

  it('reports health', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('counts replies and tokens', async () => {
    const before = { ...dummyStats(app) };
    const reply = await chat({ messages: turn5.messages, max_tokens: 30 });
    const after = dummyStats(app);
    expect(after.replies).toBe(before.replies + 1);
    expect(after.tokens).toBe(before.tokens + reply.usage.completion_tokens);
    expect(after.active).toBe(0);
  });

  it('logs one line per request at info level, none when silent', async () => {
    const lines: string[] = [];
    const logged = buildDummyApp({
      logLevel: 'info',
      logStream: { write: (line: string) => lines.push(line) },
    });
    try {
      await post('/v1/chat/completions', { ...valid, max_tokens: 9, ignore_eos: true }, logged);
      await post(
        '/v1/chat/completions',
        { ...valid, stream: true, max_tokens: 4, ignore_eos: true },
        logged,
      );
      await logged.inject({ method: 'GET', url: '/nope' });
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/ info POST \/v1\/chat\/completions 200 \d+\.\d ms 9 tokens\n$/);
      expect(lines[1]).toMatch(/ info POST \/v1\/chat\/completions 200 \d+\.\d ms 4 tokens\n$/);
      expect(lines[2]).toMatch(/ info GET \/nope 404 \d+\.\d ms\n$/);
    } finally {
      await logged.close();
    }
    const quiet: string[] = [];
    const silent = buildDummyApp({
      logLevel: 'warn',
      logStream: { write: (line: string) => quiet.push(line) },
    });
    try {
      await post('/v1/chat/completions', valid, silent);
      expect(quiet).toEqual([]);
    } finally {
      await silent.close();
    }
  });

  it('rejects impossible options with a message naming them', () => {
    expect(() => buildDummyApp({ contextWords: 0 })).toThrow(
      /contextWords must be an integer >= 1/,
    );
    expect(() => buildDummyApp({ tokensPerSecond: -1 })).toThrow(/tokensPerSecond/);
    expect(() => buildDummyApp({ logLevel: 'loud' as 'info' })).toThrow(/logLevel must be one of/);
  });
});
