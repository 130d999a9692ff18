import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../engine/model.js';
import { listModels } from './list-models.js';
import { createOpenAIModel } from './openai-model.js';
import { closedPort, openAIError, type Reply } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import { harness, run, TEST_KEY } from './test-utils/run-model.js';

// Servers do echo keys: OpenAI puts a masked key in its 401, proxies echo headers back.
const echo = (prefix: string) =>
  `${prefix} (key ${TEST_KEY}, header "Authorization: Bearer ${TEST_KEY}")`;

const fake = fakeOpenAIPerTest();

/** Every way the key could leak out of a failure: message, inspection, serialization. */
function expectNoKey(error: unknown, ...alsoShown: unknown[]): void {
  expect(error).toBeInstanceOf(ModelError);
  const shown = [
    (error as Error).message,
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
    String(error),
    ...alsoShown.map((value) => JSON.stringify(value)),
  ].join('\n');
  expect(shown).not.toContain(TEST_KEY);
  expect(shown).not.toContain(encodeURIComponent(TEST_KEY));
  expect(shown).not.toContain('SECRET');
}

// Small timeouts only where the case is a timeout, so slow CI cannot turn a 401 into one.
const quick = { timeoutMs: 100, stallTimeoutMs: 100 };

const failures: Record<string, { replies: Reply[]; kind: string; options?: typeof quick }> = {
  auth: {
    replies: [{ kind: 'json', status: 401, body: openAIError(echo('Incorrect API key provided')) }],
    kind: 'auth',
  },
  forbidden: {
    replies: [{ kind: 'json', status: 403, body: openAIError(echo('not allowed')) }],
    kind: 'auth',
  },
  'not-found': {
    replies: [{ kind: 'json', status: 404, body: openAIError(echo('no such model')) }],
    kind: 'not-found',
  },
  'bad-request': {
    replies: [{ kind: 'json', status: 400, body: openAIError(echo('bad field')) }],
    kind: 'bad-request',
  },
  'rate-limit': {
    replies: [
      {
        kind: 'json',
        status: 429,
        body: openAIError(echo('slow down')),
        headers: { 'retry-after': '1' },
      },
      {
        kind: 'json',
        status: 429,
        body: openAIError(echo('slow down')),
        headers: { 'retry-after': '1' },
      },
    ],
    kind: 'rate-limit',
  },
  quota: {
    replies: [
      {
        kind: 'json',
        status: 429,
        body: openAIError(echo('quota'), 'insufficient_quota', 'insufficient_quota'),
      },
    ],
    kind: 'rate-limit',
  },
  server: {
    replies: [
      { kind: 'json', status: 500, body: openAIError(echo('crashed')) },
      { kind: 'json', status: 500, body: openAIError(echo('crashed')) },
    ],
    kind: 'server',
  },
  'stream error event': {
    replies: Array.from({ length: 2 }, () => ({
      kind: 'stream' as const,
      steps: [
        {
          kind: 'raw' as const,
          data: `data: ${JSON.stringify(openAIError(echo('mid-stream failure')))}\n\n`,
        },
      ],
    })),
    kind: 'server',
  },
  malformed: {
    replies: Array.from({ length: 2 }, () => ({
      kind: 'stream' as const,
      steps: [{ kind: 'raw' as const, data: `data: {"oops": "${TEST_KEY}"\n\n` }],
    })),
    kind: 'protocol',
  },
  'dropped connection': {
    replies: Array.from({ length: 2 }, () => ({
      kind: 'stream' as const,
      steps: [{ kind: 'drop' as const }],
    })),
    kind: 'connection',
  },
  'request timeout': {
    replies: [{ kind: 'no-response' }, { kind: 'no-response' }],
    kind: 'timeout',
    options: quick,
  },
  'stall timeout': {
    replies: Array.from({ length: 2 }, () => ({
      kind: 'stream' as const,
      steps: [{ kind: 'hang' as const }],
    })),
    kind: 'timeout',
    options: quick,
  },
  'no finish_reason': {
    replies: Array.from({ length: 2 }, () => ({
      kind: 'stream' as const,
      steps: [{ kind: 'done' as const }],
    })),
    kind: 'protocol',
  },
};

describe('the API key never appears in what a failure shows', () => {
  it.each(Object.entries(failures))('%s', async (_, { replies, kind, options }) => {
    fake.enqueue(...replies);
    const { model } = harness(fake.baseUrl, { retries: 1, ...options });
    const { error, chunks } = await run(model);

    expect(error).toMatchObject({ kind });
    // The retry notices carry the same messages; they must be clean too.
    expectNoKey(error, chunks);
  });

  it('connection refused, with the key in the base URL query', async () => {
    const port = await closedPort();
    const { model } = harness(`http://127.0.0.1:${port}/v1?api-key=${TEST_KEY}`, { retries: 1 });
    const { error, chunks } = await run(model);
    expect(error).toMatchObject({ kind: 'connection' });
    expectNoKey(error, chunks);
  });

  it('a base URL with the key as user info is refused up front', () => {
    let error: unknown;
    try {
      createOpenAIModel({
        baseUrl: `http://user:${TEST_KEY}@127.0.0.1:1/v1`,
        apiKey: TEST_KEY,
        model: 'm',
        timeoutMs: 100,
        stallTimeoutMs: 100,
        retries: 0,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ kind: 'bad-request', fatal: true });
    expect((error as Error).message).toContain('contains credentials');
    expectNoKey(error);
  });

  it.each([401, 404, 500])('listing models, HTTP %i', async (status) => {
    fake.enqueue({ kind: 'json', status, body: openAIError(echo('nope')) });
    const error = await listModels({
      baseUrl: fake.baseUrl,
      apiKey: TEST_KEY,
      timeoutMs: 1000,
    }).catch((caught: unknown) => caught);
    expectNoKey(error);
  });
});
