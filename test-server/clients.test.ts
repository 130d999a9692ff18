// Conformance: three independent OpenAI clients, streaming and not, against a real socket.
// None may error or lose text: each streamed text must equal the same request's whole reply.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from './server.js';
import { fixture } from './test-utils/sse.js';
import { countTokens } from './tokens.js';

const turn5 = JSON.parse(fixture('turn5-request.json')) as {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
};
const promptTokens = turn5.messages.reduce((sum, message) => sum + countTokens(message.content), 0);

let server: DummyServer;
beforeAll(async () => {
  server = await startDummyServer({ seed: 11, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
});

describe('the official openai client', () => {
  const client = () => new OpenAI({ baseURL: server.url, apiKey: 'not-needed', maxRetries: 0 });
  const request = { model: 'markov', messages: turn5.messages, temperature: 0.8, max_tokens: 120 };

  it('creates a chat completion', async () => {
    const reply = await client().chat.completions.create(request);
    const content = reply.choices[0]?.message.content ?? '';
    expect(content).not.toBe('');
    expect(reply.choices[0]?.message.role).toBe('assistant');
    expect(reply.usage?.completion_tokens).toBe(countTokens(content));
    expect(reply.usage?.prompt_tokens).toBe(promptTokens);
  });

  it('streams the same text, with usage', async () => {
    const whole = await client().chat.completions.create(request);
    const stream = await client().chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(finish).toBe(whole.choices[0]?.finish_reason);
    expect(usage).toEqual(whole.usage);
  });

  it('assembles a stream with chat.completions.stream().finalChatCompletion()', async () => {
    const whole = await client().chat.completions.create(request);
    const runner = client().chat.completions.stream({
      ...request,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    runner.on('content', (delta) => deltas.push(delta));
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.role).toBe('assistant');
    expect(final.choices[0]?.message.content).toBe(whole.choices[0]?.message.content);
    expect(deltas.join('')).toBe(whole.choices[0]?.message.content);
    expect(final.choices[0]?.finish_reason).toBe(whole.choices[0]?.finish_reason);
    expect(final.usage).toEqual(whole.usage);
  });

  it('uses legacy completions, streamed and not', async () => {
    const params = { model: 'markov', prompt: turn5.messages[1]?.content ?? '', max_tokens: 50 };
    const whole = await client().completions.create(params);
    expect(whole.choices[0]?.text).not.toBe('');
    let text = '';
    for await (const chunk of await client().completions.create({ ...params, stream: true })) {
      text += chunk.choices[0]?.text ?? '';
    }
    expect(text).toBe(whole.choices[0]?.text);
  });

  it('lists models and reads errors as APIError with status, param and code', async () => {
    const models = await client().models.list();
    expect(models.data.map((model) => model.id)).toContain('markov');
    const failure = await client()
      .chat.completions.create({ model: 'markov', messages: [] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect(failure).toMatchObject({ status: 400, param: 'messages', code: 'empty_array' });
  });
});

describe('the AI SDK with @ai-sdk/openai-compatible', () => {
  const provider = () =>
    createOpenAICompatible({
      name: 'markov',
      baseURL: server.url,
      apiKey: 'not-needed',
      includeUsage: true,
    });
  // The SDK wants the system message in `system` (it warns about one inside `messages`); the
  // request it sends is the same.
  const [system, ...conversation] = turn5.messages;
  const settings = () => ({
    model: provider().chatModel('markov'),
    system: system?.content,
    messages: conversation,
    temperature: 0.8,
    maxOutputTokens: 120,
    maxRetries: 0,
  });

  it('generates text', async () => {
    const result = await generateText(settings());
    expect(result.text).not.toBe('');
    expect(['stop', 'length']).toContain(result.finishReason);
    expect(result.usage.outputTokens).toBe(countTokens(result.text));
    expect(result.usage.inputTokens).toBe(promptTokens);
  });

  it('streams the same text, with usage', async () => {
    const whole = await generateText(settings());
    const errors: unknown[] = [];
    const result = streamText({ ...settings(), onError: ({ error }) => void errors.push(error) });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(errors).toEqual([]);
    expect(text).toBe(whole.text);
    expect(await result.finishReason).toBe(whole.finishReason);
    expect((await result.usage).outputTokens).toBe(whole.usage.outputTokens);
  });
});

describe('LangChain ChatOpenAI', () => {
  const model = () =>
    new ChatOpenAI({
      model: 'markov',
      apiKey: 'not-needed',
      configuration: { baseURL: server.url },
      temperature: 0.8,
      maxTokens: 120,
      maxRetries: 0,
      streamUsage: true,
    });
  const messages = turn5.messages.map(
    (message) => [message.role, message.content] as [string, string],
  );

  it('invokes', async () => {
    const reply = await model().invoke(messages);
    expect(typeof reply.content).toBe('string');
    expect(reply.content).not.toBe('');
    expect(reply.usage_metadata?.output_tokens).toBe(countTokens(String(reply.content)));
    expect(reply.usage_metadata?.input_tokens).toBe(promptTokens);
  });

  it('streams the same text, with usage', async () => {
    const whole = await model().invoke(messages);
    let text = '';
    let outputTokens: number | undefined;
    for await (const chunk of await model().stream(messages)) {
      text += String(chunk.content);
      outputTokens = chunk.usage_metadata?.output_tokens ?? outputTokens;
    }
    expect(text).toBe(whole.content);
    expect(outputTokens).toBe(whole.usage_metadata?.output_tokens);
  });
});
