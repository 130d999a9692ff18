// POST /v1/chat/completions answered whole: the OpenAI object, its words (from what was said and
// the built-in talk, never the system message), the token limits, n choices and stop sequences.
import { describe, expect, it } from 'vitest';
import { buildDummyApp } from './app.js';
import { sentencesOf } from './model/sentences.js';
import { TALK_TEXT } from './model/talk-corpus.js';
import { appClient, type ChatCompletion, promptTokens, turn5 } from './test-utils/app-client.js';
import { countTokens } from './tokens.js';

const client = appClient();
const { chat, chatStream } = client;

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

  it('ends a ramble with no max_tokens at 4,096 tokens, whole or streamed, as ignore_eos', async () => {
    // Without an end a rambling chat reply with no max_tokens was written for ever (the fuzz
    // test's timeout in session 16's clean-clone run).
    const body = { model: 'markov?ramble=1', messages: turn5.messages, seed: 3 };
    const reply = await chat(body);
    expect(reply.usage.completion_tokens).toBe(4096);
    expect(reply.choices[0]?.finish_reason).toBe('length');
    const chunks = await chatStream({ ...body, stream_options: { include_usage: true } });
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(4096);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
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
    const response = await client.app.inject({
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
