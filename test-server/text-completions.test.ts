// POST /v1/completions: a text_completion whole or streamed, and token-id prompts.
import { describe, expect, it } from 'vitest';
import { appClient, type TextCompletion, turn5 } from './test-utils/app-client.js';
import { sseChunks } from './test-utils/sse.js';
import { countTokens } from './tokens.js';

const { post } = appClient();

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
