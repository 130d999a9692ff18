import { describe, expect, it } from 'vitest';
import { listModels } from './list-models.js';
import { closedPort, openAIError } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import { TEST_KEY } from './test-utils/run-model.js';

const fake = fakeOpenAIPerTest();

const models = (...ids: string[]) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
});

describe('listModels', () => {
  it('returns the ids from GET /models, sent with the key', async () => {
    fake.enqueue({ kind: 'json', status: 200, body: models('llama-3-8b', 'mistral-7b') });
    const ids = await listModels({ baseUrl: fake.baseUrl, apiKey: TEST_KEY, timeoutMs: 1000 });

    expect(ids).toEqual(['llama-3-8b', 'mistral-7b']);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('a rejected key is a fatal auth error naming the endpoint', async () => {
    fake.enqueue({ kind: 'json', status: 401, body: openAIError('invalid key') });
    const error = await listModels({
      baseUrl: fake.baseUrl,
      apiKey: TEST_KEY,
      timeoutMs: 1000,
      name: 'openrouter',
      apiKeyEnv: 'OPENROUTER_API_KEY',
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'auth', fatal: true, status: 401 });
    expect((error as Error).message).toContain(`openrouter (${fake.baseUrl})`);
    expect((error as Error).message).toContain('OPENROUTER_API_KEY');
  });

  it('a 404 says the endpoint has no model list, suggesting the base URL', async () => {
    fake.enqueue({ kind: 'json', status: 404, body: openAIError('not here') });
    const error = await listModels({
      baseUrl: fake.baseUrl,
      apiKey: TEST_KEY,
      timeoutMs: 1000,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'not-found', fatal: true });
    expect((error as Error).message).toContain('has no model list');
    expect((error as Error).message).toContain('/v1');
  });

  it('is asked once, without retries, and a refused connection says so', async () => {
    const port = await closedPort();
    const error = await listModels({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      apiKey: TEST_KEY,
      timeoutMs: 1000,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'connection' });
    expect((error as Error).message).toContain('is the server running?');
  });

  it('times out after timeoutMs', async () => {
    fake.enqueue({ kind: 'no-response' });
    const error = await listModels({
      baseUrl: fake.baseUrl,
      apiKey: TEST_KEY,
      timeoutMs: 100,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });
});
