// Streamed chat completions: the chunks' order and shape, the same text as a whole reply, usage
// only when asked, every choice of n.
import { describe, expect, it } from 'vitest';
import { appClient, promptTokens, turn5 } from './test-utils/app-client.js';
import { countTokens } from './tokens.js';

const { chat, chatStream } = appClient();

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

  it('sends a whole reply longer than one slice as it streams it, every choice', async () => {
    // Over 2,048 tokens a choice: the whole reply goes on from its first slice a turn later.
    const body = { messages: turn5.messages, max_tokens: 2_500, ignore_eos: true, n: 2 };
    const whole = await chat(body);
    const chunks = await chatStream(body);
    for (const index of [0, 1]) {
      const text = chunks
        .flatMap((chunk) => chunk.choices.filter((choice) => choice.index === index))
        .map((choice) => choice.delta?.content ?? '')
        .join('');
      expect(countTokens(text)).toBe(2_500);
      expect(whole.choices[index]?.message.content).toBe(text);
    }
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
